/**
 * `npm run bench:rerank-stall [-- --requests 300 --interval 20 --documents 1000 --rounds 3
 * --threads N]`: does one large rerank stall everyone else? Serves the demo index and models
 * (--threads: their intra-op threads, as XLIR_MODEL_THREADS) over HTTP in this process; a
 * client process (stall-client.ts) sends small BM25 /v1/search requests on a fixed schedule
 * (open loop: one every --interval ms, whatever the answers), first alone, then while
 * /v1/rerank requests of --documents documents run back to back. Latency counts from when a
 * request was due, not when it went out (no coordinated omission).
 *
 * The two phases alternate for --rounds rounds and each pools its rounds, so a noisy neighbour's
 * load falls on both alike. Prints p50/p99/max of both and their p99 ratio; the target is a
 * ratio of at most 3 (issue #15). Writes bench/out/rerank-stall.json.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createApp, MemoryUsageSink, startServer, type ApiLog } from '../../lib/api/index.js';
import { packageRoot } from '../../lib/cli/index.js';
import { buildIndex, openCorpusFile, type CorpusRecord } from '../../lib/index/node.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { openStore } from '../../lib/storage/node.js';

const TARGET_RATIO = 3;
/** Demo passages are a sentence or two; a rerank document of a few paragraphs is more typical. */
const PASSAGES_PER_DOCUMENT = 4;

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    interval: { type: 'string', default: '20' },
    documents: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    /** The models' intra-op threads (XLIR_MODEL_THREADS); default: every CPU the process may use. */
    threads: { type: 'string' },
  },
});
const requests = Number(values.requests);
const intervalMs = Number(values.interval);
const documentCount = Number(values.documents);
const rounds = Number(values.rounds);
const threads = values.threads === undefined ? undefined : Number(values.threads);

const run = promisify(execFile);
const quiet: ApiLog = { info: () => {}, warn: () => {}, error: (m) => console.error(m) };

interface Figures {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function summarise(latencies: number[], errors: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1)!),
    errors,
  };
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Small searches on a fixed schedule, sent by stall-client.ts from a process of its own. */
async function smallSearches(base: string, count: number): Promise<{ latencies: number[]; errors: number }> {
  const client = fileURLToPath(new URL('./stall-client.ts', import.meta.url));
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    client,
    base,
    String(count),
    String(intervalMs),
  ]);
  return JSON.parse(stdout) as { latencies: number[]; errors: number };
}

async function rerankDocuments(corpus: readonly CorpusRecord[]): Promise<string[]> {
  return Array.from({ length: documentCount }, (_, i) =>
    Array.from(
      { length: PASSAGES_PER_DOCUMENT },
      (_, j) => corpus[(i * PASSAGES_PER_DOCUMENT + j) % corpus.length]!.text,
    ).join(' '),
  );
}

async function main(): Promise<void> {
  const root = packageRoot();
  const dir = await mkdtemp(join(tmpdir(), 'xlir-stall-'));
  try {
    const corpus: CorpusRecord[] = [];
    for await (const record of (await openCorpusFile(join(root, 'samples', 'demo-corpus.jsonl'))).records)
      corpus.push(record);
    await buildIndex(
      (async function* () {
        yield* corpus;
      })(),
      openStore(join(dir, 'index')),
      { shardDocs: 100, workers: 1 },
    );
    const app = createApp({
      indexes: { demo: join(dir, 'index') },
      defaultIndex: 'demo',
      models: { routingUri: join(root, 'models', 'routing.json'), ...(threads ? { threads } : {}) },
      auth: { mode: 'off' },
      usage: new MemoryUsageSink(),
      log: quiet,
      // The 1,000-document rerank takes seconds on a busy machine; this measures the stall it
      // causes, not the request deadline (10 s by default), so it gets a minute.
      requestDeadlineMs: 60_000,
    });
    const server = await startServer(app, { port: 0 });
    const documents = await rerankDocuments(corpus);
    const rerankBody = { query: 'who invented the telephone', documents };
    try {
      // Warm: the index open, every model the rerank routes to, the language detector.
      const warm = await post(`${server.url}/v1/rerank`, rerankBody);
      if (!warm.ok) throw new Error(`warm-up rerank answered ${warm.status}: ${await warm.text()}`);
      await smallSearches(server.url, 20);

      // Phases alternate, rounds times, so a noisy neighbour's load falls on both alike.
      const alone = { latencies: [] as number[], errors: 0 };
      const during = { latencies: [] as number[], errors: 0 };
      let reranks = 0;
      let rerankMs = 0;
      for (let round = 0; round < rounds; round++) {
        const quiet = await smallSearches(server.url, requests);
        alone.latencies.push(...quiet.latencies);
        alone.errors += quiet.errors;

        let running = true;
        const background = (async () => {
          while (running) {
            const t0 = performance.now();
            const response = await post(`${server.url}/v1/rerank`, rerankBody);
            await response.arrayBuffer();
            if (!response.ok) throw new Error(`rerank answered ${response.status}`);
            rerankMs += performance.now() - t0;
            reranks++;
          }
        })();
        // Let the first rerank get going (body parsing, detection) before the schedule starts.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const busy = await smallSearches(server.url, requests);
        during.latencies.push(...busy.latencies);
        during.errors += busy.errors;
        running = false;
        await background;
      }

      const result = {
        documents: documentCount,
        intervalMs,
        rounds,
        requestsPerRound: requests,
        alone: summarise(alone.latencies, alone.errors),
        duringRerank: summarise(during.latencies, during.errors),
        reranks,
        rerankMeanMs: round(rerankMs / Math.max(1, reranks)),
      };
      const ratio = result.duringRerank.p99Ms / result.alone.p99Ms;
      console.log(
        `small /v1/search, one every ${intervalMs} ms, ${rounds} rounds of ${requests} requests per phase`,
      );
      for (const [name, f] of [
        ['alone', result.alone],
        [`during ${documentCount}-document reranks`, result.duringRerank],
      ] as const) {
        console.log(
          `  ${name.padEnd(32)} p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms  errors ${f.errors}`,
        );
      }
      console.log(`  reranks run: ${reranks}, mean ${result.rerankMeanMs} ms each`);
      console.log(
        `  p99 ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}): ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
      );
      const out = join(root, 'bench', 'out', 'rerank-stall.json');
      await mkdir(dirname(out), { recursive: true });
      await writeFile(
        out,
        `${JSON.stringify({ ...result, p99Ratio: Math.round(ratio * 100) / 100 }, null, 2)}\n`,
      );
    } finally {
      await server.close();
      await releaseModels();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
