export {
  AUTO_MODEL,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LAMBDA,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  DEFAULT_MODEL_CACHE_DIR,
  DEFAULT_ROUTING_URI,
  MANIFEST_FILE,
  MAX_RERANK_DEPTH,
  MODEL_FILE,
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
export { fuse, minMax, rankCandidates, type RankedPosition } from './fusion.js';
export {
  calibrate,
  describeCalibration,
  parseModelManifest,
  sigmoid,
  type Calibration,
  type FileDigest,
  type ModelManifest,
} from './manifest.js';
export { acquireModel, releaseModels, RerankModel, type ModelLoadOptions } from './model.js';
export {
  chooseModels,
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
