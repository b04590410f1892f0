/**
 * Names and defaults of the edge Worker, in one place with their reasons: its bindings and
 * variables (wrangler.toml, README), where the index and the lexicon pack live in its bucket, and
 * the memory it may use (a Worker isolate has 128 MB in all).
 */

/** The bindings and variables the Worker reads; wrangler.toml and README list them. */
export const EDGE_ENV = {
  /** R2 bucket binding holding the index and the lexicon pack. */
  bucket: 'XLIR_BUCKET',
  /** Instead of R2: an S3-compatible endpoint, bucket and region (FetchStore, SigV4). */
  s3Endpoint: 'XLIR_S3_ENDPOINT',
  s3Bucket: 'XLIR_S3_BUCKET',
  s3Region: 'XLIR_S3_REGION',
  /** Secrets: the S3 credentials; without them requests go unsigned (a public bucket). */
  s3AccessKeyId: 'XLIR_S3_ACCESS_KEY_ID',
  s3SecretAccessKey: 'XLIR_S3_SECRET_ACCESS_KEY',
  indexPrefix: 'XLIR_INDEX_PREFIX',
  indexName: 'XLIR_INDEX_NAME',
  /** Prefix of the lexicon pack in the same store; "off" serves BM25 in the query's language only. */
  lexiconsPrefix: 'XLIR_LEXICONS_PREFIX',
  /** "on" (default) or "off" (every caller is anonymous; for local development only). */
  auth: 'XLIR_AUTH',
  /** KV namespace binding: key SHA-256 (hex) → the key's entry as JSON ({id, hash, quota, rate_per_minute, revoked?}). */
  keysKv: 'XLIR_KEYS',
  /** Or a secret holding the JSON array of entries, as lib/api's XLIR_API_KEYS. */
  apiKeys: 'XLIR_API_KEYS',
  /** Queue binding the usage records are sent to; without it each is one JSON log line. */
  usageQueue: 'XLIR_USAGE_QUEUE',
  /** The Lambda API's /v1/rerank, and (a secret) the API key the Worker sends it. */
  rerankUrl: 'XLIR_RERANK_URL',
  rerankKey: 'XLIR_RERANK_KEY',
  requestDeadlineMs: 'XLIR_REQUEST_DEADLINE_MS',
  rerankDeadlineMs: 'XLIR_RERANK_DEADLINE_MS',
  indexRefreshMs: 'XLIR_INDEX_REFRESH_MS',
  /** Whole MiB of index reads (postings, stored text) and of decoded postings the isolate keeps. */
  readCacheMb: 'XLIR_READ_CACHE_MB',
  postingsCacheMb: 'XLIR_POSTINGS_CACHE_MB',
} as const;

/** Where `npm run edge:dev` and wrangler.toml put the index and the pack in the bucket. */
export const DEFAULT_INDEX_PREFIX = 'index';
export const DEFAULT_LEXICONS_PREFIX = 'lexicons';
export const LEXICONS_OFF = 'off';

/**
 * eld's table the Worker detects query languages with. The medium table (Node's) holds ~190 MB
 * resident, which a 128 MB isolate cannot; `small` holds 43 MiB of heap and `extrasmall` 28 MiB
 * (measured in Node). With the 1M-document bench index open (then ten shards: 34 MiB of heads)
 * and full caches, small came to ~138 MiB and extrasmall with 8 MiB caches to ~107 MiB (~88 MiB
 * since the index is one shard with a 20.5 MiB head), so extrasmall it is: 99.6% against small's 99.7% (micro) on the bench:langid queries, and it reads all 14 demo
 * topics and 400 sample documents as the medium table does (docs/benchmarks.md).
 */
export const EDGE_LANGID_TABLE = 'extrasmall';

/**
 * Bytes of index reads (postings, stored text) the isolate keeps, and of decoded postings, unless
 * XLIR_READ_CACHE_MB / XLIR_POSTINGS_CACHE_MB say otherwise. The Node defaults (64 MiB and 512
 * MiB) assume a Lambda's gigabytes; 8 MiB each keeps the 1M-document bench index, the detector
 * and requests in flight inside the isolate's 128 MB (see EDGE_LANGID_TABLE).
 */
export const EDGE_READ_CACHE_BYTES = 8 * 1024 * 1024;
export const EDGE_DECODED_POSTINGS_CACHE_BYTES = 8 * 1024 * 1024;
/** Upper bound on either cache setting: the isolate's whole memory. */
export const EDGE_MAX_CACHE_MB = 128;

/** The routes whose requests are metered (a usage record each); /healthz is not. */
export const SEARCH_PATH = '/v1/search';
export const HEALTH_PATH = '/healthz';

/** What the usage record names a request to a path the Worker does not serve. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The Workers runtime behaviour the Worker is written against (wrangler.toml's
 * compatibility_date; Miniflare runs it locally with the same). No compatibility flags: the
 * bundle has no `node:` import, so it needs no nodejs_compat.
 */
export const EDGE_COMPATIBILITY_DATE = '2025-09-01';
