/**
 * The part of lib/rerank that runs anywhere (no onnxruntime, nothing from `node:`): what a
 * rerank takes and returns, and how its scores fuse with the first stage's. lib/retrieve and the
 * edge Worker import this instead of index.ts, so a rerank done remotely (the Worker asking the
 * Lambda API) is fused and ordered by the same code as one done in-process.
 */
export {
  AUTO_MODEL,
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  MAX_RERANK_DEPTH,
  NO_RERANK,
} from './constants.js';
export { RerankModelError, RerankRequestError, RoutingError } from './errors.js';
export { fuse, minMax, rankCandidates, rankToDepth, type RankedPosition } from './fusion.js';
export {
  fusionLambda,
  keepsFirstStage,
  MIXED_LANGUAGE_STRATEGIES,
  type MixedLanguageStrategy,
  type ModelChoice,
} from './model-choice.js';
export { firstStageOrder } from './request.js';
export type { RerankCandidate, RerankedDoc, RerankRequest, RerankResult, RerankTiming } from './request.js';
