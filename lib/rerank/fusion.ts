/**
 * Score fusion and the final order of a reranked list.
 *
 *   final = (1 − λ)·norm(bm25) + λ·norm(rerank)
 *
 * (bm25 there is withDocumentMatch's signal when the list comes with document-translation scores:
 * query and document translation together.)
 *
 * where norm is min-max over the candidates the reranker scored in this request. A constant
 * list (one candidate, or all tied) normalises to 1: every value is the maximum, and a lone
 * candidate should not come back with a fused score of 0. λ = 1 is pure rerank; λ = 0 keeps
 * the first-stage order.
 */

export function minMax(values: readonly number[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const range = hi - lo;
  return values.map((v) => (range > 0 ? (v - lo) / range : 1));
}

export function fuse(bm25: readonly number[], rerank: readonly number[], lambda: number): number[] {
  const b = minMax(bm25);
  const r = minMax(rerank);
  return b.map((x, i) => (1 - lambda) * x + lambda * r[i]!);
}

/**
 * The first-stage signal a list is fused with: where every candidate of `firstStage` (the reranked
 * top, in order) has a document-translation score (`documentMatch`, gloss-match.ts), the mean of
 * the two min-max normalised; otherwise the first-stage scores as they are. One signal per list,
 * as one λ per list: a list half matched would put two scales side by side.
 */
export function withDocumentMatch(
  firstStage: readonly number[],
  documentMatch: ReadonlyArray<number | undefined>,
): number[] {
  if (firstStage.length === 0 || firstStage.some((_, i) => documentMatch[i] === undefined))
    return [...firstStage];
  const query = minMax(firstStage);
  const document = minMax(firstStage.map((_, i) => documentMatch[i]!));
  return query.map((q, i) => (q + document[i]!) / 2);
}

export interface RankedPosition {
  /** Index into the first-stage candidate list. */
  index: number;
  /** Fused score; absent for candidates the reranker did not score. */
  score?: number;
}

/**
 * The final order: scored candidates by fused score (ties keep first-stage order), then the
 * candidates within depth that a deadline left unscored, then those beyond depth, both in
 * first-stage order. `rerankScores[i]` is undefined for an unscored candidate. `documentMatch`
 * (gloss-match.ts), where every candidate has one, joins the first stage (withDocumentMatch).
 */
export function rankCandidates(
  firstStage: readonly number[],
  rerankScores: ReadonlyArray<number | undefined>,
  lambda: number,
  documentMatch: ReadonlyArray<number | undefined> = [],
): RankedPosition[] {
  const bm25 = withDocumentMatch(firstStage, documentMatch);
  const scored = bm25.flatMap((_, i) => (rerankScores[i] === undefined ? [] : [i]));
  const fused = fuse(
    scored.map((i) => bm25[i]!),
    scored.map((i) => rerankScores[i]!),
    lambda,
  );
  const ranked: RankedPosition[] = scored
    .map((index, j) => ({ index, score: fused[j]! }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  bm25.forEach((_, index) => {
    if (rerankScores[index] === undefined) ranked.push({ index });
  });
  return ranked;
}

/**
 * rankCandidates over the first `rerankScores.length` candidates (the rerank depth), then the
 * candidates beyond depth in first-stage order: the final order of every reranked list.
 */
export function rankToDepth(
  bm25: readonly number[],
  rerankScores: ReadonlyArray<number | undefined>,
  lambda: number,
  documentMatch: ReadonlyArray<number | undefined> = [],
): RankedPosition[] {
  const ranked = rankCandidates(bm25.slice(0, rerankScores.length), rerankScores, lambda, documentMatch);
  for (let i = rerankScores.length; i < bm25.length; i++) ranked.push({ index: i });
  return ranked;
}
