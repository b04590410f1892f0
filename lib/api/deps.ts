/**
 * What the API app is built from (AppDeps), and appDepsFromEnv, which reads it from environment
 * variables: the one configuration path shared by `npm start`, `xlir serve` and Lambda.
 */
import type { LanguageDetector } from '../text/index.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'hono';
import { DEFAULT_ROUTING_URI } from '../rerank/index.js';
import { InvalidStoreUriError } from '../storage/index.js';
import { parseStoreUri } from '../storage/node.js';
import {
  DEFAULT_HOME,
  DEFAULT_INDEX_NAME,
  DEFAULT_INDEX_REFRESH_MS,
  DEFAULT_USAGE_LEDGER_FILE,
  ENV,
  MODELS_OFF,
} from './constants.js';
import type { OpenIndexStore } from './indexes.js';
import { authOffOnLambda, checkLambdaBilling, readBillingStores, type BillingStores } from './billing-env.js';
import type { UsageCounters } from './counters.js';
import type { RateLimiter } from './rate-limit.js';
import { parseApiKeys, type KeySource } from './keys.js';
import type { Telemetry } from './telemetry.js';
import { PowertoolsUsageSink } from './usage-emf.js';
import { combineSinks, JsonlUsageLedger, type UsageSink } from './usage.js';

/**
 * off: everyone is "anonymous". keys: keys (a list, or a store such as the DynamoDB table), rate
 * limit and quota. gateway: an API gateway in front has checked the key and enforces its plan;
 * the caller is the key id it passes.
 */
export type AuthConfig = { mode: 'off' } | { mode: 'keys'; keys: KeySource } | { mode: 'gateway' };

/**
 * The key id the gateway in front validated for a request, undefined when it passed none. Only
 * the host knows where its gateway puts it (on Lambda: the event hono/aws-lambda puts in c.env).
 */
export type UpstreamKeyIdReader = (c: Context) => string | undefined;

/** Reranking models: a routing.json URI, or the reason there are none (BM25 only). */
export type ModelsConfig =
  { routingUri: string; threads?: number } | { routingUri?: undefined; unavailable: string };

/** Where the app reports what operators must know. Powertools' Logger fits as it is. */
export interface ApiLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  /** Indexes by name: store URIs (a directory, file:///abs/dir or s3://bucket/prefix). */
  indexes: Readonly<Record<string, string>>;
  /** The index of requests that name none; a key of `indexes`. */
  defaultIndex: string;
  models: ModelsConfig;
  /**
   * Where the lexicons are (lib/search's openLexicons): a lexicon pack at `s3://bucket/prefix` or
   * `file://…`, or a local folder (a pack, or src-tgt.tsv files). Enables PSQ for documents in
   * other languages than the query. (Named for when it could only be a folder.)
   */
  lexiconsDir?: string;
  auth: AuthConfig;
  /** Required when auth.mode is gateway (createApp refuses to start without it). */
  upstreamKeyId?: UpstreamKeyIdReader;
  usage: UsageSink;
  /**
   * Quota counters and monthly usage per key; default: this process's own, rebuilt from
   * `usage`'s history. Several instances share one key's quota only through a shared store.
   */
  counters?: UsageCounters;
  /**
   * Where key rates are counted; default: this process's token buckets. A usage table brings a
   * window counter shared by every instance (dynamodb/rate-window.ts), as it does the quota.
   */
  rateLimiter?: RateLimiter;
  /** How often manifest.json is checked for a newly published build; 0: on every request. */
  indexRefreshMs?: number;
  /** Time budget of the rerank stage of /v1/search; what is not scored by then is `partial`. */
  rerankDeadlineMs?: number;
  /** Deadline of a /v1/search request (a request's deadline_ms may only shorten it); default 10 s. */
  requestDeadlineMs?: number;
  /** How index stores are opened (default lib/storage's openStore): wrappers for tests or hosts. */
  openIndexStore?: OpenIndexStore;
  /** Tells a query's (and a rerank document's) language; default lib/text's, eld's medium table. */
  detector?: () => Promise<LanguageDetector>;
  /** Where stage timings and trace segments go (telemetry.ts); default: nowhere. */
  telemetry?: Telemetry;
  log?: ApiLog;
  /** Epoch milliseconds; rate limits and quota periods read it (tests pass a fake clock). */
  now?: () => number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A configuration that cannot serve; the message names the variable to fix. */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiConfigError';
  }
}

export const consoleLog: ApiLog = {
  info: (message, fields) => console.log(`[xlir-api] ${message}${suffix(fields)}`),
  warn: (message, fields) => console.warn(`[xlir-api] WARNING: ${message}${suffix(fields)}`),
  error: (message, fields) => console.error(`[xlir-api] ERROR: ${message}${suffix(fields)}`),
};

function suffix(fields: Record<string, unknown> | undefined): string {
  return fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
}

/** The local path of a file URI or plain path, undefined for s3:// (lib/storage decides which is which). */
function localPath(uri: string, variable: string): string | undefined {
  try {
    const parsed = parseStoreUri(uri);
    return parsed.kind === 'file' ? parsed.path : undefined;
  } catch (error) {
    if (error instanceof InvalidStoreUriError) throw new ApiConfigError(`${variable}: ${error.message}`);
    throw error;
  }
}

/**
 * XLIR_LEXICONS as openLexicons takes it, checked at start so a typo fails then rather than on the
 * first cross-lingual query: s3:// as given; a file: URI (always a pack) as an absolute file:// URL;
 * a plain path (a pack or a folder of TSV files) made absolute. Nothing is resolved later against
 * a working directory that may have changed.
 */
function lexiconsLocation(value: string): string {
  const path = localPath(value, ENV.lexicons);
  if (path === undefined) return value;
  return /^file:/i.test(value) ? pathToFileURL(path).href : path;
}

/** `name=uri,name=uri`, a JSON object {name: uri}, or one bare URI (named "default"). */
export function parseIndexes(value: string): Record<string, string> {
  const text = value.trim();
  if (text.startsWith('{')) {
    const json = JSON.parse(text) as unknown;
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new ApiConfigError(`${ENV.indexes}: expected a JSON object {"name": "uri"}`);
    const entries = Object.entries(json as Record<string, unknown>);
    if (entries.some(([, uri]) => typeof uri !== 'string'))
      throw new ApiConfigError(`${ENV.indexes}: every index URI must be a string`);
    return Object.fromEntries(entries) as Record<string, string>;
  }
  if (!/^[\w.-]+=/.test(text)) return { default: text };
  // Collected in a Map: assigning to an object would turn the name "__proto__" into a prototype.
  const indexes = new Map<string, string>();
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ApiConfigError(`${ENV.indexes}: "${part}" is not name=uri`);
    indexes.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return Object.fromEntries(indexes);
}

function nonNegativeInt(env: Env, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ApiConfigError(`${name} must be a whole number, got "${value}"`);
  return n;
}

async function readAuth(env: Env, log: ApiLog, stores: BillingStores): Promise<AuthConfig> {
  const mode = (env[ENV.auth] ?? 'on').toLowerCase();
  if (mode === 'off') {
    if (env[ENV.lambda]) throw authOffOnLambda();
    log.warn(
      `AUTH IS OFF (${ENV.auth}=off): every request is served without an API key, as key "anonymous". Never expose this server to a network.`,
    );
    return { mode: 'off' };
  }
  if (mode === 'gateway') {
    log.info(
      `auth by the API gateway (${ENV.auth}=gateway): callers are the key ids it validated; its usage plan enforces rates and quotas`,
    );
    return { mode: 'gateway' };
  }
  if (mode !== 'on') {
    throw new ApiConfigError(`${ENV.auth} must be one of on, off, gateway; got "${mode}"`);
  }
  const source = env[ENV.apiKeys]?.trim();
  if (stores.keyStore) {
    if (source) throw new ApiConfigError(`set ${ENV.apiKeys} or a keys table, not both`);
    return { mode: 'keys', keys: stores.keyStore };
  }
  if (!source) {
    throw new ApiConfigError(
      `auth is on but ${ENV.apiKeys} is not set: give a JSON array or a file of [{id, hash, quota, rate_per_minute}] (xlir api-key create prints entries), or set ${ENV.auth}=off for a local server`,
    );
  }
  if (source.startsWith('[')) return { mode: 'keys', keys: parseApiKeys(source, ENV.apiKeys) };
  const path = localPath(source, ENV.apiKeys);
  if (path === undefined) {
    throw new ApiConfigError(`${ENV.apiKeys} must be a JSON array or a local file path, got "${source}"`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ApiConfigError(`${ENV.apiKeys}: cannot read the key file ${path}`);
  }
  return { mode: 'keys', keys: parseApiKeys(text, path) };
}

function readModels(env: Env): ModelsConfig {
  const value = env[ENV.models]?.trim();
  const threads = nonNegativeInt(env, ENV.modelThreads);
  const withThreads = (routingUri: string): ModelsConfig =>
    threads ? { routingUri, threads } : { routingUri };
  if (value?.toLowerCase() === MODELS_OFF) {
    return { unavailable: `reranking is turned off (${ENV.models}=${MODELS_OFF}); serving BM25 only` };
  }
  if (value) {
    const path = localPath(value, ENV.models);
    if (path !== undefined && !existsSync(path))
      throw new ApiConfigError(`${ENV.models}: no routing table at ${path}`);
    return withThreads(value);
  }
  const fallback = resolve(DEFAULT_ROUTING_URI);
  if (!existsSync(fallback)) {
    return {
      // Clients read this (/v1/models, 503s): it names the variable, not where the server looked.
      unavailable: `no rerank models: ${ENV.models} is not set and there is no default routing table; serving BM25 only, reranking requests get 503`,
    };
  }
  return withThreads(fallback);
}

function readUsageSink(env: Env, home: string): UsageSink {
  const names = (env[ENV.usageSink] ?? (env[ENV.lambda] ? 'emf' : 'jsonl'))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const sinks = names.flatMap((name): UsageSink[] => {
    if (name === 'jsonl')
      return [
        new JsonlUsageLedger(resolve(env[ENV.usageLedger] ?? resolve(home, DEFAULT_USAGE_LEDGER_FILE))),
      ];
    if (name === 'emf') return [new PowertoolsUsageSink()];
    if (name === 'none') return [];
    throw new ApiConfigError(`${ENV.usageSink} must list jsonl, emf or none, got "${name}"`);
  });
  return sinks.length === 1 ? sinks[0]! : combineSinks(sinks);
}

/**
 * Reads the API's configuration from environment variables (README.md lists them). With none
 * set: the demo index under ./.xlir/demo, models from ./models/routing.json when present, auth
 * on (so XLIR_API_KEYS is required unless XLIR_AUTH=off), usage in ./.xlir/usage.jsonl, quota
 * counters in memory. XLIR_KEYS_TABLE and XLIR_USAGE_TABLE move keys, counters and ledger to
 * DynamoDB (billing-env.ts).
 */
export async function appDepsFromEnv(env: Env = process.env, log: ApiLog = consoleLog): Promise<AppDeps> {
  const home = resolve(env[ENV.home] ?? DEFAULT_HOME);
  const indexes = env[ENV.indexes]?.trim()
    ? parseIndexes(env[ENV.indexes]!)
    : { [DEFAULT_INDEX_NAME]: resolve(home, DEFAULT_INDEX_NAME) };
  const names = Object.keys(indexes);
  if (names.length === 0) throw new ApiConfigError(`${ENV.indexes} names no index`);
  const defaultIndex = env[ENV.defaultIndex]?.trim() || names[0]!;
  if (!Object.hasOwn(indexes, defaultIndex))
    throw new ApiConfigError(
      `${ENV.defaultIndex}=${defaultIndex} is not in ${ENV.indexes} (${names.join(', ')})`,
    );

  const models = readModels(env);
  if (models.routingUri === undefined) log.warn(models.unavailable);
  const lexicons = env[ENV.lexicons]?.trim();
  const rerankDeadlineMs = nonNegativeInt(env, ENV.rerankDeadlineMs);
  const billing = await readBillingStores(env, log);
  const auth = await readAuth(env, log, billing);
  checkLambdaBilling(env, auth, billing);
  const sinks = readUsageSink(env, home);
  const requestDeadlineMs = nonNegativeInt(env, ENV.requestDeadlineMs);
  if (requestDeadlineMs === 0) throw new ApiConfigError(`${ENV.requestDeadlineMs} must be at least 1 ms`);
  return {
    indexes,
    defaultIndex,
    models,
    ...(lexicons ? { lexiconsDir: lexiconsLocation(lexicons) } : {}),
    auth,
    usage: billing.ledger ? combineSinks([sinks, billing.ledger]) : sinks,
    ...(billing.counters ? { counters: billing.counters } : {}),
    ...(billing.rateLimiter ? { rateLimiter: billing.rateLimiter } : {}),
    indexRefreshMs: nonNegativeInt(env, ENV.indexRefreshMs) ?? DEFAULT_INDEX_REFRESH_MS,
    ...(rerankDeadlineMs ? { rerankDeadlineMs } : {}),
    ...(requestDeadlineMs ? { requestDeadlineMs } : {}),
    log,
  };
}
