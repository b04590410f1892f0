/**
 * Public surface of lib/api: the HTTP API (Hono) and what it is configured with. The DynamoDB
 * billing stores (dynamodb/) are imported from their modules, so the AWS SDK's DynamoDB client
 * loads only where they are used.
 */
export { API_VERSION, createApp } from './app.js';
export {
  ApiConfigError,
  appDepsFromEnv,
  consoleLog,
  parseIndexes,
  type ApiLog,
  type AppDeps,
  type AuthConfig,
  type Env,
  type ModelsConfig,
  type UpstreamKeyIdReader,
} from './deps.js';
export type { ApiApp } from './context.js';
export * from './constants.js';
export { ApiError, type ErrorBody, type ErrorType } from './errors.js';
export {
  ApiKeyConfigError,
  generateApiKey,
  hashApiKey,
  parseApiKeys,
  StaticKeyStore,
  type ApiKeyEntry,
  type KeySource,
  type KeyStore,
} from './keys.js';
export { BILLING_ENV } from './billing-constants.js';
export { LocalCounters, type ReserveOutcome, type UsageCounters } from './counters.js';
export { startServer, type RunningServer, type ServeOptions } from './server.js';
export { PowertoolsUsageSink, type UsageLogger, type UsageMetrics } from './usage-emf.js';
export {
  combineSinks,
  JsonlUsageLedger,
  MemoryUsageSink,
  periodOf,
  type PeriodUsage,
  type UsageRecord,
  type UsageSink,
} from './usage.js';
