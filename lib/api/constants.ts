/** Limits, defaults and environment variable names of the HTTP API, kept in one place. */

/**
 * Largest request body accepted. Lambda's synchronous payload limit is 6 MB, and a full rerank
 * request (MAX_RERANK_DOCUMENTS short passages) fits well below this.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Longest query, in UTF-16 code units. Queries are questions, not documents. */
export const MAX_QUERY_CHARS = 2_048;
/** Most documents in one rerank request, on every rerank route (Cohere recommends at most 1,000). */
export const MAX_RERANK_DOCUMENTS = 1_000;
/** Most results of /v1/search. */
export const MAX_SEARCH_TOP_K = 1_000;
export const DEFAULT_SEARCH_TOP_K = 10;
/** Deepest rerank of /v1/search: a request's cost grows linearly with it. */
export const MAX_SEARCH_RERANK_DEPTH = 1_000;
/** Most document languages one /v1/search may name. */
export const MAX_DOC_LANGS = 32;

/** One search unit is one query with up to this many documents (Cohere's definition). */
export const DOCUMENTS_PER_SEARCH_UNIT = 100;

/** How often a server checks an index's manifest.json for a newly published build. */
export const DEFAULT_INDEX_REFRESH_MS = 10_000;
/**
 * How long one background check for a new build may take (manifest.json, then the new build's
 * shard heads). Requests never wait on it; the bound only keeps a hung GET from blocking the
 * checks after it. Opening a build of hundreds of shards reads their heads in parallel, in well
 * under this.
 */
export const INDEX_REFRESH_TIMEOUT_MS = 20_000;
/**
 * How long the request that finds shards of its index unavailable (their heads could not be
 * read) waits for the retry of those heads it starts: a head is one ranged GET, tens of
 * milliseconds in-region, so a store that is back answers well within this and that request is
 * already whole; a store still failing or hanging costs it no more than this (the retry goes on
 * in the background, bounded by INDEX_REFRESH_TIMEOUT_MS, and the request answers from the
 * shards in hand). Other requests meanwhile do not wait at all.
 */
export const SHARD_HEAD_RETRY_WAIT_MS = 250;

/** Where `npm start` and appDepsFromEnv put local state when nothing else is configured. */
export const DEFAULT_HOME = '.xlir';
export const DEFAULT_INDEX_NAME = 'demo';
export const DEFAULT_USAGE_LEDGER_FILE = 'usage.jsonl';
export const DEFAULT_PORT = 8787;
/** Loopback only by default: `npm start` runs without auth, so it must not face a network. */
export const DEFAULT_HOST = '127.0.0.1';

/** Key id recorded for requests when auth is off, and for requests that failed authentication. */
export const ANONYMOUS_KEY_ID = 'anonymous';
/** Prefix of generated API keys: lets secret scanners and people recognise one. */
export const API_KEY_PREFIX = 'xlir_';
export const API_KEY_RANDOM_BYTES = 32;
/** Defaults of `xlir api-key create`. */
export const DEFAULT_KEY_QUOTA = 10_000;
export const DEFAULT_KEY_RATE_PER_MINUTE = 600;

/** Namespace and service of the CloudWatch EMF metrics the Powertools usage sink emits. */
export const METRICS_NAMESPACE = 'xlir';
export const SERVICE_NAME = 'xlir-api';

/** Environment variables read by appDepsFromEnv (documented in README.md). */
export const ENV = {
  indexes: 'XLIR_INDEXES',
  defaultIndex: 'XLIR_DEFAULT_INDEX',
  models: 'XLIR_MODELS',
  lexicons: 'XLIR_LEXICONS',
  auth: 'XLIR_AUTH',
  apiKeys: 'XLIR_API_KEYS',
  usageSink: 'XLIR_USAGE_SINK',
  usageLedger: 'XLIR_USAGE_LEDGER',
  indexRefreshMs: 'XLIR_INDEX_REFRESH_MS',
  requestDeadlineMs: 'XLIR_REQUEST_DEADLINE_MS',
  rerankDeadlineMs: 'XLIR_RERANK_DEADLINE_MS',
  modelThreads: 'XLIR_MODEL_THREADS',
  home: 'XLIR_HOME',
  lambda: 'AWS_LAMBDA_FUNCTION_NAME',
} as const;

/** Value of XLIR_MODELS that turns reranking off on purpose. */
export const MODELS_OFF = 'off';
