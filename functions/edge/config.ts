/**
 * The edge Worker's configuration, read once per isolate from its bindings and variables. The
 * bindings are typed structurally (what the Worker calls of them), as lib/storage types R2, so
 * this compiles without the global Workers types and Miniflare's bindings fit as well as
 * workerd's. Every mistake is an EdgeConfigError naming what to set; the Worker answers every
 * request with it (503) rather than guessing.
 */
import {
  DEFAULT_INDEX_NAME,
  DEFAULT_INDEX_REFRESH_MS,
  type ApiLog,
  parseApiKeys,
  StaticKeyStore,
  type KeyStore,
} from '../../lib/api/portable.js';
import type { R2BucketBinding } from '../../lib/storage/index.js';
import {
  DEFAULT_INDEX_PREFIX,
  DEFAULT_LEXICONS_PREFIX,
  EDGE_DECODED_POSTINGS_CACHE_BYTES,
  EDGE_ENV,
  EDGE_MAX_CACHE_MB,
  EDGE_READ_CACHE_BYTES,
  LEXICONS_OFF,
} from './constants.js';
import { KvKeyStore, type KvNamespaceBinding } from './keys.js';
import type { QueueBinding } from './usage.js';

/** The Worker's `env`: bindings and string variables (wrangler.toml [vars], secrets). */
export type EdgeEnv = Readonly<Record<string, unknown>>;

/** The index store: an R2 binding, or an S3-compatible endpoint read with fetch. */
export type IndexStoreConfig =
  | { kind: 'r2'; bucket: R2BucketBinding }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region?: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

export interface EdgeConfig {
  store: IndexStoreConfig;
  indexPrefix: string;
  indexName: string;
  /** Undefined: no lexicons, BM25 in the query's language only. */
  lexiconsPrefix: string | undefined;
  /** Undefined: auth off (every caller anonymous). */
  keys: KeyStore | undefined;
  usageQueue: QueueBinding | undefined;
  rerank: { url: string; key: string } | undefined;
  requestDeadlineMs: number | undefined;
  rerankDeadlineMs: number | undefined;
  indexRefreshMs: number;
  readCacheBytes: number;
  postingsCacheBytes: number;
}

/** A binding or variable is missing or wrong; the message says what to set (no values). */
export class EdgeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdgeConfigError';
  }
}

function text(env: EdgeEnv, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new EdgeConfigError(`${name} must be a string variable`);
  return value.trim() === '' ? undefined : value.trim();
}

function milliseconds(env: EdgeEnv, name: string): number | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1)
    throw new EdgeConfigError(`${name} must be a whole number of milliseconds ≥ 1`);
  return ms;
}

/** A cache size in whole MiB (0 turns the cache off), as bytes; `fallback` when unset. */
function cacheBytes(env: EdgeEnv, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 0 || mb > EDGE_MAX_CACHE_MB)
    throw new EdgeConfigError(`${name} must be a whole number of MiB from 0 to ${EDGE_MAX_CACHE_MB}`);
  return mb * 1024 * 1024;
}

function binding<T>(env: EdgeEnv, name: string, method: string, kind: string): T | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof (value as Record<string, unknown>)[method] !== 'function') {
    throw new EdgeConfigError(`${name} must be ${kind} binding`);
  }
  return value as T;
}

function indexStore(env: EdgeEnv): IndexStoreConfig {
  const bucket = binding<R2BucketBinding>(env, EDGE_ENV.bucket, 'get', 'an R2 bucket');
  const endpoint = text(env, EDGE_ENV.s3Endpoint);
  if (bucket && endpoint) {
    throw new EdgeConfigError(
      `set either ${EDGE_ENV.bucket} (R2) or ${EDGE_ENV.s3Endpoint} (S3-compatible), not both`,
    );
  }
  if (bucket) return { kind: 'r2', bucket };
  if (!endpoint) {
    throw new EdgeConfigError(
      `no index store: bind an R2 bucket as ${EDGE_ENV.bucket}, or set ${EDGE_ENV.s3Endpoint} and ${EDGE_ENV.s3Bucket}`,
    );
  }
  if (!/^https?:\/\//i.test(endpoint))
    throw new EdgeConfigError(`${EDGE_ENV.s3Endpoint} must be an http(s) URL`);
  const s3Bucket = text(env, EDGE_ENV.s3Bucket);
  if (!s3Bucket) throw new EdgeConfigError(`${EDGE_ENV.s3Endpoint} needs ${EDGE_ENV.s3Bucket}`);
  const accessKeyId = text(env, EDGE_ENV.s3AccessKeyId);
  const secretAccessKey = text(env, EDGE_ENV.s3SecretAccessKey);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new EdgeConfigError(
      `set both ${EDGE_ENV.s3AccessKeyId} and ${EDGE_ENV.s3SecretAccessKey}, or neither`,
    );
  }
  const region = text(env, EDGE_ENV.s3Region);
  return {
    kind: 's3',
    endpoint,
    bucket: s3Bucket,
    ...(region ? { region } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  };
}

function keyStore(env: EdgeEnv, log: ApiLog | undefined): KeyStore | undefined {
  const mode = (text(env, EDGE_ENV.auth) ?? 'on').toLowerCase();
  if (mode === 'off') return undefined;
  if (mode !== 'on') throw new EdgeConfigError(`${EDGE_ENV.auth} must be on or off`);
  const kv = binding<KvNamespaceBinding>(env, EDGE_ENV.keysKv, 'get', 'a KV namespace');
  const json = text(env, EDGE_ENV.apiKeys);
  if (kv && json)
    throw new EdgeConfigError(`set either ${EDGE_ENV.keysKv} (KV) or ${EDGE_ENV.apiKeys}, not both`);
  if (kv) return new KvKeyStore(kv, log);
  if (json) {
    try {
      return new StaticKeyStore(parseApiKeys(json, EDGE_ENV.apiKeys));
    } catch {
      // Not the parser's message: it can quote the secret.
      throw new EdgeConfigError(
        `${EDGE_ENV.apiKeys} must be a JSON array of distinct {id, hash, quota, rate_per_minute, revoked?} entries (xlir api-key create prints one)`,
      );
    }
  }
  throw new EdgeConfigError(
    `${EDGE_ENV.auth} is on and no keys are configured: bind a KV namespace as ${EDGE_ENV.keysKv} or set the secret ${EDGE_ENV.apiKeys}; ${EDGE_ENV.auth}=off serves everyone (development only)`,
  );
}

function rerankTarget(env: EdgeEnv): EdgeConfig['rerank'] {
  const url = text(env, EDGE_ENV.rerankUrl);
  const key = text(env, EDGE_ENV.rerankKey);
  if (url === undefined && key === undefined) return undefined;
  if (url === undefined || key === undefined) {
    throw new EdgeConfigError(
      `set both ${EDGE_ENV.rerankUrl} and the secret ${EDGE_ENV.rerankKey}, or neither`,
    );
  }
  if (!/^https?:\/\//i.test(url)) throw new EdgeConfigError(`${EDGE_ENV.rerankUrl} must be an http(s) URL`);
  return { url, key };
}

/** The configuration `env` describes; throws EdgeConfigError naming what to set. */
export function edgeConfig(env: EdgeEnv, log?: ApiLog): EdgeConfig {
  const lexicons = text(env, EDGE_ENV.lexiconsPrefix) ?? DEFAULT_LEXICONS_PREFIX;
  return {
    store: indexStore(env),
    indexPrefix: text(env, EDGE_ENV.indexPrefix) ?? DEFAULT_INDEX_PREFIX,
    indexName: text(env, EDGE_ENV.indexName) ?? DEFAULT_INDEX_NAME,
    lexiconsPrefix: lexicons.toLowerCase() === LEXICONS_OFF ? undefined : lexicons,
    keys: keyStore(env, log),
    usageQueue: binding<QueueBinding>(env, EDGE_ENV.usageQueue, 'send', 'a Queue'),
    rerank: rerankTarget(env),
    requestDeadlineMs: milliseconds(env, EDGE_ENV.requestDeadlineMs),
    rerankDeadlineMs: milliseconds(env, EDGE_ENV.rerankDeadlineMs),
    indexRefreshMs: milliseconds(env, EDGE_ENV.indexRefreshMs) ?? DEFAULT_INDEX_REFRESH_MS,
    readCacheBytes: cacheBytes(env, EDGE_ENV.readCacheMb, EDGE_READ_CACHE_BYTES),
    postingsCacheBytes: cacheBytes(env, EDGE_ENV.postingsCacheMb, EDGE_DECODED_POSTINGS_CACHE_BYTES),
  };
}
