/**
 * API keys in a DynamoDB table (KEYS_TABLE in billing-constants.ts): every instance reads the
 * same keys, so a key created or revoked once holds everywhere. A lookup is one GetItem by the
 * key's SHA-256; answers, unknown keys included, are kept for KEY_CACHE_TTL_MS so a container
 * reads the table about once per key and interval, not once per request.
 */
import { GetItemCommand, PutItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KEY_CACHE_MAX_ENTRIES, KEY_CACHE_TTL_MS, KEYS_TABLE } from '../billing-constants.js';
import type { ApiLog } from '../deps.js';
import { ApiError, oneLine } from '../errors.js';
import { parseApiKeyEntry, type ApiKeyEntry, type KeyStore } from '../keys.js';
import { isConditionFailure, num, plainItem, str, type Item } from './client.js';

interface Remembered {
  entry: ApiKeyEntry | undefined;
  expires: number;
}

export class DynamoKeyStore implements KeyStore {
  private readonly remembered = new Map<string, Remembered>();
  private readonly reading = new Map<string, Promise<ApiKeyEntry | undefined>>();

  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
    private readonly log: ApiLog,
    private readonly now: () => number = Date.now,
  ) {}

  get description(): string {
    return `API keys in DynamoDB table ${this.table} (each read at most every ${KEY_CACHE_TTL_MS / 1000} s per instance)`;
  }

  lookup(hash: string): Promise<ApiKeyEntry | undefined> {
    const hit = this.remembered.get(hash);
    if (hit && hit.expires > this.now()) return Promise.resolve(hit.entry);
    // Concurrent requests with one key share a read.
    let read = this.reading.get(hash);
    if (!read) {
      read = this.read(hash).finally(() => this.reading.delete(hash));
      this.reading.set(hash, read);
    }
    return read;
  }

  private async read(hash: string): Promise<ApiKeyEntry | undefined> {
    let item: Item | undefined;
    try {
      const answer = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: { [KEYS_TABLE.partitionKey]: str(hash) } }),
      );
      item = answer.Item;
    } catch (error) {
      this.log.error(`API key lookup failed: ${oneLine(String((error as Error).message))}`);
      throw new ApiError(503, 'unavailable', 'API keys cannot be checked right now; try again');
    }
    let entry: ApiKeyEntry | undefined;
    try {
      entry = item ? parseApiKeyEntry(entryFields(item), `key table item ${hash.slice(0, 12)}…`) : undefined;
    } catch (error) {
      // An operator's mistake in the table: the caller cannot fix it, so not a 401.
      this.log.error(`malformed API key item: ${(error as Error).message}`);
      throw new ApiError(503, 'unavailable', 'this API key cannot be checked right now; try again');
    }
    this.remember(hash, entry);
    return entry;
  }

  private remember(hash: string, entry: ApiKeyEntry | undefined): void {
    this.remembered.delete(hash);
    if (this.remembered.size >= KEY_CACHE_MAX_ENTRIES) {
      // Maps iterate in insertion order: the first is the oldest.
      this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(hash, { entry, expires: this.now() + KEY_CACHE_TTL_MS });
  }
}

/** The entry's attributes of an item; others (an operator's notes) are left alone. */
function entryFields(item: Item): Record<string, unknown> {
  const plain = plainItem(item);
  const fields: Record<string, unknown> = {};
  for (const name of ['id', 'hash', 'quota', 'rate_per_minute', 'revoked']) {
    if (Object.hasOwn(plain, name)) fields[name] = plain[name];
  }
  return fields;
}

/** A key entry as the keys table holds it. */
export function keyItem(entry: ApiKeyEntry): Item {
  return {
    [KEYS_TABLE.partitionKey]: str(entry.hash),
    id: str(entry.id),
    quota: num(entry.quota),
    rate_per_minute: num(entry.rate_per_minute),
    revoked: { BOOL: entry.revoked ?? false },
  };
}

/** Thrown by putKey when the table already has the id or the hash. */
export class DuplicateKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * Adds a key to the table (`xlir api-key create --table`). Ids are unique by convention, as
 * usage records and counters name keys by id: a scan checks it first (key tables are small and
 * this runs by hand); the hash, the table's key, is checked by the write itself.
 */
export async function putKey(client: DynamoDBClient, table: string, entry: ApiKeyEntry): Promise<void> {
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': 'id' },
        ExpressionAttributeValues: { ':id': str(entry.id) },
        ProjectionExpression: '#id',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    if ((page.Items ?? []).length > 0)
      throw new DuplicateKeyError(`table ${table} already has a key with id ${entry.id}`);
    start = page.LastEvaluatedKey;
  } while (start);
  try {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: keyItem(entry),
        ConditionExpression: 'attribute_not_exists(#hash)',
        ExpressionAttributeNames: { '#hash': KEYS_TABLE.partitionKey },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new DuplicateKeyError(`table ${table} already has this key's hash`);
    throw error;
  }
}
