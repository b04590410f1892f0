/**
 * Runs one language pair: every first-stage system over every query, then every pluggable
 * ranking system over each first stage's candidates. Systems that share work share it: all
 * fusion variants of PSQ fuse one set of per-language rankings. MLIR-partial's removed
 * documents are filtered out of each list before fusion (partial.ts says why).
 */
import type { Qid } from '../eval/index.js';
import {
  CrossLingualSearcher,
  DEFAULT_FUSION,
  type LanguageRanking,
  type RankedDoc,
  type Searcher,
  type SearchHit,
} from '../search/index.js';
import type { RankingsRecord } from './rankings.js';
import type { Candidate, FirstStageSystem, RankingSystem } from './types.js';

export interface PairRun {
  queryLang: string;
  /** Document languages searched: one for MoIR/CLIR, all for MLIR. */
  docLangs: readonly string[];
  searcher: Searcher;
  crossLingual: CrossLingualSearcher | undefined;
  topics: ReadonlyArray<readonly [Qid, string]>;
  firstStages: readonly FirstStageSystem[];
  rankers: readonly RankingSystem[];
  depth: number;
  /** Documents removed from the pool per query (MLIR-partial): filtered out before fusion. */
  excluded?: ReadonlyMap<Qid, ReadonlySet<string>>;
  /** Receives each query's per-language PSQ lists as fusion saw them (`--write-rankings`). */
  onRankings?: (record: RankingsRecord) => Promise<void>;
  onQuery: () => void;
}

/** Ranked candidates per system per query. */
export type SystemRuns = Map<string, Map<Qid, Candidate[]>>;

export function rerankedName(firstStage: string, ranker: RankingSystem): string {
  return `${firstStage}>${ranker.name}`;
}

function candidates(hits: readonly SearchHit[]): Candidate[] {
  return hits.map((h) => ({ ...h }));
}

/**
 * Drops the excluded documents from each language's list and cuts it at depth. Each list was
 * searched `excluded.size` deeper, so what is left is the exact top `depth` of the reduced pool.
 */
function withoutExcluded(
  rankings: LanguageRanking[],
  searcher: Searcher,
  excluded: ReadonlySet<string>,
  depth: number,
): LanguageRanking[] {
  const docId = (d: RankedDoc) => searcher.reader.shards[d.shard]!.head.docId(d.doc);
  return rankings.map((r) => ({
    ...r,
    ranked: r.ranked.filter((d) => !excluded.has(docId(d))).slice(0, depth),
  }));
}

async function firstStage(run: PairRun, qid: Qid, text: string): Promise<Map<string, Candidate[]>> {
  const { searcher, crossLingual, queryLang, docLangs, depth } = run;
  const includeText = run.rankers.some((r) => r.needsText);
  const excluded = run.excluded?.get(qid) ?? new Set<string>();
  const out = new Map<string, Candidate[]>();
  const psqSystems = run.firstStages.filter((s) => s.kind === 'psq');
  if (psqSystems.length > 0) {
    if (!crossLingual) throw new Error(`PSQ needs lexicons (query ${qid})`);
    const ranked = await crossLingual.rankByLanguage(text, {
      queryLang,
      docLangs,
      topK: depth + excluded.size,
    });
    const rankings = withoutExcluded(ranked.rankings, searcher, excluded, depth);
    if (run.onRankings) {
      const docId = (d: RankedDoc) => searcher.reader.shards[d.shard]!.head.docId(d.doc);
      await run.onRankings({
        qid,
        queryLang,
        lists: rankings.map((r) => ({
          lang: r.lang,
          via: r.via,
          maxScore: r.maxScore,
          typicalScore: r.typicalScore,
          docs: r.ranked.map((d): [string, number] => [docId(d), d.score]),
        })),
      });
    }
    for (const system of psqSystems) {
      const top = CrossLingualSearcher.fuse(rankings, system.fusion ?? DEFAULT_FUSION, depth);
      out.set(system.name, candidates(await searcher.hitsFor(top, includeText)));
    }
  }
  for (const system of run.firstStages.filter((s) => s.kind === 'bm25')) {
    // One language: the index holds only it. MLIR: one ranking over the pooled index, no fan-out.
    const result = await searcher.search(text, { queryLang, topK: depth + excluded.size, includeText });
    out.set(system.name, candidates(result.hits.filter((h) => !excluded.has(h.docId)).slice(0, depth)));
  }
  return out;
}

export async function runPair(run: PairRun): Promise<SystemRuns> {
  const runs: SystemRuns = new Map();
  const add = (system: string, qid: Qid, ranked: Candidate[]) => {
    let byQuery = runs.get(system);
    if (!byQuery) runs.set(system, (byQuery = new Map()));
    byQuery.set(qid, ranked);
  };
  for (const [qid, text] of run.topics) {
    const first = await firstStage(run, qid, text);
    for (const system of run.firstStages) {
      const ranked = first.get(system.name)!;
      add(system.name, qid, ranked);
      for (const ranker of run.rankers) {
        const query = { qid, text, lang: run.queryLang };
        add(rerankedName(system.name, ranker), qid, await ranker.rank(query, ranked.slice(0, ranker.depth)));
      }
    }
    run.onQuery();
  }
  return runs;
}
