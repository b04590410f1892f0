import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiConfigError,
  appDepsFromEnv,
  createApp,
  hashApiKey,
  JsonlUsageLedger,
  MemoryUsageSink,
  PowertoolsUsageSink,
  type UsageRecord,
} from '../../lib/api/index.js';
import {
  buildFixtureIndex,
  type ErrorJson,
  fakeClock,
  getJson,
  KEY_ENTRIES,
  KEYS,
  memoryLog,
  postJson,
  tempDir,
  testApp,
  testDeps,
} from './helpers.js';

let dir: { dir: string; remove: () => Promise<void> };
let indexDir: string;

beforeAll(async () => {
  dir = await tempDir();
  indexDir = await buildFixtureIndex(join(dir.dir, 'index'));
});
afterAll(() => dir.remove());

const SEARCH = { query: 'telephone', query_lang: 'en' };

describe('auth matrix', () => {
  it('refuses a request without a key with 401', async () => {
    // Prepare
    const app = testApp(indexDir);
    // Act
    const response = await postJson(app, '/v1/search', SEARCH, null);
    // Assess
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error).toMatchObject({ type: 'unauthorized' });
  });

  it('refuses an unknown key with 401', async () => {
    // Prepare
    const app = testApp(indexDir);
    // Act
    const response = await postJson(app, '/v1/search', SEARCH, 'xlir_not-a-configured-key');
    // Assess
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error.message).toBe('unknown API key');
  });

  it('refuses a revoked key with 403', async () => {
    // Prepare
    const app = testApp(indexDir);
    // Act
    const response = await postJson(app, '/v1/search', SEARCH, KEYS.revoked);
    // Assess
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorJson).error).toMatchObject({ type: 'forbidden' });
  });

  it('accepts a good key as a bearer token or as X-API-Key', async () => {
    // Prepare
    const app = testApp(indexDir);
    // Act
    const bearer = await postJson(app, '/v1/search', SEARCH, KEYS.good);
    const header = await app.request('/v1/usage', { headers: { 'x-api-key': KEYS.good } });
    // Assess
    expect(bearer.status).toBe(200);
    expect(header.status).toBe(200);
    expect(((await header.json()) as { key_id: string }).key_id).toBe('good');
  });

  it('refuses a request past the monthly quota with 429 and a Retry-After until the next month', async () => {
    // Prepare: key "tight" has 2 search units
    const clock = fakeClock();
    const app = testApp(indexDir, { now: clock.now });
    // Act
    const first = await postJson(app, '/v1/search', SEARCH, KEYS.tight);
    const tooBig = await postJson(app, '/v1/search', { ...SEARCH, top_k: 150 }, KEYS.tight);
    const second = await postJson(app, '/v1/search', SEARCH, KEYS.tight);
    const third = await postJson(app, '/v1/search', SEARCH, KEYS.tight);
    clock.advance(31 * 24 * 3600 * 1000);
    const nextMonth = await postJson(app, '/v1/search', SEARCH, KEYS.tight);
    // Assess
    expect([first.status, tooBig.status, second.status, third.status]).toEqual([200, 429, 200, 429]);
    expect(((await third.json()) as ErrorJson).error.type).toBe('quota_exceeded');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(nextMonth.status).toBe(200);
  });

  it('refuses requests beyond the rate limit with 429 and lets them through once the bucket refills', async () => {
    // Prepare: key "slow" allows 2 requests per minute
    const clock = fakeClock();
    const app = testApp(indexDir, { now: clock.now });
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(app, '/v1/usage', KEYS.slow)).status);
    const refused = await getJson(app, '/v1/usage', KEYS.slow);
    clock.advance(30_000);
    const refilled = await getJson(app, '/v1/usage', KEYS.slow);
    const otherKey = await getJson(app, '/v1/usage', KEYS.good);
    // Assess
    expect(statuses).toEqual([200, 200, 429]);
    expect(((await refused.json()) as ErrorJson).error.type).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refilled.status).toBe(200);
    expect(otherKey.status).toBe(200);
  });

  it('serves everyone as "anonymous" when auth is off, and only then', async () => {
    // Prepare
    const app = testApp(indexDir, { auth: { mode: 'off' } });
    // Act
    const response = await getJson(app, '/v1/usage', null);
    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ key_id: 'anonymous', quota: null, rate_limit: null });
  });
});

describe('usage records', () => {
  it('writes one record per request with key id, route, units, documents, tokens, latency and status', async () => {
    // Prepare
    const usage = new MemoryUsageSink();
    const app = testApp(indexDir, { usage });
    // Act
    const searched = (await (
      await postJson(app, '/v1/search', { ...SEARCH, rerank: { depth: 4 } })
    ).json()) as {
      meta: { rerank: { scored: number; tokens: number } };
    };
    await postJson(app, '/v1/search', SEARCH, 'xlir_wrong');
    await getJson(app, '/v1/models');
    // Assess
    expect(usage.records.map((r) => [r.key_id, r.route, r.status])).toEqual([
      ['good', '/v1/search', 200],
      ['anonymous', '/v1/search', 401],
      ['good', '/v1/models', 200],
    ]);
    const [search, refused] = usage.records as [UsageRecord, UsageRecord];
    expect(search).toMatchObject({
      billed_units: 1,
      documents_reranked: searched.meta.rerank.scored,
      tokens: searched.meta.rerank.tokens,
    });
    expect(search.tokens).toBeGreaterThan(0);
    expect(search.latency_ms).toBeGreaterThan(0);
    expect(refused.billed_units).toBe(0);
  });

  it('appends to a JSONL ledger whose history restores quotas after a restart', async () => {
    // Prepare
    const path = join(dir.dir, 'ledger', 'usage.jsonl');
    const clock = fakeClock();
    const first = new JsonlUsageLedger(path);
    const before = testApp(indexDir, { usage: first, now: clock.now });
    await postJson(before, '/v1/search', SEARCH, KEYS.tight);
    await postJson(before, '/v1/search', SEARCH, KEYS.tight);
    await first.close();
    // Act
    const after = testApp(indexDir, { usage: new JsonlUsageLedger(path), now: clock.now });
    const response = await postJson(after, '/v1/search', SEARCH, KEYS.tight);
    // Assess
    const lines = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as UsageRecord);
    // Written before each response, the refused one included.
    expect(lines.map((l) => [l.key_id, l.status, l.billed_units])).toEqual([
      ['tight', 200, 1],
      ['tight', 200, 1],
      ['tight', 429, 0],
    ]);
    expect(response.status).toBe(429);
  });

  it('sends records to Powertools with the key id as metadata, not as a dimension', async () => {
    // Prepare
    const calls: Array<[string, ...unknown[]]> = [];
    const metrics = {
      addDimension: (...a: unknown[]) => calls.push(['dimension', ...a]),
      addMetadata: (...a: unknown[]) => calls.push(['metadata', ...a]),
      addMetric: (...a: unknown[]) => calls.push(['metric', ...a]),
      publishStoredMetrics: () => void calls.push(['publish']),
    };
    const logged: unknown[] = [];
    const app = testApp(indexDir, {
      usage: new PowertoolsUsageSink({ info: (_m, ...extra) => void logged.push(...extra) }, metrics),
    });
    // Act
    await postJson(app, '/v1/search', SEARCH);
    // Assess
    expect(calls.filter((c) => c[0] === 'dimension').map((c) => c.slice(1))).toEqual([
      ['route', '/v1/search'],
    ]);
    expect(calls).toContainEqual(['metadata', 'key_id', 'good']);
    expect(calls).toContainEqual(['metric', 'BilledSearchUnits', 'Count', 1]);
    expect(calls.at(-1)).toEqual(['publish']);
    expect(logged).toEqual([{ usage: expect.objectContaining({ key_id: 'good', status: 200 }) }]);
  });
});

describe('appDepsFromEnv', () => {
  it('refuses to start with auth on and no keys', async () => {
    // Act
    const attempt = appDepsFromEnv(
      { XLIR_INDEXES: indexDir, XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none' },
      memoryLog(),
    );
    // Assess
    await expect(attempt).rejects.toThrow(ApiConfigError);
    await expect(attempt).rejects.toThrow(/XLIR_API_KEYS/);
  });

  it('refuses a key source that is neither a JSON array nor a local file, naming it', async () => {
    // Act
    const attempt = appDepsFromEnv(
      {
        XLIR_INDEXES: indexDir,
        XLIR_API_KEYS: 's3://bucket/keys.json',
        XLIR_MODELS: 'off',
        XLIR_USAGE_SINK: 'none',
      },
      memoryLog(),
    );
    // Assess
    await expect(attempt).rejects.toThrow(ApiConfigError);
    await expect(attempt).rejects.toThrow(
      /must be a JSON array or a local file path, got "s3:\/\/bucket\/keys.json"/,
    );
  });

  it('turns auth off only when told, and says so loudly', async () => {
    // Prepare
    const log = memoryLog();
    // Act
    const deps = await appDepsFromEnv(
      { XLIR_INDEXES: `main=${indexDir}`, XLIR_AUTH: 'off', XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none' },
      log,
    );
    // Assess
    expect(deps.auth).toEqual({ mode: 'off' });
    expect(deps.indexes).toEqual({ main: indexDir });
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('AUTH IS OFF'))).toBe(true);
  });

  it('reads hashed keys from a file and serves them', async () => {
    // Prepare
    const keysFile = join(dir.dir, 'keys.json');
    await writeFile(keysFile, JSON.stringify(KEY_ENTRIES));
    const deps = await appDepsFromEnv(
      { XLIR_INDEXES: indexDir, XLIR_API_KEYS: keysFile, XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none' },
      memoryLog(),
    );
    const app = createApp({ ...deps, log: memoryLog() });
    // Act
    const good = await postJson(app, '/v1/search', SEARCH, KEYS.good);
    const revoked = await postJson(app, '/v1/search', SEARCH, KEYS.revoked);
    // Assess
    expect(deps.auth).toMatchObject({ mode: 'keys' });
    expect([good.status, revoked.status]).toEqual([200, 403]);
  });

  it('rejects a key entry that holds anything but a SHA-256', async () => {
    // Prepare
    const entries = JSON.stringify([{ id: 'k', hash: 'plain-key', quota: 1, rate_per_minute: 1 }]);
    // Act
    const attempt = appDepsFromEnv(
      { XLIR_INDEXES: indexDir, XLIR_API_KEYS: entries, XLIR_USAGE_SINK: 'none' },
      memoryLog(),
    );
    // Assess
    await expect(attempt).rejects.toThrow(/hash/);
  });

  it('serves BM25 only when no models are configured, with the reason', async () => {
    // Prepare
    const log = memoryLog();
    // Act
    const deps = await appDepsFromEnv(
      { XLIR_INDEXES: indexDir, XLIR_AUTH: 'off', XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none' },
      log,
    );
    // Assess
    expect(deps.models.routingUri).toBeUndefined();
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('BM25 only'))).toBe(true);
  });

  it('hashes keys with SHA-256 in hex', () => {
    // Act
    const hash = hashApiKey('abc');
    // Assess: the FIPS 180-2 test vector
    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(testDeps(indexDir).auth.mode).toBe('keys');
  });
});
