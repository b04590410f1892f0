/** Public surface of lib/experiment: test-collection experiments with pluggable ranking systems. */
export { svgChart } from './chart.js';
export { comparePooled, compareSystems } from './compare.js';
export {
  CANDIDATE_DEPTH,
  CHART_METRIC,
  DEFAULT_SEED,
  PARTIAL_REMOVED_SHARE,
  EXPERIMENT_METRICS,
  PERMUTATION_TRIALS,
  SIGNIFICANCE_ALPHA,
} from './constants.js';
export { ExperimentError } from './errors.js';
export {
  formatRemovals,
  partialQrels,
  partialRemovals,
  removedLanguageCount,
  type Removal,
  type Removals,
} from './partial.js';
export { jsonReport, markdownReport, pairLabel } from './report.js';
export {
  runXquadRExperiment,
  sampleQids,
  type ExperimentProgress,
  type XquadRExperimentOptions,
} from './run.js';
export {
  MODEL_LAMBDA,
  rerankSystem,
  rerankSystemName,
  type RerankScoreCache,
  type RerankSystemOptions,
} from './rerank-system.js';
export { fuseRecord, type RankingsRecord } from './rankings.js';
export { writeReports, type ReportPaths } from './write.js';
export {
  FIRST_STAGES,
  isMultilingual,
  SETTINGS,
  type Candidate,
  type Comparison,
  type ExperimentResults,
  type FirstStageKind,
  type FirstStageSystem,
  type PairResult,
  type RankingQuery,
  type RankingSystem,
  type Setting,
} from './types.js';
