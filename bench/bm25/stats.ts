export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

export interface LatencySummary {
  p50: number;
  p99: number;
  qps: number;
}

/** Runs every query once, sequentially, and summarises per-query latency. */
export async function timeQueries(queries: string[], run: (q: string) => Promise<unknown> | unknown) {
  const times: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t0 = performance.now();
    await run(q);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), qps: (queries.length / total) * 1000 };
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
