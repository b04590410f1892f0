/**
 * bench:bm25's build comparison (issue #17, deliverable 4): the CPU per document of xlir's index
 * build against SQLite FTS5's on the same corpus, in the same run. Each build runs in a process of
 * its own, the engines alternating round by round (xlir, FTS5 detail=full, FTS5 detail=none, then
 * the reverse order), so each round's builds ran back to back under the same machine load; the
 * ratio is xlir's documents per CPU-second over the peer's, paired by round, and its median.
 *
 * xlir builds as `bench/bm25/build-cpu.mjs` does (the compiled package, one worker, plain Node:
 * `process.cpuUsage()` over `buildIndex`, reading the JSONL included); FTS5 as
 * `bench/bm25/fts5_peer.py` does (Python's sqlite3, getrusage over the whole build, reading the
 * JSONL included). Both are one thread's work, so documents per CPU-second compare directly.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../lib/cli/paths.js';
import { BENCH_DIR, failureReason, runJsonCommand } from './children.js';
import { percentile } from './stats.js';

export const BUILD_PEERS = ['fts5'] as const;
export type BuildPeer = (typeof BUILD_PEERS)[number];

/** Issue #17's target: FTS5's figure on the 100k corpus when the issue was written. */
export const BUILD_TARGET_DOCS_PER_CPU_SECOND = 25_000;

/** One build, as build-cpu.mjs and fts5_peer.py print it (the fields both have). */
export interface BuildRun {
  docs: number;
  wallSeconds: number;
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  peakRssMb: number;
  /** Bytes the build left on disk (xlir: shards, doc stores and manifest; FTS5: the database). */
  bytes?: number;
}

export interface BuildEngine {
  /** `xlir`, `fts5` or `fts5-none`. */
  engine: string;
  label: string;
  runs: BuildRun[];
  failed?: string;
}

export interface BuildComparison {
  docs: number;
  rounds: number;
  seconds: number;
  load: { before: number[]; after: number[] };
  engines: BuildEngine[];
}

export interface BuildSummary {
  builds: number;
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  wallSeconds: number;
  peakRssMb: number;
  bytes?: number;
  docsPerCpuSecond: { median: number; min: number; max: number };
}

const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const spread = (xs: readonly number[]) => ({
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
});
const docsPerCpuSecond = (run: BuildRun) => run.docs / run.cpuSeconds;

/** Medians over an engine's builds. */
export function summariseBuilds(runs: readonly BuildRun[]): BuildSummary {
  const bytes = runs.flatMap((r) => (r.bytes === undefined ? [] : [r.bytes]));
  return {
    builds: runs.length,
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    userSeconds: median(runs.map((r) => r.userSeconds)),
    systemSeconds: median(runs.map((r) => r.systemSeconds)),
    wallSeconds: median(runs.map((r) => r.wallSeconds)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    ...(bytes.length > 0 ? { bytes: median(bytes) } : {}),
    docsPerCpuSecond: spread(runs.map(docsPerCpuSecond)),
  };
}

/**
 * xlir's documents per CPU-second over the peer's, round by round (the rounds both finished):
 * median, min and max.
 */
export function pairedBuildRatio(
  xlir: readonly BuildRun[],
  peer: readonly BuildRun[],
): { median: number; min: number; max: number; rounds: number } {
  const rounds = Math.min(xlir.length, peer.length);
  const ratios = Array.from(
    { length: rounds },
    (_, i) => docsPerCpuSecond(xlir[i]!) / docsPerCpuSecond(peer[i]!),
  );
  return { ...spread(ratios), rounds };
}

const thousands = (n: number) => Math.round(n).toLocaleString('en');
const fixed = (n: number | undefined, d: number) =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(d) : 'n/a';
const range = (r: { median: number; min: number; max: number }, f: (n: number) => string) =>
  `${f(r.median)} (${f(r.min)}–${f(r.max)})`;

export function buildComparisonMarkdown(result: BuildComparison): string {
  const { docs, rounds, load } = result;
  const lines = [
    `### Build CPU against SQLite FTS5 at ${docs.toLocaleString('en')} documents (${rounds} alternating rounds, 1-min load ${load.before[0]!.toFixed(2)} before, ${load.after[0]!.toFixed(2)} after; ${result.seconds.toFixed(0)} s)`,
    '',
    '| engine | builds | CPU s, median (user + system, each its own median) | wall s, median | docs per CPU-s: median (min–max) | peak RSS, median | bytes on disk |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const summaries = new Map<string, BuildSummary>();
  for (const e of result.engines) {
    if (e.runs.length === 0) {
      lines.push(`| ${e.label} | failed: ${e.failed ?? 'no build'} | | | | | |`);
      continue;
    }
    const s = summariseBuilds(e.runs);
    summaries.set(e.engine, s);
    const failed = e.failed === undefined ? '' : ` (then failed: ${e.failed})`;
    lines.push(
      `| ${e.label} | ${s.builds}${failed} | ${fixed(s.cpuSeconds, 2)} (${fixed(s.userSeconds, 2)} + ${fixed(s.systemSeconds, 2)}) | ${fixed(s.wallSeconds, 2)} | ${range(s.docsPerCpuSecond, thousands)} | ${fixed(s.peakRssMb, 0)} MB | ${s.bytes === undefined ? 'n/a' : `${(s.bytes / 2 ** 20).toFixed(0)} MiB`} |`,
    );
  }
  const xlir = result.engines.find((e) => e.engine === 'xlir');
  const peers = result.engines.filter((e) => e !== xlir && e.runs.length > 0);
  if (xlir === undefined || xlir.runs.length === 0 || peers.length === 0) return lines.join('\n');
  lines.push(
    '',
    '| xlir docs per CPU-s ÷ peer’s, same rounds | median (min–max) | xlir at least as fast (median ≥ 1) |',
    '| --- | --- | --- |',
  );
  for (const e of peers) {
    const r = pairedBuildRatio(xlir.runs, e.runs);
    lines.push(`| ${e.label} | ${range(r, (n) => `${n.toFixed(2)}×`)} | ${r.median >= 1 ? 'yes' : 'no'} |`);
  }
  const mine = summaries.get('xlir')!.docsPerCpuSecond.median;
  const fts5 = result.engines.find((e) => e.engine === 'fts5');
  const sameRun =
    fts5 !== undefined && fts5.runs.length > 0
      ? `; FTS5's figure in this run (detail=full, ${thousands(summaries.get('fts5')!.docsPerCpuSecond.median)}): ${pairedBuildRatio(xlir.runs, fts5.runs).median >= 1 ? 'met' : 'not met'}`
      : '';
  lines.push(
    '',
    `Issue #17's target, xlir ≥ ${thousands(BUILD_TARGET_DOCS_PER_CPU_SECOND)} documents per CPU-second (xlir's median here ${thousands(mine)}): ${mine >= BUILD_TARGET_DOCS_PER_CPU_SECOND ? 'met' : 'not met'}${sameRun}.`,
  );
  return lines.join('\n');
}

export interface BuildComparisonOptions {
  work: string;
  rounds: number;
  /** A Python 3 whose sqlite3 has FTS5 (Debian's has). */
  python: string;
}

interface Builder {
  engine: string;
  label: string;
  build(out: string): Promise<Record<string, unknown>>;
}

const FTS5_SCRIPT = join(BENCH_DIR, 'fts5_peer.py');

function builders(corpus: string, peers: readonly BuildPeer[], options: BuildComparisonOptions): Builder[] {
  const dist = join(packageRoot(), 'dist');
  const list: Builder[] = [
    {
      engine: 'xlir',
      label: 'xlir (one worker)',
      build: async (out) => {
        if (!existsSync(join(dist, 'lib', 'index', 'node.js')))
          throw new Error(`${dist} is missing: run npm run build before npm run bench:bm25`);
        return runJsonCommand(process.execPath, [join(BENCH_DIR, 'build-cpu.mjs'), dist, corpus, out]);
      },
    },
  ];
  if (peers.includes('fts5')) {
    const fts5 = (variant: string) => (out: string) =>
      runJsonCommand(options.python, [FTS5_SCRIPT, 'build', corpus, `${out}.sqlite`, variant]);
    list.push(
      { engine: 'fts5', label: 'FTS5, detail=full (porter unicode61)', build: fts5('full') },
      {
        engine: 'fts5-none',
        label: 'FTS5, detail=none (no positions, no frequencies)',
        build: fts5('none'),
      },
    );
  }
  return list;
}

/** Builds of the corpus by xlir and each peer, alternating, `rounds` of each. */
export async function runBuildComparison(
  n: number,
  corpus: string,
  peers: readonly BuildPeer[],
  options: BuildComparisonOptions,
): Promise<BuildComparison> {
  const started = performance.now();
  const list = builders(corpus, peers, options);
  const engines: BuildEngine[] = list.map(({ engine, label }) => ({ engine, label, runs: [] }));
  const before = loadavg();
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? list : [...list].reverse();
    for (const builder of order) {
      const result = engines.find((e) => e.engine === builder.engine)!;
      if (result.failed !== undefined) continue;
      const out = join(options.work, `build-${builder.engine}-${n}`);
      console.error(`${builder.label}: building ${n} documents (round ${round + 1}/${options.rounds}) …`);
      try {
        const run = (await builder.build(out)) as unknown as BuildRun;
        if (run.docs !== n) throw new Error(`built ${run.docs} documents of ${n}`);
        result.runs.push(run);
      } catch (error) {
        result.failed = failureReason(error);
      } finally {
        await rm(`${out}.sqlite`, { force: true });
      }
    }
  }
  return {
    docs: n,
    rounds: options.rounds,
    seconds: (performance.now() - started) / 1000,
    load: { before, after: loadavg() },
    engines,
  };
}
