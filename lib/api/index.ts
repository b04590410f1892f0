/** Public surface of lib/api: the HTTP API (Hono) and what it is configured with. */
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
export { ApiKeyConfigError, generateApiKey, hashApiKey, parseApiKeys, type ApiKeyEntry } from './keys.js';
export { startServer, type RunningServer, type ServeOptions } from './server.js';
export { PowertoolsUsageSink, type UsageLogger, type UsageMetrics } from './usage-emf.js';
export {
  combineSinks,
  JsonlUsageLedger,
  MemoryUsageSink,
  UsageMeter,
  type PeriodUsage,
  type UsageRecord,
  type UsageSink,
} from './usage.js';
