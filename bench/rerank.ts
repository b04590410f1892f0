/**
 * `node --import tsx bench/rerank.ts [--models URI] [--model ID] [--threads N] [--batch-size N]
 * [--queries N] [--rounds N] [--lexicons PACK] [--cold-words]`: cross-encoder reranking throughput
 * and latency. A model that reads English glosses needs --lexicons: its glossing is timed as
 * tokenising. The tokenizer remembers the words it has seen (lib/rerank/tokenizer.ts), and these
 * requests reuse 400 demo passages, so later requests find most words known; --cold-words forgets
 * them before every timed request, leaving only what one request repeats (a lower bound).
 *
 * For each depth (20, 50, 100 candidates per query) and max_length (128, 256) it reports
 *   - pairs/s (at the median latency) and per-query latency (median, p95) of Reranker.rerank,
 *     the full API path;
 *   - the median share of that time spent tokenising;
 *   - the overhead of xlir's scoring (length bucketing, padding, tensors, reading scores, restoring
 *     order) over bare runs in the model's inference worker on the same pre-tokenised, pre-built
 *     batches
 *     (target ≤ 10%), as the median of per-query ratios, the two timed back to back.
 * Passages are the demo corpus (samples/, 8 languages), 1–6 passages glued together so lengths
 * spread across both max_lengths; queries are the demo queries. Defaults to the fixture models;
 * pass --models for real ones. Writes bench/out/rerank.json (rerank-gloss.json with --lexicons).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readDemoQueries, type DemoQuery } from '../lib/cli/index.js';
import { lengthBuckets } from '../lib/rerank/batching.js';
import {
  lexiconGlosser,
  releaseModels,
  Reranker,
  type RerankCandidate,
  type RerankModel,
} from '../lib/rerank/index.js';
import { seededRandom } from '../test/helpers/corpus.js';
import { openLexicons } from '../lib/search/node.js';
import { percentile } from './bm25/stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const { values } = parseArgs({
  options: {
    models: { type: 'string', default: join(root, 'test', 'fixtures', 'models', 'routing.json') },
    model: { type: 'string' },
    threads: { type: 'string' },
    'batch-size': { type: 'string', default: '16' },
    queries: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    lexicons: { type: 'string' },
    'cold-words': { type: 'boolean', default: false },
  },
});
const DEPTHS = [20, 50, 100];
const MAX_LENGTHS = [128, 256];
const batchSize = Number(values['batch-size']);
const rounds = Number(values.rounds);
const threads = values.threads === undefined ? undefined : Number(values.threads);
const lexicons = values.lexicons;
const glosser = lexicons === undefined ? undefined : lexiconGlosser(() => openLexicons(lexicons));

interface Passage {
  lang: string;
  text: string;
}

async function demoData(): Promise<{ queries: DemoQuery[]; passages: Passage[] }> {
  const corpus = (await readFile(join(root, 'samples', 'demo-corpus.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Passage);
  const queries = await readDemoQueries();
  return { queries: queries.slice(0, Number(values.queries)), passages: corpus };
}

function candidatesFor(passages: readonly Passage[], depth: number, random: () => number): RerankCandidate[] {
  return Array.from({ length: depth }, (_, i) => {
    const parts = 1 + Math.floor(random() * 6);
    const first = passages[Math.floor(random() * passages.length)]!;
    const glued = Array.from(
      { length: parts - 1 },
      () => passages[Math.floor(random() * passages.length)]!.text,
    );
    return { docId: `d${i}`, lang: first.lang, text: [first.text, ...glued].join(' '), bm25Score: depth - i };
  });
}

/**
 * xlir's scoring vs bare session.run on identical batches, as ours/raw. Which runs first
 * alternates, so neither side always finds the caches warm.
 */
async function overheadRatio(
  model: RerankModel,
  query: string,
  passages: string[],
  maxLength: number,
  oursFirst: boolean,
): Promise<number> {
  const encoded = model.encode(query, passages, maxLength);
  const batches = lengthBuckets(
    encoded.map((e) => e.ids.length),
    batchSize,
  );
  const feeds = batches.map((batch) => model.feeds(batch.map((j) => encoded[j]!)));
  const timeOurs = async () => {
    const t0 = performance.now();
    await model.scoreEncoded(encoded, batchSize);
    return performance.now() - t0;
  };
  const timeRaw = async () => {
    const t0 = performance.now();
    for (const feed of feeds) await model.session.run(feed, model.contract.output);
    return performance.now() - t0;
  };
  if (oursFirst) {
    const ours = await timeOurs();
    return ours / (await timeRaw());
  }
  const raw = await timeRaw();
  return (await timeOurs()) / raw;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

const { queries, passages } = await demoData();
const reranker = await Reranker.open(values.models!, {
  batchSize,
  ...(threads ? { threads } : {}),
  ...(glosser ? { glosser } : {}),
});
const modelId = values.model ?? reranker.registry.table.multilingual;
const [model] = await reranker.warm([modelId]);
console.error(
  `model ${modelId} (${model!.uri}), batch size ${batchSize}, ${queries.length} queries × ${rounds} rounds`,
);

const rows = [];
for (const maxLength of MAX_LENGTHS) {
  const bench = new Reranker(reranker.registry, {
    batchSize,
    maxLength,
    ...(threads ? { threads } : {}),
    ...(glosser ? { glosser } : {}),
  });
  const [benchModel] = await bench.warm([modelId]);
  for (const depth of DEPTHS) {
    const random = seededRandom(depth * 1000 + maxLength);
    const requests = queries.map((q) => ({ ...q, candidates: candidatesFor(passages, depth, random) }));
    const latencies: number[] = [];
    const tokenizeShares: number[] = [];
    const ratios: number[] = [];
    const run = (r: (typeof requests)[number]) =>
      bench.rerank({ query: r.query, queryLang: r.lang, candidates: r.candidates, model: modelId });
    await run(requests[0]!);
    for (let round = 0; round < rounds; round++) {
      for (const [i, r] of requests.entries()) {
        if (values['cold-words']) benchModel!.tokenizer.forgetWords();
        const { timing } = await run(r);
        latencies.push(timing.totalMs);
        tokenizeShares.push(timing.tokenizeMs / timing.totalMs);
        const texts = r.candidates.map((c) => c.text);
        ratios.push(await overheadRatio(model!, r.query, texts, maxLength, (i + round) % 2 === 0));
      }
    }
    // Medians throughout: the machine may be shared, and a neighbour's burst is not our cost.
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    rows.push({
      maxLength,
      depth,
      pairsPerSecond: Math.round((depth * 1000) / p50),
      latencyMedianMs: Number(p50.toFixed(1)),
      latencyP95Ms: Number(percentile(latencies, 95).toFixed(1)),
      tokenizeShare: Number(median(tokenizeShares).toFixed(3)),
      overheadVsRawRun: Number((median(ratios) - 1).toFixed(3)),
    });
    console.error(`max_length ${maxLength}, depth ${depth}: done`);
  }
}
await releaseModels();

console.log(`| max_length | depth | pairs/s | latency p50 ms | p95 ms | tokenising | overhead vs raw run |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
for (const r of rows) {
  console.log(
    `| ${r.maxLength} | ${r.depth} | ${r.pairsPerSecond} | ${r.latencyMedianMs} | ${r.latencyP95Ms} | ${(100 * r.tokenizeShare).toFixed(1)}% | ${(100 * r.overheadVsRawRun).toFixed(1)}% |`,
  );
}
await mkdir(join(here, 'out'), { recursive: true });
await writeFile(
  join(
    here,
    'out',
    `${glosser ? 'rerank-gloss' : 'rerank'}${values['cold-words'] ? '-cold-words' : ''}.json`,
  ),
  JSON.stringify({ model: modelId, batchSize, coldWords: values['cold-words'], rows }, null, 2),
);
