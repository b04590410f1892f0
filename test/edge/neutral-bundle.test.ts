/**
 * The first stage must run in a Cloudflare Worker (workerd) as well as in Node. This bundles the
 * runtime-neutral surfaces (IndexReader, Searcher, CrossLingualSearcher, the lexicon pack reader,
 * the analyzers, the store layers) the way a Worker is bundled, esbuild for the worker condition
 * with nothing external, and checks what went in: no `node:` import or Node builtin, no native
 * addon (onnxruntime-node), no AWS SDK, and no eld n-gram table too big for a Worker isolate.
 * eslint.config.js keeps those imports out of the source files; this catches what arrives
 * transitively through packages too. Then it runs the bundle in workerd (Miniflare, no
 * nodejs_compat) over an index and a lexicon pack in R2, and checks it ranks like Node.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, openCorpusFile } from '../../lib/index/node.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import { catalogFromPack, CrossLingualSearcher, Searcher } from '../../lib/search/index.js';
import type { ObjectStore } from '../../lib/storage/index.js';
import { FileStore } from '../../lib/storage/node.js';
import { withTempDir } from '../helpers/corpus.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A Worker over the neutral surfaces: what the edge deployment imports, and nothing of Node. */
const WORKER = `
import { IndexReader } from ${JSON.stringify(repo('lib/index/index.ts'))};
import { catalogFromPack, CrossLingualSearcher, Searcher } from ${JSON.stringify(repo('lib/search/index.ts'))};
import { openLexiconPack } from ${JSON.stringify(repo('lib/lexicon/index.ts'))};
import { getAnalyzer } from ${JSON.stringify(repo('lib/text/index.ts'))};
import { MemoryCachedStore, R2Store, RetryingStore } from ${JSON.stringify(repo('lib/storage/index.ts'))};

export default {
  async fetch(request, env) {
    try {
      const { queries } = await request.json();
      const store = (prefix) =>
        new MemoryCachedStore(new RetryingStore(new R2Store(env.BUCKET, { prefix })), { maxBytes: 1 << 24 });
      const searcher = new Searcher(await IndexReader.open(store('index')));
      const psq = new CrossLingualSearcher(searcher, catalogFromPack(await openLexiconPack(store('lexicons')), 'r2'));
      const out = [];
      for (const { query, lang } of queries) {
        const options = { queryLang: lang, topK: 5 };
        out.push({
          terms: getAnalyzer(lang).analyze(query),
          bm25: (await searcher.search(query, options)).hits,
          psq: (await psq.search(query, options)).hits,
        });
      }
      return Response.json(out);
    } catch (e) {
      return Response.json({ error: String((e && e.stack) || e) }, { status: 500 });
    }
  },
};
`;

const QUERIES = [
  { query: 'who invented the telephone', lang: 'en' },
  { query: 'Wer erfand das Telefon', lang: 'de' },
  { query: 'quién descubrió la penicilina', lang: 'es' },
];

const NODE_BUILTINS = new Set(builtinModules);
/** Packages a Worker cannot load: a native addon, and the AWS SDK (Node's http, fs, child_process). */
const NODE_ONLY_PACKAGE_RE = /^(onnxruntime-node|@aws-sdk\/|@smithy\/)/;
/**
 * eld's medium and large n-gram tables: ~190 MB resident for medium, over a Worker isolate's
 * 128 MB. Known pending item: this holds once the Searcher takes an injected detector (lib/text
 * createLanguageDetector; lib/search/searcher.ts and lib/text/langid.ts, a change of its own in
 * progress), so a Worker ships only the table it asks for. Where searcher.ts still calls
 * lib/text's loadLanguageDetector, the medium table is in the bundle and that test names it: the
 * only offender left when the rest of the read path went neutral.
 */
const TOO_BIG_TABLE_RE = /node_modules\/eld\/src\/(ngrams|entries)\/(static\.)?(medium|large)\.js$/;

interface Offence {
  importer: string;
  imported: string;
}

/** Records every import of Node and leaves it external, so the build lists all offenders at once. */
function recordNodeImports(offences: Offence[]): Plugin {
  return {
    name: 'record-node-imports',
    setup(setupBuild) {
      setupBuild.onResolve({ filter: /.*/ }, ({ path, importer }) => {
        const bare = path.startsWith('node:') ? path : path.split('/')[0]!;
        if (path.startsWith('node:') || NODE_BUILTINS.has(bare) || NODE_ONLY_PACKAGE_RE.test(path)) {
          offences.push({ importer: importer.replace(repo(''), ''), imported: path });
          return { path, external: true };
        }
        return undefined;
      });
    },
  };
}

let bundleText = '';
let metafile: Metafile;
const offences: Offence[] = [];
let mf: Miniflare | undefined;

beforeAll(async () => {
  const result = await build({
    stdin: { contents: WORKER, resolveDir: repo('lib'), loader: 'js', sourcefile: 'neutral-worker.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['browser', 'module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [recordNodeImports(offences)],
  });
  bundleText = result.outputFiles[0]!.text;
  metafile = result.metafile;
});

afterAll(async () => {
  await mf?.dispose();
});

describe('the neutral read path', () => {
  it('bundles for a Worker with no Node import, native addon or AWS SDK', () => {
    // Assess
    expect(offences).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(
      inputs.filter((input) => /node_modules\/(onnxruntime-node|@aws-sdk|@smithy)\//.test(input)),
    ).toEqual([]);
    expect(inputs.filter((input) => input.endsWith('.node'))).toEqual([]);
    expect(bundleText).not.toMatch(/\bfrom\s*["']node:|\brequire\(["']node:|\bimport\(["']node:/);
    // The bundle holds the read path itself, not a stub of it.
    for (const file of ['lib/index/read/reader.ts', 'lib/lexicon/pack/read.ts', 'lib/search/searcher.ts']) {
      expect(inputs).toContain(file);
    }
  });

  it('carries no eld table too big for a Worker isolate', () => {
    // Assess: by what reached the output; an import() that tree shaking dropped costs nothing.
    const output = Object.values(metafile.outputs)[0]!;
    const shipped = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    expect(shipped.map(([input]) => input).filter((input) => TOO_BIG_TABLE_RE.test(input))).toEqual([]);
  });

  it('ranks in workerd, over R2, exactly as in Node', async () => {
    await withTempDir(async (dir) => {
      // Arrange: the demo index and the sample pack, built and read in Node, copied into R2.
      const index = new FileStore(`${dir}/index`);
      const corpus = await openCorpusFile(repo('samples/demo-corpus.jsonl'));
      await buildIndex(corpus.records, index, { shardDocs: 150 });
      const pack = new FileStore(repo('samples/lexicon-pack'));
      mf = new Miniflare({
        modules: true,
        script: bundleText,
        r2Buckets: ['BUCKET'],
        compatibilityDate: '2025-01-01',
      });
      const bucket = await mf.getR2Bucket('BUCKET');
      const copy = async (from: ObjectStore, prefix: string) => {
        for (const key of await from.list('')) await bucket.put(`${prefix}/${key}`, await from.get(key));
      };
      await copy(index, 'index');
      await copy(pack, 'lexicons');
      const searcher = new Searcher(await IndexReader.open(index));
      const psq = new CrossLingualSearcher(searcher, catalogFromPack(await openLexiconPack(pack), 'file'));
      // Act
      const response = await mf.dispatchFetch('http://edge.test/', {
        method: 'POST',
        body: JSON.stringify({ queries: QUERIES }),
      });
      const worker = (await response.json()) as Array<{ bm25: unknown[]; psq: unknown[] }>;
      // Assess
      expect(worker).not.toHaveProperty('error');
      for (const [i, { query, lang }] of QUERIES.entries()) {
        const options = { queryLang: lang, topK: 5 };
        expect(worker[i]!.bm25).toEqual((await searcher.search(query, options)).hits);
        expect(worker[i]!.psq).toEqual((await psq.search(query, options)).hits);
      }
      expect(worker.every((r) => r.psq.length > 0)).toBe(true);
    });
  });
});
