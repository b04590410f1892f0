/**
 * Public surface of lib/rerank: the cross-encoder stage on onnxruntime-node (Node only).
 * contract.ts is the part a runtime without native addons can import: the request and result
 * shapes and the score fusion, so the edge Worker fuses a remote rerank exactly as Node does.
 */
export {
  AUTO_MODEL,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LAMBDA,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  DEFAULT_ROUTING_URI,
  MANIFEST_FILE,
  MAX_RERANK_DEPTH,
  MODEL_FILE,
  NO_RERANK,
  ROUTING_FILE,
  TOKENIZER_FILE,
} from './constants.js';
export { chunkTokens, encodeCandidate, type EncodedCandidate, type LongPassages } from './chunking.js';
export {
  ChunkLimitError,
  PassageTooLongError,
  RerankModelError,
  RerankRequestError,
  RoutingError,
} from './errors.js';
export { firstStageFeatures, NO_FIRST_STAGE, type FirstStageFeature } from './first-stage.js';
export { fuse, minMax, rankCandidates, rankToDepth, type RankedPosition } from './fusion.js';
export { glossMatchScores } from './gloss-match.js';
export {
  calibrate,
  describeCalibration,
  MODEL_INPUTS,
  parseModelManifest,
  sigmoid,
  type Calibration,
  type FileDigest,
  type ModelInput,
  type ModelManifest,
} from './manifest.js';
export { DEFAULT_MODEL_CACHE_DIR } from './model-files.js';
export { acquireModel, releaseModels, RerankModel, type ModelLoadOptions } from './model.js';
export {
  chooseModels,
  fusionLambda,
  MIXED_LANGUAGE_STRATEGIES,
  type ChoiceRule,
  type MixedLanguageStrategy,
  type ModelChoice,
} from './model-choice.js';
export { ModelRegistry, resolveModelUri, splitRoutingUri, type RegisteredModel } from './registry.js';
export { Reranker, type RerankerOptions } from './reranker.js';
export type {
  RerankCandidate,
  RerankedDoc,
  RerankRequest,
  RerankResult,
  RerankTiming,
  ScorePairsResult,
} from './request.js';
export {
  modelRoles,
  parseRoutingTable,
  resolveModelName,
  resolveRoute,
  routingLanguage,
  type LanguagesOf,
  type RouteKind,
  type RouteResolution,
  type RouteRule,
  type RoutingTable,
} from './routing.js';
export { sessionOptions, type SessionContract } from './session.js';
export { PairTokenizer, type EncodedPair } from './tokenizer.js';
export { longestFirstLengths } from './truncation.js';
export { TimeSlicer, yieldToEventLoop } from './yield.js';
export { type TextGlosser } from './glossing.js';
export { lexiconGlosser } from './lexicon-glosser.js';
