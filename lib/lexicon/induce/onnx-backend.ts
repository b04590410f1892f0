/**
 * Nearest neighbours and CSLS with onnxruntime doing the all-pairs work (GEMM + TopK, see
 * onnx-scorer.ts). onnxruntime ranks in float32; every candidate it returns is then rescored in
 * float64 by the same `dot` as the JavaScript reference, and a few spare candidates per row absorb
 * float32 near-ties, so both backends give the same lexicon.
 */
import { CANDIDATE_MARGIN } from './constants.js';
import type { Embeddings } from './embeddings.js';
import { bestKeys, type ScorerOptions } from './onnx-scorer.js';
import { cslsScore, dot, type TopK } from './similarity.js';

export interface OnnxPlan {
  threads: number;
  blockRows: number;
  blockCols: number;
  /** Pairs scored so far out of the total for the whole induction. */
  onProgress?: (done: number, total: number) => void;
}

/** Scorer options whose progress counts from `offset` pairs already done. */
function scorer(plan: OnnxPlan, offset: number, total: number): ScorerOptions {
  const { threads, blockRows, blockCols, onProgress } = plan;
  return { threads, blockRows, blockCols, onPairs: (pairs) => onProgress?.(offset + pairs, total) };
}

function means(table: TopK, rows: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, row) => table.mean(row));
}

/** Plain nearest neighbours: top `topK` targets of each source row by cosine. */
export async function nearestOnnx(
  src: Embeddings,
  tgt: Embeddings,
  topK: number,
  plan: OnnxPlan,
): Promise<TopK> {
  const pairs = src.words.length * tgt.words.length;
  const { best } = await bestKeys(src, tgt, { k: topK + CANDIDATE_MARGIN }, scorer(plan, 0, pairs));
  best.rescore((i, j) => dot(src.vectors, i, tgt.vectors, j, src.dim));
  return best.keep(topK);
}

/**
 * CSLS in two runs over all pairs. The first, targets against sources, gives r_S(y): the mean cosine
 * of y's k nearest sources. The second, sources against targets, ranks by cos(x, y) − r_S(y)/2,
 * which orders a row as CSLS does since r_T(x) is the same across the row, and gathers x's k
 * nearest targets for r_T(x) from the same products.
 */
export async function cslsOnnx(
  src: Embeddings,
  tgt: Embeddings,
  k: number,
  topK: number,
  plan: OnnxPlan,
): Promise<TopK> {
  const { dim } = src;
  const cos = (i: number, j: number): number => dot(src.vectors, i, tgt.vectors, j, dim);
  const pairs = src.words.length * tgt.words.length;
  const wide = k + CANDIDATE_MARGIN;
  const fromTargets = await bestKeys(tgt, src, { k: wide }, scorer(plan, 0, 2 * pairs));
  fromTargets.best.rescore((j, i) => cos(i, j));
  const rS = means(fromTargets.best.keep(k), tgt.words.length);

  const halfRS = Float32Array.from(rS, (r) => r / 2);
  const request = { k: topK + CANDIDATE_MARGIN, penalty: halfRS, neighbours: wide };
  const fromSources = await bestKeys(src, tgt, request, scorer(plan, pairs, 2 * pairs));
  fromSources.neighbours!.rescore(cos);
  const rT = means(fromSources.neighbours!.keep(k), src.words.length);
  fromSources.best.rescore((i, j) => cslsScore(cos(i, j), rT[i]!, rS[j]!));
  return fromSources.best.keep(topK);
}
