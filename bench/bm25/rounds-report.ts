/**
 * Summaries and markdown for bench:bm25's interleaved rounds: per-round and pooled percentiles
 * (wall and CPU), QPS per round, xlir's QPS ratio against each peer paired round by round (the
 * two ran back to back under the same load), and top-10 agreement between engines.
 */
import { percentile } from './stats.js';
import type { TimedQueries } from './rounds-server.js';

export interface DepthRound {
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
  /** Queries per second of summed in-process wall time. */
  qps: number;
  /** Queries per second of summed CPU time (every thread of the engine's process). */
  cpuQps: number;
}

/** Percentiles pooled over every round's queries; QPS the median of the rounds'. */
export interface DepthSummary extends DepthRound {
  rounds: DepthRound[];
}

export interface EngineResult {
  engine: string;
  docs: number;
  build?: Record<string, unknown>;
  failed?: string;
  openMs?: number;
  byDepth?: Record<string, DepthSummary>;
  queryPeakRssMb?: number;
  threads?: number | null;
}

export interface Agreement {
  pair: string;
  /** Mean over queries of |A ∩ B| / max(|A|, |B|) for the top-10 lists. */
  overlapAt10: number;
  jaccard: number;
  queries: number;
}

export interface RoundsResult {
  /** Wall time of the whole comparison at this size: peers' builds, warm-up, rounds, agreement. */
  seconds: number;
  docs: number;
  rounds: number;
  depths: number[];
  load: { before: number[]; after: number[]; perRound: number[] };
  engines: EngineResult[];
  agreement: Agreement[];
  xapianTerms?: { sameAsXlir: number; queries: number };
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const median = (xs: readonly number[]) => percentile(sorted(xs), 50);

export function summariseRound({ wallMs, cpuMs }: TimedQueries): DepthRound {
  const wall = sorted(wallMs);
  const cpu = sorted(cpuMs);
  return {
    p50: percentile(wall, 50),
    p99: percentile(wall, 99),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    qps: (wallMs.length / sum(wallMs)) * 1000,
    cpuQps: (cpuMs.length / sum(cpuMs)) * 1000,
  };
}

export function summariseDepth(rounds: readonly TimedQueries[]): DepthSummary {
  const pooled = summariseRound({
    wallMs: rounds.flatMap((r) => r.wallMs),
    cpuMs: rounds.flatMap((r) => r.cpuMs),
  });
  const perRound = rounds.map(summariseRound);
  return {
    ...pooled,
    qps: median(perRound.map((r) => r.qps)),
    cpuQps: median(perRound.map((r) => r.cpuQps)),
    rounds: perRound,
  };
}

/** xlir's QPS over the peer's, round by round: median, min and max. */
export function pairedRatio(
  xlir: DepthSummary,
  peer: DepthSummary,
  key: 'qps' | 'cpuQps',
): { median: number; min: number; max: number } {
  const ratios = xlir.rounds.map((r, i) => r[key] / peer.rounds[i]![key]);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** Top-k agreement of two engines' ranked lists; queries where both are empty are left out. */
export function agreement(
  pair: string,
  a: readonly string[][],
  b: readonly string[][],
  only?: boolean[],
): Agreement {
  let overlapSum = 0;
  let jaccardSum = 0;
  let queries = 0;
  a.forEach((left, i) => {
    const right = b[i]!;
    if ((only !== undefined && !only[i]) || (left.length === 0 && right.length === 0)) return;
    const rightSet = new Set(right);
    const common = left.filter((id) => rightSet.has(id)).length;
    overlapSum += common / Math.max(left.length, right.length);
    jaccardSum += common / (left.length + right.length - common);
    queries++;
  });
  return { pair, overlapAt10: overlapSum / queries, jaccard: jaccardSum / queries, queries };
}

/** Whether two analyses of a query are the same bag of terms. */
export function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/**
 * xlir timed over Xapian's scope, ranking only (xlir-rounds-child.ts), beside xlir end to end: the
 * like-for-like comparison with Xapian, whose timed call ranks a prebuilt query into internal ids.
 */
export const XLIR_RANKING = 'xlir ranking only';
const XLIR_ENGINES = ['xlir', XLIR_RANKING];

const fmt = (n: number | undefined, d = 2) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mib = (bytes: unknown) => (typeof bytes === 'number' ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : 'n/a');

export function roundsMarkdown(result: RoundsResult): string {
  const { docs, rounds, load } = result;
  const lines = [
    `### Interleaved rounds at ${docs.toLocaleString('en')} documents (${rounds} rounds, 1-min load ${load.before[0]!.toFixed(2)} before, ${load.after[0]!.toFixed(2)} after; ${result.seconds.toFixed(0)} s with the peers' builds)`,
    '',
    '| engine | build s (CPU s) | docs per CPU-s | index / all bytes | build peak RSS | top-10 p50 / p99 ms | top-10 CPU p50 ms | top-10 QPS | top-1000 p50 / p99 ms | top-1000 CPU p50 ms | top-1000 QPS | query RSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const e of result.engines) {
    if (e.failed !== undefined) {
      lines.push(`| ${e.engine} | failed: ${e.failed} | | | | | | | | | | |`);
      continue;
    }
    const b = (e.build ?? {}) as Record<string, number>;
    const t10 = e.byDepth?.top10;
    const t1000 = e.byDepth?.top1000;
    lines.push(
      `| ${e.engine} | ${fmt(b.seconds, 1)} (${fmt(b.cpuSeconds, 1)}) | ${fmt(b.docsPerCpuSecond, 0)} | ${mib(b.indexBytes)} / ${mib(b.bytes)} | ${fmt(b.peakRssMb, 0)} MB | ${fmt(t10?.p50)} / ${fmt(t10?.p99)} | ${fmt(t10?.cpuP50)} | ${fmt(t10?.qps, 0)} | ${fmt(t1000?.p50)} / ${fmt(t1000?.p99)} | ${fmt(t1000?.cpuP50)} | ${fmt(t1000?.qps, 0)} | ${fmt(e.queryPeakRssMb, 0)} MB |`,
    );
  }
  lines.push(
    '',
    '| xlir QPS ÷ peer QPS, same rounds: median (min–max) | wall top-10 | CPU top-10 | wall top-1000 | CPU top-1000 |',
  );
  lines.push('| --- | --- | --- | --- | --- |');
  const xlirs = result.engines.filter((e) => XLIR_ENGINES.includes(e.engine) && e.byDepth !== undefined);
  for (const e of result.engines) {
    if (XLIR_ENGINES.includes(e.engine) || e.byDepth === undefined) continue;
    for (const xlir of xlirs) {
      // Ranking only is Xapian's scope; LanceDB's timed call is a search end to end, like xlir's.
      if (xlir.engine === XLIR_RANKING && e.engine !== 'xapian') continue;
      const cell = (depth: string, key: 'qps' | 'cpuQps') => {
        const mine = xlir.byDepth![depth];
        const theirs = e.byDepth![depth];
        if (mine === undefined || theirs === undefined) return 'n/a';
        const r = pairedRatio(mine, theirs, key);
        return `${fmt(r.median)}× (${fmt(r.min)}–${fmt(r.max)})`;
      };
      lines.push(
        `| ${xlir.engine} ÷ ${e.engine} | ${cell('top10', 'qps')} | ${cell('top10', 'cpuQps')} | ${cell('top1000', 'qps')} | ${cell('top1000', 'cpuQps')} |`,
      );
    }
  }
  if (xlirs.length > 1) {
    lines.push(
      '',
      "Timed scopes: xlir and LanceDB, a search end to end (analysis, ranking, the hits' ids); xlir ranking only and Xapian, ranking a query analysed beforehand into internal ids and scores. Each peer is compared with xlir over its own scope, and Xapian with xlir end to end too.",
    );
  }
  if (result.agreement.length > 0) {
    lines.push('', '| top-10 agreement | overlap@10 | Jaccard | queries |', '| --- | --- | --- | --- |');
    for (const a of result.agreement) {
      lines.push(`| ${a.pair} | ${fmt(a.overlapAt10, 3)} | ${fmt(a.jaccard, 3)} | ${a.queries} |`);
    }
  }
  if (result.xapianTerms !== undefined) {
    lines.push(
      '',
      `Xapian's analysis gives the same bag of query terms as xlir's for ${result.xapianTerms.sameAsXlir} of ${result.xapianTerms.queries} queries.`,
    );
  }
  return lines.join('\n');
}
