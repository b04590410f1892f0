/**
 * API keys as the server holds them: only their SHA-256, looked up in a KeyStore (the
 * XLIR_API_KEYS list held in memory, the DynamoDB keys table, or the edge Worker's KV namespace).
 * Runtime-neutral (Web Crypto, nothing from `node:`), so the Node API and the edge Worker admit a
 * key by the same entries and the same digest; keys.ts adds making keys, which needs Node.
 */
import { z } from 'zod';
import { sha256Hex } from '../storage/index.js';

/** One configured key, as XLIR_API_KEYS lists it. */
export interface ApiKeyEntry {
  id: string;
  /** Lower-case hex SHA-256 of the key. */
  hash: string;
  /** Search units the key may use per calendar month (UTC). */
  quota: number;
  /** Requests per minute: a token bucket per process, or a shared one-minute window in DynamoDB (rate-limit.ts). */
  rate_per_minute: number;
  revoked?: boolean;
}

const KEY_ENTRY = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'letters, digits, _ . - (at most 64)'),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256 (64 characters)'),
  quota: z.number().int().nonnegative(),
  rate_per_minute: z.number().int().positive(),
  revoked: z.boolean().optional(),
});

/** Where admission finds a key by its hash. */
export interface KeyStore {
  /** The entry whose hash this is, or undefined when there is none. */
  lookup(hash: string): Promise<ApiKeyEntry | undefined>;
  /** What the server says at startup about its keys ("3 API key(s) configured"). */
  readonly description: string;
}

/** The keys of XLIR_API_KEYS (or AppDeps), held in memory. */
export class StaticKeyStore implements KeyStore {
  private readonly byHash: ReadonlyMap<string, ApiKeyEntry>;

  constructor(entries: readonly ApiKeyEntry[]) {
    this.byHash = new Map(entries.map((e) => [e.hash, e]));
  }

  get description(): string {
    return `${this.byHash.size} API key(s) configured`;
  }

  lookup(hash: string): Promise<ApiKeyEntry | undefined> {
    return Promise.resolve(this.byHash.get(hash));
  }
}

/** A list of entries, or a store: what AuthConfig's `keys` may hold. */
export type KeySource = readonly ApiKeyEntry[] | KeyStore;

export function keyStoreOf(keys: KeySource): KeyStore {
  return 'lookup' in keys ? keys : new StaticKeyStore(keys);
}

export class ApiKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyConfigError';
  }
}

/** One entry as the keys table holds it, checked like a line of XLIR_API_KEYS; `where` names it. */
export function parseApiKeyEntry(value: unknown, where: string): ApiKeyEntry {
  const parsed = KEY_ENTRY.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiKeyConfigError(`${where}: ${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return { ...parsed.data, revoked: parsed.data.revoked ?? false };
}

/** Validates the JSON array of key entries; `where` names its source in messages. */
export function parseApiKeys(text: string, where: string): ApiKeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiKeyConfigError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = z.array(KEY_ENTRY).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiKeyConfigError(
      `${where}: ${issue.path.join('.') || 'value'}: ${issue.message}; expected [{id, hash, quota, rate_per_minute, revoked?}]`,
    );
  }
  const ids = new Set<string>();
  const hashes = new Set<string>();
  for (const entry of parsed.data) {
    if (ids.has(entry.id)) throw new ApiKeyConfigError(`${where}: key id ${entry.id} appears twice`);
    if (hashes.has(entry.hash)) throw new ApiKeyConfigError(`${where}: key ${entry.id} reuses a hash`);
    ids.add(entry.id);
    hashes.add(entry.hash);
  }
  return parsed.data.map((e) => (e.revoked === undefined ? { ...e, revoked: false } : { ...e }));
}

/**
 * The lower-case hex SHA-256 of a key, as entries store it: Web Crypto's, so the Worker computes
 * it too; equal to keys.ts's synchronous hashApiKey.
 */
export function digestApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}
