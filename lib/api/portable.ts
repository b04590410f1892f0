/**
 * The part of lib/api a runtime without Node can run (index.ts is the Node surface: the server,
 * Lambda-facing billing, DynamoDB, disk ledgers). The edge Worker (functions/edge) imports this:
 * the same admission, request schema, search path, error mapping and index catalog as the Lambda
 * API, so a request is admitted, answered and worded the same on both. The lint rule that keeps
 * Node out of the read path covers every file this re-exports.
 */
export { Gatekeeper, presentedKey, type Caller } from './auth.js';
export {
  ANONYMOUS_KEY_ID,
  DEFAULT_HOME,
  DEFAULT_INDEX_NAME,
  DEFAULT_INDEX_REFRESH_MS,
  ENV,
  MAX_BODY_BYTES,
} from './constants.js';
export type { ApiLog } from './deps.js';
export { ApiError, clientMessage, oneLine, toApiError, type ErrorBody } from './errors.js';
export { answerErrorsAsJson, errorResponse } from './error-handlers.js';
export { HealthBoard, watchIndexes } from './health.js';
export { IndexCatalog } from './indexes.js';
export {
  parseApiKeyEntry,
  parseApiKeys,
  StaticKeyStore,
  type ApiKeyEntry,
  type KeyStore,
} from './key-store.js';
export { keptLexicons, type LexiconSource } from './lexicon-source.js';
export { SearchRequestSchema } from './schemas/search.js';
export { runSearch, type Consumption, type SearchModels } from './search-service.js';
export type { UsageRecord } from './usage.js';
