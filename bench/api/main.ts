/**
 * `npm run bench:api [-- --duration 20 --connections 10 --depth 20 --models URI]`: HTTP load on
 * the local server (`xlir serve --demo`, auth on with a bench key, usage ledger written) with
 * autocannon, in three phases over the demo queries: monolingual BM25, rerank at --depth, and
 * cross-lingual PSQ fan-out over all the demo's languages (its hand-written lexicons).
 * Reports requests/s, latency p50/p99, errors, the server's resident memory sampled every
 * second (start, end, peak, drift over the second half) and its live heap after a full GC
 * while idle before and after each phase: flat memory means the live heap ends where it began
 * (use --duration 120 for that check; RSS under load mostly shows V8's lazy collection). Target: ≥ 500 requests/s BM25-only with p99 ≤ 50 ms and no
 * errors. Writes bench/out/api.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { generateApiKey, hashApiKey } from '../../lib/api/index.js';
import { packageRoot, readDemoQueries } from '../../lib/cli/index.js';
import { startServerProcess, type ServerProcess } from './server.js';

const root = packageRoot();
const DEMO_MODELS = join(root, 'models', 'routing.json');
const FIXTURE_MODELS = join(root, 'test', 'fixtures', 'models', 'routing.json');
const TARGET_RPS = 500;
const TARGET_P99_MS = 50;
const MEMORY_SAMPLE_MS = 1_000;
const WARM_UP_ROUNDS = 3;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    depth: { type: 'string', default: '20' },
    models: { type: 'string' },
    port: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const depth = Number(values.depth);
const models = values.models ?? (existsSync(DEMO_MODELS) ? DEMO_MODELS : FIXTURE_MODELS);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Phase {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  rssMiB: { start: number; end: number; peak: number; secondHalfDriftMiBPerMin: number };
  /** After a full GC with the server idle, before and after the phase. */
  liveHeapMiB: { before: number; after: number };
}

/** Least-squares slope of RSS over the second half of the samples, in MiB per minute. */
function drift(samples: ReadonlyArray<{ t: number; mib: number }>): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  const mt = half.reduce((s, x) => s + x.t, 0) / half.length;
  const mm = half.reduce((s, x) => s + x.mib, 0) / half.length;
  const cov = half.reduce((s, x) => s + (x.t - mt) * (x.mib - mm), 0);
  const vt = half.reduce((s, x) => s + (x.t - mt) ** 2, 0);
  return vt === 0 ? 0 : (cov / vt) * 60_000;
}

async function runPhase(
  name: string,
  url: string,
  key: string,
  bodies: readonly object[],
  server: ServerProcess,
): Promise<Phase> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const requests = bodies.map((body) => ({
    method: 'POST',
    path: '/v1/search',
    headers,
    body: JSON.stringify(body),
  }));
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    for (const r of requests) {
      const response = await fetch(`${url}${r.path}`, { method: 'POST', headers, body: r.body });
      if (!response.ok)
        throw new Error(`${name}: warm-up answered ${response.status}: ${await response.text()}`);
    }
  }
  const heapBefore = await server.liveHeapMiB();
  const samples: Array<{ t: number; mib: number }> = [];
  const started = Date.now();
  const sample = async () => samples.push({ t: Date.now() - started, mib: await server.rssMiB() });
  await sample();
  const timer = setInterval(() => void sample(), MEMORY_SAMPLE_MS);
  const result: Result = await autocannon({ url, connections, duration, requests });
  clearInterval(timer);
  await sample();
  const heapAfter = await server.liveHeapMiB();
  return {
    name,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMiB: {
      start: samples[0]!.mib,
      end: samples.at(-1)!.mib,
      peak: Math.max(...samples.map((s) => s.mib)),
      secondHalfDriftMiBPerMin: drift(samples),
    },
    liveHeapMiB: { before: heapBefore, after: heapAfter },
  };
}

async function main(): Promise<void> {
  const queries = await readDemoQueries();
  const key = generateApiKey();
  const scratch = await mkdtemp(join(tmpdir(), 'xlir-bench-api-'));
  const keys = [
    { id: 'bench', hash: hashApiKey(key), quota: Number.MAX_SAFE_INTEGER, rate_per_minute: 10_000_000 },
  ];
  const port = values.port ? Number(values.port) : await freePort();
  const server = await startServerProcess(root, port, {
    XLIR_API_KEYS: JSON.stringify(keys),
    XLIR_MODELS: models,
    XLIR_USAGE_LEDGER: join(scratch, 'usage.jsonl'),
  });
  console.log(
    `server ${server.url} (pid ${server.child.pid}); models ${models}; ${connections} connections, ${duration} s per phase`,
  );
  const phases: Phase[] = [];
  try {
    // The demo server translates queries with its demo lexicons: doc_langs = the query's own
    // language keeps the first two phases monolingual BM25; the last fans out over all languages.
    const bm25 = queries.map((q) => ({ query: q.query, query_lang: q.lang, doc_langs: [q.lang], top_k: 10 }));
    phases.push(await runPhase('bm25', server.url, key, bm25, server));
    const reranked = bm25.map((body) => ({ ...body, rerank: { depth } }));
    phases.push(await runPhase(`rerank depth ${depth}`, server.url, key, reranked, server));
    const psq = queries.map((q) => ({ query: q.query, query_lang: q.lang, top_k: 10 }));
    phases.push(await runPhase('psq, all 8 languages', server.url, key, psq, server));
  } finally {
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(
    '\n| phase | req/s | p50 ms | p99 ms | requests | errors | non-2xx | RSS start → end (peak) MiB | RSS drift, 2nd half, MiB/min | live heap after GC, before → after, MiB |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const p of phases) {
    const m = p.rssMiB;
    console.log(
      `| ${p.name} | ${p.rps.toFixed(0)} | ${p.p50Ms} | ${p.p99Ms} | ${p.requests} | ${p.errors} | ${p.non2xx} | ${m.start.toFixed(0)} → ${m.end.toFixed(0)} (${m.peak.toFixed(0)}) | ${m.secondHalfDriftMiBPerMin.toFixed(1)} | ${p.liveHeapMiB.before.toFixed(1)} → ${p.liveHeapMiB.after.toFixed(1)} |`,
    );
  }
  const bm25 = phases[0]!;
  const met = bm25.rps >= TARGET_RPS && bm25.p99Ms <= TARGET_P99_MS && bm25.errors + bm25.non2xx === 0;
  console.log(
    `\nBM25-only target (≥ ${TARGET_RPS} req/s, p99 ≤ ${TARGET_P99_MS} ms, no errors): ${met ? 'met' : 'NOT met'}`,
  );
  const out = join(root, 'bench', 'out', 'api.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ models, connections, duration, depth, phases }, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

await main();
