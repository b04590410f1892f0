export { EvalError, TrecFormatError } from './errors.js';
export {
  evaluate,
  pairedScores,
  type EvaluateOptions,
  type Evaluation,
  type MetricValues,
  type PairedScores,
} from './evaluate.js';
export {
  computeMetric,
  judgementsOf,
  parseMetric,
  parseMetrics,
  type Metric,
  type MetricName,
  type QueryJudgements,
} from './metrics.js';
export { compareBytes, compareQids, compareRanked, rankEntries } from './ranking.js';
export {
  DEFAULT_PERMUTATION_TRIALS,
  holmBonferroni,
  mulberry32,
  pairedTTest,
  permutationTest,
  type PermutationOptions,
  type PermutationResult,
  type TTestResult,
} from './significance.js';
export { lnGamma, regularizedIncompleteBeta, studentTCdf, studentTTwoSided } from './special.js';
export { parseQrels, parseRun, parseTopics, readQrels, readRun, readTopics } from './trec-files.js';
export { formatQrels, formatRun, formatTopics, writeQrels, writeRun, writeTopics } from './trec-writers.js';
export type { DocId, Qid, Qrels, Run, RunEntry, Topics } from './types.js';
