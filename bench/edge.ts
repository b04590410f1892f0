/**
 * The edge Worker's search latency in workerd (Miniflare, loopback, R2 in memory), measured from
 * the client: cold (a fresh isolate's first search, which opens the index and the lexicon pack,
 * then its first search without query_lang, which loads eld's small table) and warm (the 14 demo
 * topics, repeated), with and without query_lang. R2 here is local, so a cold start on
 * Cloudflare adds its GETs' round trips (three: manifest, shard heads, postings) to these.
 *
 * Run: npm run bench:edge [-- --rounds 20 --cold 3]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalWorker, type LocalWorker } from '../functions/edge/local.js';
import { EDGE_ENV } from '../functions/edge/constants.js';
import { demoIndexDir, openDemoIndex } from '../lib/cli/commands/demo.js';
import { packageRoot } from '../lib/cli/paths.js';

interface Topic {
  lang: string;
  query: string;
}

async function topics(): Promise<Topic[]> {
  const text = await readFile(join(packageRoot(), 'samples', 'demo-queries.tsv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, lang = '', query = ''] = line.split('\t');
      return { lang, query };
    });
}

async function timedSearch(worker: LocalWorker, body: unknown): Promise<number> {
  const started = performance.now();
  const res = await worker.fetch('/v1/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  return performance.now() - started;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, cold: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 20);
  const coldRuns = Number(values.cold ?? 3);
  const home = await mkdtemp(join(tmpdir(), 'xlir-bench-edge-'));
  try {
    await openDemoIndex(home);
    const queries = await topics();
    const vars = { [EDGE_ENV.auth]: 'off' };
    const cold: Array<{ given: number; detected: number }> = [];
    for (let i = 0; i < coldRuns; i++) {
      const worker = await startLocalWorker({ indexDir: demoIndexDir(home), vars, onOutput: () => {} });
      const given = await timedSearch(worker, { query: queries[1]!.query, query_lang: queries[1]!.lang });
      const detected = await timedSearch(worker, { query: queries[2]!.query });
      cold.push({ given, detected });
      if (i < coldRuns - 1) await worker.close();
      else {
        const warm = { given: [] as number[], detected: [] as number[] };
        for (let r = 0; r < rounds; r++) {
          for (const q of queries) {
            warm.given.push(await timedSearch(worker, { query: q.query, query_lang: q.lang }));
            warm.detected.push(await timedSearch(worker, { query: q.query }));
          }
        }
        await worker.close();
        console.log(`| phase | p50 | p99 | n |\n| --- | --- | --- | --- |`);
        const median = (xs: number[]): number => percentile(xs, 50);
        console.log(
          `| cold: first search of an isolate (index and pack open), query_lang given | ${ms(median(cold.map((c) => c.given)))} | max ${ms(Math.max(...cold.map((c) => c.given)))} | ${cold.length} |`,
        );
        console.log(
          `| cold: its first search without query_lang (small table loads) | ${ms(median(cold.map((c) => c.detected)))} | max ${ms(Math.max(...cold.map((c) => c.detected)))} | ${cold.length} |`,
        );
        for (const [name, xs] of Object.entries(warm)) {
          console.log(
            `| warm, query_lang ${name} (14 topics × ${rounds}) | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 99))} | ${xs.length} |`,
          );
        }
      }
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

await main();
