/**
 * Merging ranked lists that were scored separately (one per document language). BM25 scores of
 * different languages are not comparable (different idf ranges, query lengths after
 * translation), so each list is put on a common scale before its scores are summed (CombSUM)
 * or replaced by its ranks (reciprocal rank fusion).
 *
 * Min-max and z-scores scale a list by its own hits, so the best hit of every language looks
 * equally good whether it matched the whole query or one word of it. The 'attainable' methods
 * scale by what the query could have scored in that language (Searcher.rankGroupsBounded), so
 * a list whose best hit matches few query terms stays low.
 *
 * 'head-calibrated' (the default) asks how far a hit stands above its own list's head, the mean
 * of the list's top FUSION_HEAD_DEPTH scores: a language holding one document that matches the
 * query much better than the rest has a top well clear of that mean, while a language where the
 * query only matched common words has a flat head, and its best hit stays near 0. On XQuAD-R the
 * gap between a list's first and second score predicts whether its first hit is relevant better
 * than the best score itself does (docs/results.md).
 */
import { FUSION_HEAD_DEPTH, FUSION_TIE_MARGIN, RRF_K, type FusionMethod } from './constants.js';

export interface FusedItem<T> {
  item: T;
  /** The fused score: normalised score (summed over lists holding the item) or RRF score. */
  score: number;
}

export interface FusionOptions {
  /**
   * Per list, the largest score its query could give a document (Searcher.rankGroupsBounded);
   * required by 'attainable' and 'attainable-top'.
   */
  maxScores?: readonly number[];
  /** Per list, the score of a reference document (Searcher.rankGroupsBounded); required by 'calibrated'. */
  typicalScores?: readonly number[];
  /**
   * The list whose items win ties on the fused score (the query's own language): a tie says the
   * lists are equally sure, and then the untranslated match is the safer one. Its normalised
   * scores get FUSION_TIE_MARGIN added (except under 'rrf', whose scores are ranks), so a
   * translated hit must beat it by more than the margin to go first.
   */
  preferList?: number;
}

interface Contribution<T> {
  item: T;
  fused: number;
  /** Best raw score and earliest position, for deterministic tie-breaking. */
  raw: number;
  list: number;
  rank: number;
}

/** Whether a method needs each list's reference score (Searcher.rankGroupsBounded's typicalScore). */
function needsTypicalScores(method: FusionMethod): boolean {
  return method === 'calibrated' || method === 'minmax-calibrated' || method === 'head-calibrated';
}

/** Whether a method needs each list's maximum attainable score. */
function needsMaxScores(method: FusionMethod): boolean {
  return method === 'attainable' || method === 'attainable-top';
}

/**
 * A score divided by a bound, clamped to [0, 1]: mathematically s ≤ bound already, the clamp
 * only absorbs rounding, so "never above 1" holds exactly.
 */
function ratio(score: number, bound: number): number {
  return bound > 0 ? Math.min(1, Math.max(0, score / bound)) : 0;
}

/** Each list's scores mapped for fusion; lists are best first. */
function normalised(
  scores: readonly number[],
  method: FusionMethod,
  maxScore: number | undefined,
  typicalScore: number | undefined,
): number[] {
  if (method === 'rrf') return scores.map((_, rank) => 1 / (RRF_K + rank + 1));
  if (scores.length === 0) return [];
  if (method === 'head-calibrated') {
    if (typicalScore === undefined) throw new Error(`fusion ${method} needs each list's reference score`);
    // A list shorter than the head depth is padded with documents that matched nothing (score 0),
    // so a lone hit stands above its head by 1 − 1/depth of its score.
    const head = scores.slice(0, FUSION_HEAD_DEPTH).reduce((sum, s) => sum + s, 0) / FUSION_HEAD_DEPTH;
    const lift = Math.max(...scores) - head;
    // The unit is minmax-calibrated's top, measured from the head instead of the list's minimum: a
    // lift that reaches the reference document's score scales to 1, a smaller one to √(lift /
    // reference), so a list whose best barely clears its head is not promoted. Hits below the head
    // go negative, in the same unit, which keeps the order of every list intact.
    const unit = Math.max(lift, Math.sqrt(lift * typicalScore));
    return scores.map((s) => (unit > 0 ? (s - head) / unit : 0));
  }
  if (method === 'minmax-calibrated') {
    if (typicalScore === undefined) throw new Error(`fusion ${method} needs each list's reference score`);
    const min = Math.min(...scores);
    const best = Math.max(...scores);
    // A list whose best falls short of the reference is scaled as if its best were halfway (on a
    // log scale) to the reference, √(best · reference): its top hit stays below 1, by more the
    // weaker it is, while a list that reaches the reference scales exactly as min-max.
    const top = Math.max(best, Math.sqrt(best * typicalScore));
    return scores.map((s) => (top > min ? (s - min) / (top - min) : 1));
  }
  if (method === 'calibrated') {
    if (typicalScore === undefined) throw new Error(`fusion ${method} needs each list's reference score`);
    // Not clamped: a document better than the reference scores above 1.
    return scores.map((s) => (typicalScore > 0 ? s / typicalScore : 0));
  }
  if (method === 'attainable' || method === 'attainable-top') {
    if (maxScore === undefined)
      throw new Error(`fusion ${method} needs each list's maximum attainable score`);
    if (method === 'attainable') return scores.map((s) => ratio(s, maxScore));
    // Halfway, on a log scale, between the list's own best (min-max's 1) and the attainable
    // bound: s / √(top · bound). The top hit gets √(top / bound) ≤ 1.
    const top = Math.max(...scores);
    return scores.map((s) => ratio(s, Math.sqrt(top * maxScore)));
  }
  if (method === 'minmax') {
    const max = Math.max(...scores);
    const min = Math.min(...scores);
    // One hit, or all tied: each is as good as the list's best.
    return scores.map((s) => (max > min ? (s - min) / (max - min) : 1));
  }
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
  const variance = scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / scores.length;
  const sd = Math.sqrt(variance);
  return scores.map((s) => (sd > 0 ? (s - mean) / sd : 0));
}

/**
 * Fuses ranked lists into the top `topK`. An item in several lists (keyed by `key`) gets the sum
 * of its normalised scores (CombSUM) or of its reciprocal ranks. Ties go to the preferred list
 * (options.preferList), then the higher raw score, then the earlier list, then the earlier
 * rank, so the output is fully determined.
 */
export function fuseRankings<T extends { score: number }>(
  lists: ReadonlyArray<readonly T[]>,
  method: FusionMethod,
  topK: number,
  key: (item: T) => string,
  options: FusionOptions = {},
): Array<FusedItem<T>> {
  if (needsMaxScores(method) && options.maxScores?.length !== lists.length) {
    throw new Error(`fusion ${method} needs one maximum attainable score per list`);
  }
  if (needsTypicalScores(method) && options.typicalScores?.length !== lists.length) {
    throw new Error(`fusion ${method} needs one reference score per list`);
  }
  const byKey = new Map<string, Contribution<T>>();
  lists.forEach((list, l) => {
    const margin = l === options.preferList && method !== 'rrf' ? FUSION_TIE_MARGIN : 0;
    const values = normalised(
      list.map((item) => item.score),
      method,
      options.maxScores?.[l],
      options.typicalScores?.[l],
    );
    list.forEach((item, rank) => {
      const k = key(item);
      const seen = byKey.get(k);
      if (seen) {
        seen.fused += values[rank]! + margin;
        seen.raw = Math.max(seen.raw, item.score);
      } else byKey.set(k, { item, fused: values[rank]! + margin, raw: item.score, list: l, rank });
    });
  });
  const preferred = (c: Contribution<T>): number => (c.list === options.preferList ? 0 : 1);
  const merged = [...byKey.values()].sort(
    (a, b) =>
      b.fused - a.fused || preferred(a) - preferred(b) || b.raw - a.raw || a.list - b.list || a.rank - b.rank,
  );
  return merged.slice(0, topK).map((c) => ({ item: c.item, score: c.fused }));
}
