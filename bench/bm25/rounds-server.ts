/**
 * The engine side of bench:bm25's interleaved rounds. Each engine (xlir, LanceDB here; Xapian in
 * xapian_peer.py, which speaks the same protocol) keeps its index open in its own process and
 * answers one JSON request per stdin line, so the harness can alternate engines round by round on
 * a loaded machine and compare figures taken under the same load. Timing is in-process, per query,
 * wall (performance.now) and CPU (process.cpuUsage, every thread of the process), around the
 * search call alone.
 */
import { createInterface } from 'node:readline';
import { peakRssMb } from './stats.js';

/** One line on stdin. `time`: run every query at depth k; `ids`: the ranked ids, untimed. */
export interface RoundRequest {
  op: 'time' | 'ids' | 'stats' | 'exit';
  k?: number;
  /** An engine-specific scoring variant for `ids` (Xapian: `xlir-idf`). */
  variant?: string;
}

export interface TimedQueries {
  wallMs: number[];
  cpuMs: number[];
}

export interface RankedIds {
  ids: string[][];
  /** The analysed query terms, when the engine analyses queries itself. */
  terms?: string[][];
}

export interface RoundEngine {
  /** The timed call: one query at depth k, as a caller of the engine would make it. */
  search(query: string, k: number): Promise<unknown>;
  /** The ranked document ids of a search result (outside the timed call). */
  ids(result: unknown): string[];
}

async function timeAll(queries: readonly string[], engine: RoundEngine, k: number): Promise<TimedQueries> {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (const q of queries) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await engine.search(q, k);
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    wallMs.push(t1 - t0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  return { wallMs, cpuMs };
}

async function rankAll(queries: readonly string[], engine: RoundEngine, k: number): Promise<RankedIds> {
  const ids: string[][] = [];
  for (const q of queries) ids.push(engine.ids(await engine.search(q, k)));
  return { ids };
}

/** Prints `{"ready":true,…}`, then answers requests until `exit` or the end of stdin. */
export async function serveRounds(
  queries: readonly string[],
  engine: RoundEngine,
  ready: Record<string, unknown> = {},
): Promise<void> {
  const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  reply({ ready: true, ...ready });
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line) continue;
    const request = JSON.parse(line) as RoundRequest;
    if (request.op === 'exit') break;
    if (request.op === 'stats') reply({ peakRssMb: peakRssMb() });
    else if (request.op === 'time') reply(await timeAll(queries, engine, request.k ?? 10));
    else if (request.op === 'ids') reply(await rankAll(queries, engine, request.k ?? 10));
    else reply({ error: `unknown op ${String(request.op)}` });
  }
  process.stdin.destroy();
}
