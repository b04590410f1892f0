/**
 * The first-stage feature: what a cross-encoder with a `first_stage` input (session.ts) reads
 * beside the text, so that it can weigh how strongly the first stage ranked a candidate. The
 * training recipe exports this contract and the runtime must compute exactly what it trained on:
 *
 *   row i = [present, value] for pair i, float32
 *   present = 1, value = max(0, bm25Score) / top   when top, the largest bm25Score of ALL the
 *                                                   request's candidates (not only those within
 *                                                   depth), is finite and > 0
 *   present = 0, value = 0                          for every pair otherwise
 *
 * BM25 scores are not comparable across queries, hence the division by the request's best. A
 * request without usable scores (the Cohere-compatible route passes 0 for every candidate,
 * lib/api/rerank-service.ts) is no error: the model was trained with the feature dropped for a
 * share of pairs, so [0, 0] means "no first stage", not "the weakest candidate". Pairs scored
 * outside a request (scorePairs, the probe at load) get [0, 0] too. Every chunk of a chunked
 * passage gets its candidate's row.
 */

/** [present, value] of one pair. */
export type FirstStageFeature = readonly [present: number, value: number];

/** The row of a pair without a usable first-stage score. */
export const NO_FIRST_STAGE: FirstStageFeature = [0, 0];

/** One row per score, in order: scores are every candidate's bm25Score of one request. */
export function firstStageFeatures(scores: readonly number[]): FirstStageFeature[] {
  let top = -Infinity;
  for (const score of scores) top = Math.max(top, score);
  if (!(Number.isFinite(top) && top > 0)) return scores.map(() => NO_FIRST_STAGE);
  return scores.map((score): FirstStageFeature => [1, Math.max(0, score) / top]);
}
