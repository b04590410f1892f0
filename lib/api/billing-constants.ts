/**
 * Names, layouts and limits of the billing stores (keys, quota counters, the usage ledger), in
 * one place with their reasons. Imports nothing, so the CLI's command table and the CDK stack can
 * read it without loading the HTTP stack or the AWS SDK.
 */

/** Environment variables of the billing stores (README, HTTP API lists them with the others). */
export const BILLING_ENV = {
  /** DynamoDB table of API keys (hash → id, quota, rate); replaces XLIR_API_KEYS. */
  keysTable: 'XLIR_KEYS_TABLE',
  /** DynamoDB table of quota counters and usage records; replaces the process's own counters. */
  usageTable: 'XLIR_USAGE_TABLE',
} as const;

/**
 * The keys table: one item per key, its partition key the key's SHA-256 in lower-case hex, so
 * admission is one GetItem and the table never holds a key. The other attributes are an
 * XLIR_API_KEYS entry's: id (S), quota (N), rate_per_minute (N), revoked (BOOL, optional).
 */
export const KEYS_TABLE = { partitionKey: 'hash' } as const;

/**
 * The usage table: a key's items share its partition (`pk` = key id). `sk` is
 * `period#YYYY-MM` for the month's counter item (units, requests, documents_reranked, tokens:
 * N), `req#<ISO time>#<request id>` for each usage record (the UsageRecord's fields, and
 * `expires_at` for DynamoDB's TTL) and `rate#<ISO minute>` for a key's rate-limit window
 * (`requests` N, `expires_at`). One Query on `pk` with `sk` beginning `req#2026-01` lists a
 * key's records of a month in time order; the other prefixes never match it.
 */
export const USAGE_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  periodPrefix: 'period#',
  recordPrefix: 'req#',
  rateWindowPrefix: 'rate#',
  ttlAttribute: 'expires_at',
} as const;

/**
 * The shared rate limit's window: one minute, aligned to the UTC minute, since a key's rate is
 * given per minute. A fixed window costs one conditional UpdateItem per request; a sliding one
 * would also read the previous window's count (a second call) to weigh it.
 */
export const RATE_WINDOW_MS = 60_000;
/**
 * A window item is read only during its minute; it is kept this long after for an operator
 * looking into a 429, then DynamoDB's TTL deletes it (free, within a few days).
 */
export const RATE_WINDOW_KEEP_SECONDS = 3_600;

/**
 * Usage records expire this long after the request: a year-on-year view and a month of slack,
 * the same age as the S3 usage/ prefix's lifecycle (infra USAGE_LIFECYCLE.expireAfter).
 */
export const USAGE_RECORD_TTL_DAYS = 400;

/**
 * How long a key looked up in the keys table is trusted in one process before it is read again:
 * a revoked key or a changed quota takes effect within this time, and a container does not read
 * the table on every request. Unknown keys are remembered as long, so a flood of made-up keys
 * costs one read each per interval, not one per request.
 */
export const KEY_CACHE_TTL_MS = 30_000;
/** Most keys (known and unknown) remembered per process; the oldest go first. */
export const KEY_CACHE_MAX_ENTRIES = 10_000;

/**
 * The DynamoDB client's bounds. A GetItem or conditional UpdateItem answers in single-digit
 * milliseconds in-region; a call still open after a second is a network fault, and three
 * attempts (the SDK's default, with its backoff and throttling retries) keep one slow call from
 * costing the request its deadline (lib/api's default request deadline is 10 s).
 */
export const DYNAMODB_REQUEST_TIMEOUT_MS = 1_000;
export const DYNAMODB_CONNECT_TIMEOUT_MS = 1_000;
export const DYNAMODB_MAX_ATTEMPTS = 3;
