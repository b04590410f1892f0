/**
 * BM25 as Lucene ≥ 8 computes it (no (k1 + 1) factor in the numerator, which
 * does not change rankings), with idf = ln(1 + (N − df + 0.5) / (df + 0.5)).
 * A repeated query term counts once per occurrence, as Anserini's
 * bag-of-words queries do.
 */
import type { Bm25Params, DecodedPostings } from '../index/index.js';

export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** k1 · (1 − b + b · dl / avgdl): the length part of the denominator (a shard's: norms.ts). */
export function lengthNorm(dl: number, params: Bm25Params, avgdl: number): number {
  return params.k1 * (1 - params.b + (avgdl > 0 ? (params.b * dl) / avgdl : 0));
}

/**
 * The share of a term's weight a posting earns, tf / (tf + norm): what scoring multiplies by the
 * weight. Precomputed per posting (impacts.ts), so every path computes a score the same way.
 */
export function termImpact(tf: number, norm: number): number {
  return tf / (tf + norm);
}

/** One query term's contribution to a document's score: weight · impact, in that order. */
export function termScore(weight: number, tf: number, norm: number): number {
  return weight * termImpact(tf, norm);
}

/**
 * Relative slack on score upper bounds. Sums are taken in different orders
 * when pruning and when scoring, and rounding must never let a bound fall
 * below a real score, or a true top-k document could be skipped.
 */
export const UPPER_BOUND_SLACK = 1e-9;

/** Largest contribution any document in the list can get, from the (tf, dl) frontier. */
export function termUpperBound(
  weight: number,
  postings: DecodedPostings,
  params: Bm25Params,
  avgdl: number,
): number {
  let best = 0;
  for (let i = 0; i < postings.frontierTfs.length; i++) {
    const s = termScore(
      weight,
      postings.frontierTfs[i]!,
      lengthNorm(postings.frontierDls[i]!, params, avgdl),
    );
    if (s > best) best = s;
  }
  return best * (1 + UPPER_BOUND_SLACK);
}
