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

const [peer, input, queriesPath, limit] = process.argv.slice(2) as [string, string, string, string];
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
const maxDocs = Number(limit);
// Both peers get xlir's English analyzer, so the comparison is between index
// structures and query evaluation, not between tokenizers or stopword lists.
const analyzer = getAnalyzer('en');

async function minisearch() {
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize: (text) => analyzer.analyze(text),
    processTerm: (term) => term,
  });
  const started = performance.now();
  let docs = 0;
  let batch: Array<{ id: string; text: string }> = [];
  for await (const doc of readCorpusLines(input)) {
    batch.push(doc);
    if (batch.length === 10_000) {
      index.addAll(batch);
      batch = [];
    }
    if (++docs >= maxDocs) break;
  }
  index.addAll(batch);
  const buildSeconds = (performance.now() - started) / 1000;
  const run = (k: number) => (q: string) => index.search(q).slice(0, k);
  for (const q of queries) run(10)(q);
  return {
    docs,
    buildSeconds,
    top10: await timeQueries(queries, run(10)),
    top1000: await timeQueries(queries, run(1000)),
  };
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
  const started = performance.now();
  let docs = 0;
  let batch: Array<{ id: string; text: string }> = [];
  for await (const doc of readCorpusLines(input)) {
    batch.push(doc);
    if (batch.length === 10_000) {
      await insertMultiple(db, batch);
      batch = [];
    }
    if (++docs >= maxDocs) break;
  }
  await insertMultiple(db, batch);
  const buildSeconds = (performance.now() - started) / 1000;
  const run = (k: number) => (q: string) => search(db, { term: q, limit: k });
  for (const q of queries) await run(10)(q);
  return {
    docs,
    buildSeconds,
    top10: await timeQueries(queries, run(10)),
    top1000: await timeQueries(queries, run(1000)),
  };
}

const result = peer === 'minisearch' ? await minisearch() : await orama();
process.stdout.write(`${JSON.stringify({ peer, ...result, peakRssMb: peakRssMb() })}\n`);
