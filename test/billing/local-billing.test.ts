/**
 * Reserve-then-settle on one server (LocalCounters and the JSONL ledger): what a failed request
 * gives back, keys that never share units, a rerank that turns out to cost more than it
 * reserved, a ledger that cannot be written, and a ledger left with a torn last line.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JsonlUsageLedger,
  LocalCounters,
  MemoryUsageSink,
  type UsageCounters,
  type UsageRecord,
  type UsageSink,
} from '../../lib/api/index.js';
import { TEST_THREADS } from '../rerank/helpers.js';
import { getJson, memoryLog, postJson, testApp, useFixtureIndex, type ErrorJson } from '../api/helpers.js';
import { LONG, QUESTION, aliasedRouting } from '../api/rerank-fixtures.js';
import { readLedger, searchBody, sum, testKey } from './helpers.js';

const fixture = useFixtureIndex();

interface UsageJson {
  search_units: number;
  requests: number;
  quota: { search_units: number; remaining: number } | null;
}

async function usageOf(app: ReturnType<typeof testApp>, key: string): Promise<UsageJson> {
  return (await (await getJson(app, '/v1/usage', key)).json()) as UsageJson;
}

describe('reserve, then settle', () => {
  it('gives the reservation back when the request fails with a 4xx or 5xx', async () => {
    // Prepare: 2 units; an unknown index (404) and an index that cannot open (503) fail after
    // the reservation, as does a document language the index lacks (400)
    const { key, entry } = testKey('refund', 2);
    const usage = new MemoryUsageSink();
    const app = testApp(fixture.indexDir, {
      indexes: { fixture: fixture.indexDir, broken: join(fixture.dir, 'no-index-here') },
      auth: { mode: 'keys', keys: [entry] },
      usage,
    });
    // Act
    const failed = [
      await postJson(app, '/v1/search', { ...searchBody(2), index: 'missing' }, key),
      await postJson(app, '/v1/search', { ...searchBody(2), index: 'broken' }, key),
      await postJson(app, '/v1/search', { ...searchBody(2), doc_langs: ['ja'] }, key),
    ];
    const served = await postJson(app, '/v1/search', searchBody(2), key);
    const over = await postJson(app, '/v1/search', searchBody(1), key);
    const counted = await usageOf(app, key);
    // Assess
    expect(failed.map((r) => r.status)).toEqual([404, 503, 400]);
    expect(served.status).toBe(200);
    expect(over.status).toBe(429);
    expect(((await over.json()) as ErrorJson).error.message).toMatch(/used 2, this request needs 1/);
    expect(counted).toMatchObject({ search_units: 2, quota: { search_units: 2, remaining: 0 } });
    expect(usage.records.map((r) => [r.status, r.billed_units])).toEqual([
      [404, 0],
      [503, 0],
      [400, 0],
      [200, 2],
      [429, 0],
      [200, 0],
    ]);
  });

  it('keeps keys apart: one key running out leaves the other its whole quota', async () => {
    // Prepare
    const a = testKey('isolated-a', 5);
    const b = testKey('isolated-b', 8);
    const app = testApp(fixture.indexDir, { auth: { mode: 'keys', keys: [a.entry, b.entry] } });
    // Act: 20 concurrent 1-unit searches per key, interleaved
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const who = i % 2 === 0 ? a : b;
        const response = await postJson(app, '/v1/search', searchBody(1), who.key);
        return { id: who.entry.id, status: response.status };
      }),
    );
    // Assess
    const servedFor = (id: string) => answers.filter((x) => x.id === id && x.status === 200).length;
    expect([servedFor('isolated-a'), servedFor('isolated-b')]).toEqual([5, 8]);
    expect((await usageOf(app, a.key)).search_units).toBe(5);
    expect((await usageOf(app, b.key)).search_units).toBe(8);
  });

  it('charges a rerank that costs more than it reserved only when the quota can take it', async () => {
    // Prepare: 100 documents reserve 1 unit; one of ~1,200 tokens counts 3, so they bill 2
    await mkdir(join(fixture.dir, 'routing'), { recursive: true });
    const routingUri = await aliasedRouting(join(fixture.dir, 'routing'));
    const tight = testKey('rerank-tight', 1);
    const roomy = testKey('rerank-roomy', 2);
    const usage = new MemoryUsageSink();
    const app = testApp(fixture.indexDir, {
      models: { routingUri, threads: TEST_THREADS },
      auth: { mode: 'keys', keys: [tight.entry, roomy.entry] },
      usage,
    });
    const documents = [...Array.from({ length: 99 }, (_, i) => `passage ${i}`), LONG.filler.slice(0, 2_400)];
    const body = { model: 'rerank-v3.5', query: QUESTION, documents, top_n: 1 };
    // Act
    const refused = await postJson(app, '/v2/rerank', body, tight.key);
    const served = await postJson(app, '/v2/rerank', body, roomy.key);
    // Assess
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorJson).error).toMatchObject({
      type: 'quota_exceeded',
      message: expect.stringMatching(/used 0, this request needs 2/),
    });
    expect(served.status).toBe(200);
    expect(
      ((await served.json()) as { meta: { billed_units: { search_units: number } } }).meta,
    ).toMatchObject({
      billed_units: { search_units: 2 },
    });
    expect((await usageOf(app, tight.key)).search_units).toBe(0);
    expect((await usageOf(app, roomy.key)).search_units).toBe(2);
    expect(usage.records.slice(0, 2).map((r) => [r.key_id, r.status, r.billed_units])).toEqual([
      ['rerank-tight', 429, 0],
      ['rerank-roomy', 200, 2],
    ]);
  }, 60_000);
});

describe('when usage cannot be accounted', () => {
  it('withholds a billed answer whose record cannot be written, refunds it, and still answers free requests', async () => {
    // Prepare: a sink that fails every write, as a full disk would
    const failing: UsageSink = {
      record: () =>
        Promise.reject(new Error(`ENOSPC: no space left on device, write '${fixture.dir}/usage.jsonl'`)),
    };
    const { key, entry } = testKey('unwritable', 10);
    const log = memoryLog();
    const app = testApp(fixture.indexDir, { auth: { mode: 'keys', keys: [entry] }, usage: failing, log });
    // Act
    const search = await postJson(app, '/v1/search', searchBody(1), key);
    const usage = await usageOf(app, key);
    // Assess
    expect(search.status).toBe(503);
    const text = await search.text();
    expect(JSON.parse(text)).toEqual({
      error: { type: 'unavailable', message: expect.stringMatching(/not served and not billed/) },
    });
    expect(text).not.toContain(fixture.dir);
    expect(usage.search_units).toBe(0);
    expect(log.lines.some((l) => l.level === 'error' && l.message.includes('ENOSPC'))).toBe(true);
  });

  it('answers 503 without serving when the quota counters cannot be reached', async () => {
    // Prepare
    const broken: UsageCounters = {
      ready: () => Promise.resolve(),
      reserve: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:8000 table xlir-usage-prod')),
      settle: () => Promise.resolve(),
      usage: (_key, period) =>
        Promise.resolve({ period, requests: 0, searchUnits: 0, documentsReranked: 0, tokens: 0 }),
    };
    const { key, entry } = testKey('unreachable', 10);
    const app = testApp(fixture.indexDir, { auth: { mode: 'keys', keys: [entry] }, counters: broken });
    // Act
    const search = await postJson(app, '/v1/search', searchBody(1), key);
    // Assess
    expect(search.status).toBe(503);
    const text = await search.text();
    expect(JSON.parse(text)).toMatchObject({ error: { type: 'unavailable' } });
    expect(text).not.toMatch(/xlir-usage-prod|10\.0\.0\.7/);
  });
});

describe('JSONL ledger', () => {
  it('starts a new line after a torn last line, so no later record is glued to it', async () => {
    // Prepare: a crash mid-append left half a record without its newline
    const dir = join(fixture.dir, 'torn');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'usage.jsonl');
    const whole: UsageRecord = {
      ts: '2026-01-15T12:00:00.000Z',
      request_id: 'before-crash',
      key_id: 'k',
      method: 'POST',
      route: '/v1/search',
      status: 200,
      billed_units: 3,
      documents_reranked: 0,
      tokens: 0,
      latency_ms: 1,
    };
    await writeFile(path, `${JSON.stringify(whole)}\n`);
    await appendFile(path, JSON.stringify({ ...whole, request_id: 'torn' }).slice(0, 40));
    const ledger = new JsonlUsageLedger(path);
    // Act
    await ledger.record({ ...whole, request_id: 'after-restart', billed_units: 2 });
    await ledger.close();
    const counters = new LocalCounters(() => new JsonlUsageLedger(path).history());
    // Assess
    expect((await readLedger(path)).map((r) => r.request_id)).toEqual(['before-crash', 'after-restart']);
    expect((await counters.usage('k', '2026-01')).searchUnits).toBe(5);
  });

  it('writes concurrent records in shared syncs, each resolved only once it is on disk', async () => {
    // Prepare
    const path = join(fixture.dir, 'group', 'usage.jsonl');
    const ledger = new JsonlUsageLedger(path);
    const records = Array.from({ length: 200 }, (_, i) => ({
      ts: '2026-01-15T12:00:00.000Z',
      request_id: `r${i}`,
      key_id: 'k',
      method: 'POST',
      route: '/v1/search',
      status: 200,
      billed_units: 1,
      documents_reranked: 0,
      tokens: 0,
      latency_ms: 1,
    }));
    // Act
    await Promise.all(records.map((r) => ledger.record(r)));
    const written = await readLedger(path);
    await ledger.close();
    // Assess
    expect(written.map((r) => r.request_id).sort()).toEqual(records.map((r) => r.request_id).sort());
    expect(sum(written.map((r) => r.billed_units))).toBe(200);
  });
});
