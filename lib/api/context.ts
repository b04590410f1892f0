/** What every route handler can reach: the per-app state and the per-request variables. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Caller, Gatekeeper } from './auth.js';
import type { Reservation } from './billing.js';
import type { UsageCounters } from './counters.js';
import type { ApiLog } from './deps.js';
import type { HealthBoard } from './health.js';
import type { IndexCatalog } from './indexes.js';
import type { ModelService } from './models.js';
import type { Consumption, SearchContext } from './search-service.js';
import type { UsageSink } from './usage.js';

export interface ApiState extends SearchContext {
  indexes: IndexCatalog;
  models: ModelService;
  gatekeeper: Gatekeeper;
  /** Quota counters and monthly usage per key (local, rebuilt from the ledger, or DynamoDB). */
  counters: UsageCounters;
  usage: UsageSink;
  log: ApiLog;
  now: () => number;
  /** Each index's, the models' and the lexicons' state from their last access (/healthz). */
  health: HealthBoard;
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    /** Set by billed handlers; the usage middleware records it. */
    consumption?: Consumption;
    /** Units a billed handler reserved on the caller's quota; the usage middleware settles them. */
    reservation?: Reservation;
  };
}

export type ApiApp = OpenAPIHono<ApiEnv>;
