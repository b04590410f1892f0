import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_COMPATIBILITY_DATE, EDGE_LANGID_TABLE } from '../../functions/edge/constants.js';
import { createLanguageDetector, getAnalyzer } from '../../lib/text/index.js';
import { demoQueries } from './helpers.js';

/*
 * lib/text in workerd reads text as it does in Node: every sample document's analysed terms for
 * its language (what the index holds), and the Worker's language detector on every topic and
 * document. Regular-expression Unicode classes, NFKC, Intl.Segmenter and the stemmers all come
 * from the runtime, whose ICU and V8 differ from Node 20's; this is where a difference would show.
 */

const text = (file: string): string => fileURLToPath(new URL(`../../lib/text/${file}`, import.meta.url));
const CORPUS = fileURLToPath(new URL('../../samples/demo-corpus.jsonl', import.meta.url));

const WORKER = `
import { createDetectorFrom, getAnalyzer } from ${JSON.stringify(text('index.ts'))};

export default {
  async fetch(request) {
    const { docs, texts } = await request.json();
    const detector = await createDetectorFrom(${JSON.stringify(EDGE_LANGID_TABLE)}, { extrasmall: () => import('eld/extrasmall') });
    return Response.json({
      terms: docs.map((d) => getAnalyzer(d.lang).analyze(d.text)),
      detected: texts.map((t) => detector.detect(t)),
    });
  },
};
`;

interface CorpusDoc {
  id: string;
  lang: string;
  title?: string;
  text: string;
}

let mf: Miniflare | undefined;
let docs: Array<{ id: string; lang: string; text: string }>;

beforeAll(async () => {
  const lines = (await readFile(CORPUS, 'utf8')).trim().split('\n');
  // As the index builder analyses a record: its title, a newline, its text.
  docs = lines
    .map((line) => JSON.parse(line) as CorpusDoc)
    .map((d) => ({ id: d.id, lang: d.lang, text: d.title ? `${d.title}\n${d.text}` : d.text }));
  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: text('.'), loader: 'js', sourcefile: 'analyzer-worker.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'import'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: EDGE_COMPATIBILITY_DATE,
    cf: false,
  });
});

afterAll(async () => {
  await mf?.dispose();
});

describe('lib/text in workerd and in Node', () => {
  it('analyses every sample document into the same terms, and detects alike', async () => {
    const topics = (await demoQueries()).map((q) => q.query);
    const texts = [...topics, ...docs.map((d) => d.text)];
    // Act
    const res = await mf!.dispatchFetch('http://edge.test/', {
      method: 'POST',
      body: JSON.stringify({ docs, texts }),
    });
    const edge = (await res.json()) as { terms: string[][]; detected: unknown[] };
    // Assess
    expect(docs.length).toBe(400);
    const differing = docs.filter(
      (d, i) => JSON.stringify(edge.terms[i]) !== JSON.stringify(getAnalyzer(d.lang).analyze(d.text)),
    );
    expect(differing.map((d) => d.id)).toEqual([]);
    expect(new Set(docs.map((d) => d.lang)).size).toBe(8);
    const detector = await createLanguageDetector({ table: EDGE_LANGID_TABLE });
    expect(edge.detected).toEqual(texts.map((t) => detector.detect(t)));
  });
});
