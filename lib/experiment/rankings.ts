/**
 * The per-language PSQ lists of one query as fusion received them (`--write-rankings`), and their
 * fusion by document id: what a fusion study needs to try a merge offline without searching
 * again (bench/xquad-r/fusion-study.ts). Fusing a record gives the ranking the experiment's PSQ
 * system gave, since both go through fuseRankings with the same bounds and preferred list.
 */
import type { Qid } from '../eval/index.js';
import { fuseRankings, type FusionMethod } from '../search/index.js';

export interface RankingsRecord {
  qid: Qid;
  queryLang: string;
  lists: Array<{
    lang: string;
    /** 'monolingual', or the translator that produced the list's query. */
    via: string;
    maxScore: number;
    typicalScore: number;
    /** Best first: [document id, score]. */
    docs: Array<[string, number]>;
  }>;
}

/** The record's lists merged by `method`, best first, at most `topK` document ids. */
export function fuseRecord(record: RankingsRecord, method: FusionMethod, topK: number): string[] {
  const lists = record.lists.map((l) => l.docs.map(([id, score]) => ({ id, score })));
  const own = record.lists.findIndex((l) => l.via === 'monolingual');
  return fuseRankings(lists, method, topK, (d) => d.id, {
    maxScores: record.lists.map((l) => l.maxScore),
    typicalScores: record.lists.map((l) => l.typicalScore),
    ...(own >= 0 ? { preferList: own } : {}),
  }).map((f) => f.item.id);
}
