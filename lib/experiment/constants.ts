/** Fixed choices of the experiment harness, in one place. */

/** What every run is evaluated on. */
export const EXPERIMENT_METRICS = ['map', 'mrr@10', 'ndcg@10', 'recall@100'] as const;

/** Documents retrieved per query: trec_eval's customary depth for MAP. */
export const CANDIDATE_DEPTH = 1000;

/** Family-wise error rate of the significance marks (after Holm–Bonferroni). */
export const SIGNIFICANCE_ALPHA = 0.05;

/** Sign-flip draws of each paired randomisation test. */
export const PERMUTATION_TRIALS = 10_000;

/** Metric drawn in the SVG chart. */
export const CHART_METRIC = 'ndcg@10';

/** Default seed: query sampling and permutation tests. */
export const DEFAULT_SEED = 1;

/**
 * MLIR-partial: the share of a question's languages whose relevant sentence is removed from
 * the pool (3 of XQuAD-R's 6), as the issue specifies: enough languages with nothing relevant
 * that a fusion promoting every language's best hit is exposed, enough left to rank.
 */
export const PARTIAL_REMOVED_SHARE = 0.5;
