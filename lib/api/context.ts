/** What every route handler can reach: the per-app state and the per-request variables. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Caller, Gatekeeper } from './auth.js';
import type { ApiLog } from './deps.js';
import type { IndexCatalog } from './indexes.js';
import type { ModelService } from './models.js';
import type { Consumption, SearchContext } from './search-service.js';
import type { UsageMeter, UsageSink } from './usage.js';

export interface ApiState extends SearchContext {
  indexes: IndexCatalog;
  models: ModelService;
  gatekeeper: Gatekeeper;
  meter: UsageMeter;
  usage: UsageSink;
  log: ApiLog;
  now: () => number;
  /** Resolves once the usage history (local ledger) is in the meter, so quotas survive restarts. */
  meterReady: Promise<void>;
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    /** Set by billed handlers; the usage middleware records it. */
    consumption?: Consumption;
  };
}

export type ApiApp = OpenAPIHono<ApiEnv>;
