/**
 * API keys. The server never stores a key, only its SHA-256: a leaked configuration does not
 * leak keys, and a key is shown exactly once, by `xlir api-key create`. Keys are looked up by
 * hash in a KeyStore (key-store.ts, shared with the edge Worker): the XLIR_API_KEYS list held in
 * memory, or a DynamoDB table shared by every instance (dynamodb/keys-table.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX, API_KEY_RANDOM_BYTES } from './constants.js';

export {
  ApiKeyConfigError,
  digestApiKey,
  keyStoreOf,
  parseApiKeyEntry,
  parseApiKeys,
  StaticKeyStore,
  type ApiKeyEntry,
  type KeySource,
  type KeyStore,
} from './key-store.js';

/** The lower-case hex SHA-256 of a key, synchronously (node:crypto); equal to digestApiKey. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(API_KEY_RANDOM_BYTES).toString('base64url')}`;
}
