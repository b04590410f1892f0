/**
 * Merging ranked lists that were scored separately (one per document language). BM25 scores of
 * different languages are not comparable (different idf ranges, query lengths after
 * translation), so each list is either normalised (min-max or z-score, then CombSUM) or
 * replaced by its ranks (reciprocal rank fusion).
 */
import { RRF_K, type FusionMethod } from './constants.js';

export interface FusedItem<T> {
  item: T;
  /** The fused score: normalised score (summed over lists holding the item) or RRF score. */
  score: number;
}

interface Contribution<T> {
  item: T;
  fused: number;
  /** Best raw score and earliest position, for deterministic tie-breaking. */
  raw: number;
  list: number;
  rank: number;
}

/** Each list's scores mapped for fusion; lists are best first. */
function normalised(scores: readonly number[], method: FusionMethod): number[] {
  if (method === 'rrf') return scores.map((_, rank) => 1 / (RRF_K + rank + 1));
  if (scores.length === 0) return [];
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
 * of its normalised scores (CombSUM) or of its reciprocal ranks. Ties go to the higher raw
 * score, then the earlier list, then the earlier rank, so the output is fully determined.
 */
export function fuseRankings<T extends { score: number }>(
  lists: ReadonlyArray<readonly T[]>,
  method: FusionMethod,
  topK: number,
  key: (item: T) => string,
): Array<FusedItem<T>> {
  const byKey = new Map<string, Contribution<T>>();
  lists.forEach((list, l) => {
    const values = normalised(
      list.map((item) => item.score),
      method,
    );
    list.forEach((item, rank) => {
      const k = key(item);
      const seen = byKey.get(k);
      if (seen) {
        seen.fused += values[rank]!;
        seen.raw = Math.max(seen.raw, item.score);
      } else byKey.set(k, { item, fused: values[rank]!, raw: item.score, list: l, rank });
    });
  });
  const merged = [...byKey.values()].sort(
    (a, b) => b.fused - a.fused || b.raw - a.raw || a.list - b.list || a.rank - b.rank,
  );
  return merged.slice(0, topK).map((c) => ({ item: c.item, score: c.fused }));
}
