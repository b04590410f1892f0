/**
 * Keys, quota counters and the usage ledger in DynamoDB, against dynalite started by the tests:
 * the keys table's answers (unknown, revoked, malformed, cached), refunds and per-key isolation
 * on shared counters, the ledger's items, configuration from XLIR_KEYS_TABLE/XLIR_USAGE_TABLE,
 * and a store that cannot be reached answering 503 without naming it.
 */
import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { appDepsFromEnv, createApp, hashApiKey, MemoryUsageSink, combineSinks } from '../../lib/api/index.js';
import { KEY_CACHE_TTL_MS, USAGE_TABLE } from '../../lib/api/billing-constants.js';
import { DuplicateKeyError, DynamoKeyStore, putKey } from '../../lib/api/dynamodb/keys-table.js';
import { DynamoCounters, DynamoUsageLedger } from '../../lib/api/dynamodb/usage-table.js';
import {
  fakeClock,
  getJson,
  memoryLog,
  postJson,
  testApp,
  useFixtureIndex,
  type ErrorJson,
} from '../api/helpers.js';
import { startDynalite, type DynaliteHandle } from './dynalite-harness.js';
import { searchBody, tableRecords, testKey } from './helpers.js';

const fixture = useFixtureIndex();
let dynamo: DynaliteHandle;
let tables: { keysTable: string; usageTable: string };

beforeAll(async () => {
  dynamo = await startDynalite();
  tables = await dynamo.createTables();
});
afterAll(() => dynamo.stop());

/** An app on the shared tables, as one Lambda container would run it. */
function dynamoApp(options: { now?: () => number; usage?: MemoryUsageSink } = {}) {
  const ledger = new DynamoUsageLedger(dynamo.client, tables.usageTable);
  return testApp(fixture.indexDir, {
    auth: {
      mode: 'keys',
      keys: new DynamoKeyStore(dynamo.client, tables.keysTable, memoryLog(), options.now),
    },
    counters: new DynamoCounters(dynamo.client, tables.usageTable),
    usage: options.usage ? combineSinks([options.usage, ledger]) : ledger,
    ...(options.now ? { now: options.now } : {}),
  });
}

describe('keys table', () => {
  it('admits a key by its hash, refuses unknown (401) and revoked (403) keys', async () => {
    // Prepare
    const good = testKey('table-good', 100);
    const revoked = testKey('table-revoked', 100);
    await putKey(dynamo.client, tables.keysTable, good.entry);
    await putKey(dynamo.client, tables.keysTable, { ...revoked.entry, revoked: true });
    const app = dynamoApp();
    // Act
    const answers = [
      await postJson(app, '/v1/search', searchBody(1), good.key),
      await postJson(app, '/v1/search', searchBody(1), 'xlir_never-created'),
      await postJson(app, '/v1/search', searchBody(1), revoked.key),
    ];
    // Assess
    expect(answers.map((r) => r.status)).toEqual([200, 401, 403]);
  });

  it('sees a revocation within the cache interval, not on the next request', async () => {
    // Prepare
    const clock = fakeClock(Date.now());
    const { key, entry } = testKey('table-revoked-later', 100);
    await putKey(dynamo.client, tables.keysTable, entry);
    const app = dynamoApp({ now: clock.now });
    const before = await getJson(app, '/v1/usage', key);
    // Act
    await dynamo.client.send(
      new UpdateItemCommand({
        TableName: tables.keysTable,
        Key: { hash: { S: entry.hash } },
        UpdateExpression: 'SET revoked = :t',
        ExpressionAttributeValues: { ':t': { BOOL: true } },
      }),
    );
    const cached = await getJson(app, '/v1/usage', key);
    clock.advance(KEY_CACHE_TTL_MS + 1);
    const after = await getJson(app, '/v1/usage', key);
    // Assess
    expect([before.status, cached.status, after.status]).toEqual([200, 200, 403]);
  });

  it('answers 503 for a malformed key item instead of guessing, and refuses duplicate ids', async () => {
    // Prepare
    const key = 'xlir_malformed-item';
    await dynamo.client.send(
      new PutItemCommand({
        TableName: tables.keysTable,
        Item: { hash: { S: hashApiKey(key) }, id: { S: 'malformed' }, quota: { S: 'lots' } },
      }),
    );
    const { entry } = testKey('table-duplicate', 1);
    await putKey(dynamo.client, tables.keysTable, entry);
    // Act
    const response = await postJson(dynamoApp(), '/v1/search', searchBody(1), key);
    const duplicate = putKey(dynamo.client, tables.keysTable, { ...entry, hash: hashApiKey('xlir_other') });
    // Assess
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorJson).error.type).toBe('unavailable');
    await expect(duplicate).rejects.toThrow(DuplicateKeyError);
  });
});

describe('shared counters and ledger', () => {
  it('refunds failed requests, isolates keys and writes one ledger item per request', async () => {
    // Prepare: two apps stand for two containers
    const a = testKey('shared-a', 3);
    const b = testKey('shared-b', 1);
    await putKey(dynamo.client, tables.keysTable, a.entry);
    await putKey(dynamo.client, tables.keysTable, b.entry);
    const [one, two] = [dynamoApp(), dynamoApp()];
    // Act
    const failed = await postJson(one, '/v1/search', { ...searchBody(2), index: 'missing' }, a.key);
    const served = [
      await postJson(one, '/v1/search', searchBody(2), a.key),
      await postJson(two, '/v1/search', searchBody(1), a.key),
      await postJson(two, '/v1/search', searchBody(1), b.key),
    ];
    const refused = [
      await postJson(one, '/v1/search', searchBody(1), a.key),
      await postJson(one, '/v1/search', searchBody(1), b.key),
    ];
    const usageA = (await (await getJson(two, '/v1/usage', a.key)).json()) as Record<string, unknown>;
    const records = await tableRecords(dynamo.client, tables.usageTable, 'shared-a');
    // Assess
    expect(failed.status).toBe(404);
    expect(served.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect(usageA).toMatchObject({ search_units: 3, requests: 4, quota: { search_units: 3, remaining: 0 } });
    // Items sort by arrival time, and requests within one millisecond by request id.
    expect(records.map((r) => `${r.status}:${r.billed_units}`).sort()).toEqual([
      '200:0',
      '200:1',
      '200:2',
      '404:0',
      '429:0',
    ]);
    expect(records.find((r) => r.status === 404)).toMatchObject({
      key_id: 'shared-a',
      route: '/v1/search',
      method: 'POST',
    });
    expect((records[0] as unknown as Record<string, number>)[USAGE_TABLE.ttlAttribute]).toBeGreaterThan(
      Date.now() / 1000 + 399 * 86_400,
    );
  });

  it('does not write requests no key vouched for to the table', async () => {
    // Prepare
    const memory = new MemoryUsageSink();
    const app = dynamoApp({ usage: memory });
    // Act
    await postJson(app, '/v1/search', searchBody(1), 'xlir_unknown-to-the-table');
    // Assess
    expect(memory.records.map((r) => [r.key_id, r.status])).toEqual([['anonymous', 401]]);
    expect(await tableRecords(dynamo.client, tables.usageTable, 'anonymous')).toEqual([]);
  });

  it('answers 503 naming neither table nor host when DynamoDB cannot be reached', async () => {
    // Prepare: a client of a port nothing listens on
    const unreachable = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    const { key, entry } = testKey('unreachable-table', 10);
    const log = memoryLog();
    const app = testApp(fixture.indexDir, {
      auth: { mode: 'keys', keys: new DynamoKeyStore(unreachable, 'xlir-secret-keys-table', log) },
      log,
    });
    const counted = testApp(fixture.indexDir, {
      auth: { mode: 'keys', keys: [entry] },
      counters: new DynamoCounters(unreachable, 'xlir-secret-usage-table'),
      log,
    });
    // Act
    const admission = await postJson(app, '/v1/search', searchBody(1), key);
    const reservation = await postJson(counted, '/v1/search', searchBody(1), key);
    // Assess
    for (const response of [admission, reservation]) {
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { type: 'unavailable' } });
      expect(text).not.toMatch(/xlir-secret|127\.0\.0\.1|:9\b/);
    }
    expect(log.lines.filter((l) => l.level === 'error').length).toBeGreaterThanOrEqual(2);
    unreachable.destroy();
  });
});

describe('configured from the environment', () => {
  it('reads keys, counters and ledger from XLIR_KEYS_TABLE and XLIR_USAGE_TABLE', async () => {
    // Prepare
    const { keysTable, usageTable } = await dynamo.createTables();
    const { key, entry } = testKey('from-env', 1);
    await putKey(dynamo.client, keysTable, entry);
    const deps = await appDepsFromEnv(
      {
        ...process.env,
        XLIR_INDEXES: fixture.indexDir,
        XLIR_MODELS: 'off',
        XLIR_USAGE_SINK: 'none',
        XLIR_KEYS_TABLE: keysTable,
        XLIR_USAGE_TABLE: usageTable,
      },
      memoryLog(),
    );
    const app = createApp({ ...deps, log: memoryLog() });
    // Act
    const first = await postJson(app, '/v1/search', searchBody(1), key);
    const second = await postJson(app, '/v1/search', searchBody(1), key);
    // Assess
    expect([first.status, second.status]).toEqual([200, 429]);
    expect((await tableRecords(dynamo.client, usageTable, 'from-env')).map((r) => r.status)).toEqual([
      200, 429,
    ]);
  });
});

describe('xlir api-key create --table', () => {
  it('puts the hashed entry in the keys table, where the server finds it, and refuses the id twice', async () => {
    // Prepare
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const args = ['api-key', 'create', '--id', 'from-cli', '--quota', '7', '--table', tables.keysTable];
    // Act
    const created = await main(args);
    const again = await main(args);
    vi.restoreAllMocks();
    // Assess
    const key = lines.map((l) => l.trim()).find((l) => l.startsWith('xlir_'))!;
    const found = await new DynamoKeyStore(dynamo.client, tables.keysTable, memoryLog()).lookup(
      hashApiKey(key),
    );
    expect([created, again]).toEqual([0, 2]);
    expect(found).toEqual({
      id: 'from-cli',
      hash: hashApiKey(key),
      quota: 7,
      rate_per_minute: 600,
      revoked: false,
    });
  });
});
