/**
 * Which billing stores the environment names (deps.ts reads the rest): XLIR_KEYS_TABLE and
 * XLIR_USAGE_TABLE put keys, quota counters, rate-limit windows and the usage ledger in DynamoDB,
 * shared by every instance; without them a server keeps its keys in XLIR_API_KEYS and its counters in memory,
 * rebuilt from the local ledger. On Lambda, where instances come and go with load, counters of
 * one instance would multiply a key's quota by the concurrency, so keys mode needs the table
 * there, and auth cannot be off at all.
 */
import { BILLING_ENV } from './billing-constants.js';
import { ENV } from './constants.js';
import type { UsageCounters } from './counters.js';
import { ApiConfigError, type ApiLog, type AuthConfig, type Env } from './deps.js';
import type { KeyStore } from './keys.js';
import type { RateLimiter } from './rate-limit.js';
import type { UsageSink } from './usage.js';

export interface BillingStores {
  /** The keys table, when XLIR_KEYS_TABLE names one. */
  keyStore?: KeyStore;
  /** Counters shared by every instance, when XLIR_USAGE_TABLE names a table. */
  counters?: UsageCounters;
  /** The durable ledger in the same table, written besides XLIR_USAGE_SINK's sinks. */
  ledger?: UsageSink;
  /** Key rates counted in the same table, one window per key and minute for every instance. */
  rateLimiter?: RateLimiter;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function tableName(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  if (!value) return undefined;
  if (!TABLE_NAME.test(value)) {
    throw new ApiConfigError(
      `${variable} must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), got "${value}"`,
    );
  }
  return value;
}

/** The DynamoDB stores the environment names; the AWS SDK's DynamoDB client loads only for them. */
export async function readBillingStores(env: Env, log: ApiLog): Promise<BillingStores> {
  const keysTable = tableName(env, BILLING_ENV.keysTable);
  const usageTable = tableName(env, BILLING_ENV.usageTable);
  if (!keysTable && !usageTable) return {};
  const [
    { createDynamoClient },
    { DynamoKeyStore },
    { DynamoCounters, DynamoUsageLedger },
    { DynamoRateLimiter },
  ] = await Promise.all([
    import('./dynamodb/client.js'),
    import('./dynamodb/keys-table.js'),
    import('./dynamodb/usage-table.js'),
    import('./dynamodb/rate-window.js'),
  ]);
  const client = createDynamoClient();
  return {
    ...(keysTable ? { keyStore: new DynamoKeyStore(client, keysTable, log) } : {}),
    ...(usageTable
      ? {
          counters: new DynamoCounters(client, usageTable),
          ledger: new DynamoUsageLedger(client, usageTable),
          rateLimiter: new DynamoRateLimiter(client, usageTable, log),
        }
      : {}),
  };
}

/** Refuses what cannot be right on Lambda; `auth` is what XLIR_AUTH and the keys resolved to. */
export function checkLambdaBilling(env: Env, auth: AuthConfig, stores: BillingStores): void {
  if (!env[ENV.lambda]) return;
  if (auth.mode === 'keys' && !stores.counters) {
    throw new ApiConfigError(
      `${ENV.auth}=on on Lambda needs ${BILLING_ENV.usageTable}: each container would otherwise keep its own quota counters, multiplying every key's quota by the concurrency`,
    );
  }
}

/** The error for XLIR_AUTH=off where the environment says this is Lambda. */
export function authOffOnLambda(): ApiConfigError {
  return new ApiConfigError(
    `${ENV.auth}=off is refused on Lambda (${ENV.lambda} is set): a deployed API must check keys; use ${ENV.auth}=gateway behind API Gateway's API keys, or ${ENV.auth}=on with ${BILLING_ENV.keysTable} and ${BILLING_ENV.usageTable}`,
  );
}
