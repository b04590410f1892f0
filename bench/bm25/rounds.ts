/**
 * bench:bm25's comparison with real engines (issue #17): builds Xapian's and LanceDB's indexes of
 * the same corpus, starts xlir and each peer as a query server in its own process, warms them,
 * then times every query round by round, alternating the engines (xlir, Xapian, LanceDB, then the
 * reverse order), so each round's figures were taken back to back under the same machine load.
 * Ends with the engines' top-10 lists compared. Peers that cannot build or start are reported as
 * failed with the reason, never left out silently.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { getAnalyzer } from '../../lib/text/index.js';
import { BENCH_DIR, failureReason, runJsonCommand, tsChildCommand } from './children.js';
import { RoundServer } from './rounds-client.js';
import {
  agreement,
  sameTerms,
  summariseDepth,
  XLIR_RANKING,
  type Agreement,
  type EngineResult,
  type RoundsResult,
} from './rounds-report.js';
import type { RankedIds, TimedQueries } from './rounds-server.js';
import { writeEnglishStopwords } from './stopwords.js';

export const ROUND_PEERS = ['xapian', 'lancedb'] as const;
export type RoundPeer = (typeof ROUND_PEERS)[number];

export interface RoundsOptions {
  work: string;
  queries: readonly string[];
  queriesPath: string;
  rounds: number;
  depths: number[];
  /** A Python 3 with Debian's xapian bindings. */
  python: string;
  /** Extra arguments of xlir's rounds child: the decoded-postings cache in MiB, when given. */
  cacheArgs?: string[];
}

/** Every thread pool LanceDB's binary reads a size for, at one thread. */
const SINGLE_THREAD_LANCE: NodeJS.ProcessEnv = {
  LANCE_CPU_THREADS: '1',
  LANCE_IO_THREADS: '1',
  TOKIO_WORKER_THREADS: '1',
  RAYON_NUM_THREADS: '1',
};

/**
 * LanceDB's FTS build sizes its CPU pool at the core count less LANCE_IO_CORE_RESERVATION (2), at
 * least 1, and on a 2-core machine that one thread deadlocks: the posting-list producer holds it
 * while the writer waits for it (lancedb#3568, lance#7423; the 1M build sat at 0% CPU for 10
 * minutes here). Two threads, the cores xlir's build uses too, let it finish.
 */
const LANCE_BUILD_THREADS: NodeJS.ProcessEnv = {
  LANCE_CPU_THREADS: String(Math.max(2, availableParallelism())),
};

const XAPIAN_SCRIPT = join(BENCH_DIR, 'xapian_peer.py');

interface Running {
  result: EngineResult;
  server: RoundServer;
  timed: Record<string, TimedQueries[]>;
}

async function buildPeer(
  peer: RoundPeer,
  n: number,
  corpus: string,
  stopwords: string,
  options: RoundsOptions,
): Promise<{ dir: string; build: Record<string, unknown> }> {
  const dir = join(options.work, `${peer}-${n}`);
  console.error(`${peer}: building ${n} documents …`);
  const build =
    peer === 'xapian'
      ? await runJsonCommand(options.python, [XAPIAN_SCRIPT, 'build', corpus, dir, stopwords])
      : await runJsonCommand(...tsChildCommand('lancedb-child.ts', ['build', corpus, dir]), {
          ...process.env,
          ...LANCE_BUILD_THREADS,
        });
  return { dir, build };
}

async function startServer(
  engine: string,
  dir: string,
  stopwords: string,
  options: RoundsOptions,
): Promise<{ server: RoundServer; ready: Record<string, unknown> }> {
  if (engine === 'xapian') {
    return RoundServer.start(engine, options.python, [
      XAPIAN_SCRIPT,
      'serve',
      dir,
      stopwords,
      options.queriesPath,
    ]);
  }
  if (engine === 'lancedb') {
    const [command, args] = tsChildCommand('lancedb-child.ts', ['serve', dir, options.queriesPath]);
    return RoundServer.start(engine, command, args, { ...process.env, ...SINGLE_THREAD_LANCE });
  }
  const [command, args] = tsChildCommand('xlir-rounds-child.ts', [
    dir,
    options.queriesPath,
    engine === XLIR_RANKING ? 'rank' : 'search',
    ...(options.cacheArgs ?? []),
  ]);
  return RoundServer.start(engine, command, args);
}

/** Top-10 agreement of each peer with xlir, and Xapian's with its idf rescaled to xlir's. */
async function compareTop10(
  running: Running[],
  queries: readonly string[],
): Promise<Pick<RoundsResult, 'agreement' | 'xapianTerms'>> {
  const ranked = new Map<string, RankedIds>();
  for (const r of running)
    ranked.set(r.result.engine, await r.server.request<RankedIds>({ op: 'ids', k: 10 }));
  const xlirIds = ranked.get('xlir')!.ids;
  const rows: Agreement[] = [];
  let xapianTerms: RoundsResult['xapianTerms'];
  for (const [engine, { ids }] of ranked)
    if (engine !== 'xlir' && engine !== XLIR_RANKING) rows.push(agreement(`xlir – ${engine}`, xlirIds, ids));
  const xapian = running.find((r) => r.result.engine === 'xapian');
  if (xapian !== undefined) {
    const analyzer = getAnalyzer('en');
    const same = ranked
      .get('xapian')!
      .terms!.map((terms, i) => sameTerms(terms, analyzer.analyze(queries[i]!)));
    xapianTerms = { sameAsXlir: same.filter(Boolean).length, queries: same.length };
    const rescaled = await xapian.server.request<RankedIds>({ op: 'ids', k: 10, variant: 'xlir-idf' });
    rows.push(agreement('xlir – xapian with xlir’s idf', xlirIds, rescaled.ids));
    rows.push(agreement('xlir – xapian, same query terms only', xlirIds, ranked.get('xapian')!.ids, same));
    rows.push(agreement('xlir – xapian with xlir’s idf, same query terms only', xlirIds, rescaled.ids, same));
  }
  return { agreement: rows, xapianTerms };
}

/**
 * The rounds at one corpus size: xlir's index is already built in indexDir (by the caller, which
 * also measures its build); the peers are built here, once per run.
 */
export async function runRounds(
  n: number,
  corpus: string,
  indexDir: string,
  xlirBuild: Record<string, unknown>,
  peers: readonly RoundPeer[],
  options: RoundsOptions,
): Promise<RoundsResult> {
  const started = performance.now();
  const stopwords = join(options.work, 'stopwords-en.txt');
  console.error(`xlir's English stopwords for Xapian: ${await writeEnglishStopwords(stopwords)} words`);
  const engines: EngineResult[] = [];
  const running: Running[] = [];
  const start = async (engine: string, dir: string, build: Record<string, unknown>) => {
    const result: EngineResult = { engine, docs: n, build };
    engines.push(result);
    try {
      const { server, ready } = await startServer(engine, dir, stopwords, options);
      result.openMs = ready.openMs as number;
      running.push({ result, server, timed: {} });
    } catch (error) {
      result.failed = failureReason(error);
    }
  };
  await start('xlir', indexDir, xlirBuild);
  if (peers.includes('xapian')) await start(XLIR_RANKING, indexDir, xlirBuild);
  for (const peer of peers) {
    try {
      const { dir, build } = await buildPeer(peer, n, corpus, stopwords, options);
      await start(peer, dir, build);
    } catch (error) {
      engines.push({ engine: peer, docs: n, failed: failureReason(error) });
    }
  }

  const deepest = Math.max(...options.depths);
  for (const r of running) {
    console.error(`${r.result.engine}: warming (all queries at top-${deepest} and top-10) …`);
    await r.server.request<TimedQueries>({ op: 'time', k: deepest });
    await r.server.request<TimedQueries>({ op: 'time', k: 10 });
  }
  const before = loadavg();
  const perRound: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? running : [...running].reverse();
    for (const k of options.depths) {
      for (const r of order) {
        const timed = await r.server.request<TimedQueries>({ op: 'time', k });
        (r.timed[`top${k}`] ??= []).push(timed);
      }
    }
    perRound.push(loadavg()[0]!);
    console.error(`round ${round + 1}/${options.rounds} done (1-min load ${perRound.at(-1)!.toFixed(2)})`);
  }
  const after = loadavg();

  const compared = await compareTop10(running, options.queries);
  for (const r of running) {
    r.result.byDepth = Object.fromEntries(
      Object.entries(r.timed).map(([depth, t]) => [depth, summariseDepth(t)]),
    );
    r.result.threads = r.server.threads();
    r.result.queryPeakRssMb = (await r.server.request<{ peakRssMb: number }>({ op: 'stats' })).peakRssMb;
    await r.server.close();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    docs: n,
    rounds: options.rounds,
    depths: options.depths,
    load: { before, after, perRound },
    engines,
    ...compared,
  };
}
