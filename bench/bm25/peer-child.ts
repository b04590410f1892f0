/**
 * Peers measured in the same run on the same documents and queries:
 * minisearch and orama, each in its own process so memory does not mix.
 */
import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search } from '@orama/orama';
import { getAnalyzer } from '../../lib/text/index.js';
import { readCorpusLines } from './corpus.js';
import { peakRssMb, timeQueries } from './stats.js';

const [peer, input, queriesPath, limit, depths] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
const maxDocs = Number(limit);
const ks = depths.split(',').map(Number);
const WARMUP_QUERIES = 50;

async function timeDepths(run: (k: number) => (q: string) => unknown) {
  for (const q of queries.slice(0, WARMUP_QUERIES)) await run(10)(q);
  const byDepth: Record<string, Awaited<ReturnType<typeof timeQueries>>> = {};
  for (const k of ks) byDepth[`top${k}`] = await timeQueries(queries, run(k));
  return byDepth;
}
// Both peers get xlir's English analyzer, so the comparison is between index
// structures and query evaluation, not between tokenizers or stopword lists.
const analyzer = getAnalyzer('en');

type BenchDoc = { id: string; text: string };

/** Feeds the first maxDocs documents to `add` in batches; returns the count and seconds taken. */
async function indexAll(
  add: (batch: BenchDoc[]) => unknown,
): Promise<{ docs: number; buildSeconds: number }> {
  const started = performance.now();
  let docs = 0;
  let batch: BenchDoc[] = [];
  for await (const doc of readCorpusLines(input)) {
    batch.push(doc);
    if (batch.length === 10_000) {
      await add(batch);
      batch = [];
    }
    if (++docs >= maxDocs) break;
  }
  await add(batch);
  return { docs, buildSeconds: (performance.now() - started) / 1000 };
}

async function minisearch() {
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize: (text) => analyzer.analyze(text),
    processTerm: (term) => term,
  });
  const built = await indexAll((batch) => index.addAll(batch));
  // minisearch has no top-k: it scores and sorts every match, then we cut.
  return { ...built, ...(await timeDepths((k) => (q) => index.search(q).slice(0, k))) };
}

async function orama() {
  const db = create({
    schema: { text: 'string' } as const,
    components: {
      tokenizer: {
        language: 'english',
        normalizationCache: new Map(),
        tokenize: (raw: string) => analyzer.analyze(raw),
      },
    },
  });
  const built = await indexAll((batch) => insertMultiple(db, batch));
  return { ...built, ...(await timeDepths((k) => (q) => search(db, { term: q, limit: k }))) };
}

const result = peer === 'minisearch' ? await minisearch() : await orama();
process.stdout.write(`${JSON.stringify({ peer, ...result, peakRssMb: peakRssMb() })}\n`);
