/**
 * Warm and cold query latency of one xlir index, in its own process (like the peers), so the
 * harness's SQuAD word list does not sit in the heap being measured. Prints one JSON line.
 */
import { readFile } from 'node:fs/promises';
import { readerOptions, xlirIndex, xlirSearch, xlirStorage, xlirStorageNode } from './dist.js';
import { percentile, timeQueries } from './stats.js';

const { IndexReader } = xlirIndex;
const { Searcher } = xlirSearch;
const { withLatency } = xlirStorage;
const { openStore } = xlirStorageNode;

/** Every GET of the cold and stored-text measurements waits this long, like a round trip to S3. */
const GET_LATENCY_MS = 60;
/**
 * The cold query once more with each GET's body also arriving at this rate, as one stream from S3
 * or R2 does (tens of MB/s): the latency-only figure counts round trips, this one counts bytes too.
 */
const STREAM_BYTES_PER_SECOND = 80e6;
const COLD_RUNS = 7;
const TEXT_QUERIES = 20;

const [indexDir, queriesPath, cacheMb] = process.argv.slice(2) as [string, string, string?];
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function warm() {
  const searcher = new Searcher(await IndexReader.open(openStore(indexDir), readerOptions(cacheMb)));
  const at = (k: number) => (q: string) => searcher.search(q, { queryLang: 'en', topK: k });
  for (const q of queries) await at(1000)(q);
  return { top10: await timeQueries(queries, at(10)), top1000: await timeQueries(queries, at(1000)) };
}

/** A fresh reader over a store without byte cache: manifest, shard heads and postings all fetched. */
async function cold(bytesPerSecond?: number) {
  const ms: number[] = [];
  const gets: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const store = withLatency(openStore(indexDir, { memoryCacheBytes: 0 }), GET_LATENCY_MS, bytesPerSecond);
    const t0 = performance.now();
    // Opened as the API server and the edge Worker open an index ('mark'): the query's postings
    // are sent for while the heads' documents parts are still arriving.
    const reader = await IndexReader.open(store, { unreadableShards: 'mark' });
    await new Searcher(reader).search(queries[(i * 101) % queries.length]!, { queryLang: 'en', topK: 10 });
    ms.push(performance.now() - t0);
    gets.push(store.requestCount);
  }
  return { p50: median(ms), max: Math.max(...ms), gets };
}

/** Stored text of a top-100 (what a reranker needs) on a reader whose postings are warm. */
async function storedText() {
  const store = withLatency(openStore(indexDir, { memoryCacheBytes: 0 }), GET_LATENCY_MS);
  const searcher = new Searcher(await IndexReader.open(store));
  const ms: number[] = [];
  const gets: number[] = [];
  const kib: number[] = [];
  for (const q of queries.slice(0, TEXT_QUERIES)) {
    await searcher.search(q, { queryLang: 'en', topK: 100 });
    store.resetCount();
    const t0 = performance.now();
    await searcher.search(q, { queryLang: 'en', topK: 100, includeText: true });
    ms.push(performance.now() - t0);
    gets.push(store.requestCount);
    kib.push(store.bytesRead / 1024);
  }
  return { ms: median(ms), gets: median(gets), kib: median(kib), maxKib: Math.max(...kib) };
}

const { top10, top1000 } = await warm();
const coldMs = await cold();
const coldStreamedMs = await cold(STREAM_BYTES_PER_SECOND);
const text100 = await storedText();
process.stdout.write(`${JSON.stringify({ top10, top1000, coldMs, coldStreamedMs, text100 })}\n`);
