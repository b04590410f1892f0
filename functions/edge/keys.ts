/**
 * API keys in a Workers KV namespace: one entry per key, stored under the key's SHA-256 (hex)
 * as the JSON lib/api's keys table holds ({id, hash, quota, rate_per_minute, revoked?}), so a
 * lookup is one KV read of a digest the Worker computed itself. KV is eventually consistent: a
 * revocation reaches every location within about a minute, as a DynamoDB-backed API's 30 s key
 * cache does. A namespace that cannot be read, or an entry that is not one, is a 503 (the caller
 * cannot fix it), as lib/api's keys table answers.
 */
import {
  parseApiKeyEntry,
  type ApiKeyEntry,
  type KeyStore,
  ApiError,
  oneLine,
  type ApiLog,
} from '../../lib/api/portable.js';
import { EDGE_ENV } from './constants.js';

/** What the store calls of a KV namespace binding. */
export interface KvNamespaceBinding {
  get(key: string, type: 'text'): Promise<string | null>;
}

export class KvKeyStore implements KeyStore {
  readonly description = `API keys in the KV namespace ${EDGE_ENV.keysKv}`;

  constructor(
    private readonly kv: KvNamespaceBinding,
    private readonly log?: ApiLog,
  ) {}

  async lookup(hash: string): Promise<ApiKeyEntry | undefined> {
    let stored: string | null;
    try {
      stored = await this.kv.get(hash, 'text');
    } catch (error) {
      this.log?.error(`API key lookup in ${EDGE_ENV.keysKv} failed: ${oneLine(String(error))}`);
      throw new ApiError(503, 'unavailable', 'API keys cannot be checked right now; try again');
    }
    if (stored === null) return undefined;
    let entry: ApiKeyEntry;
    try {
      entry = parseApiKeyEntry(JSON.parse(stored), `${EDGE_ENV.keysKv} entry ${hash.slice(0, 12)}…`);
    } catch (error) {
      this.log?.error(`malformed API key entry: ${oneLine(String((error as Error).message))}`);
      throw new ApiError(503, 'unavailable', 'this API key cannot be checked right now; try again');
    }
    // An entry filed under another key's digest must not admit this key.
    return entry.hash === hash ? entry : undefined;
  }
}
