/**
 * A key's rate shared by every instance: two apps standing for two Lambda containers, each with
 * its own DynamoDB client, count one window per key and minute in the usage table (dynalite),
 * so together they admit at most the key's rate_per_minute in a minute. Per-process token
 * buckets admitted the rate once per instance (20 of 50 here). A fake clock moves the window.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_WINDOW_KEEP_SECONDS, USAGE_TABLE } from '../../lib/api/billing-constants.js';
import { createDynamoClient, plainItem } from '../../lib/api/dynamodb/client.js';
import { DynamoRateLimiter } from '../../lib/api/dynamodb/rate-window.js';
import { DynamoCounters } from '../../lib/api/dynamodb/usage-table.js';
import type { ApiApp } from '../../lib/api/index.js';
import { fakeClock, getJson, memoryLog, testApp, useFixtureIndex, type ErrorJson } from '../api/helpers.js';
import { startDynalite, type DynaliteHandle } from './dynalite-harness.js';
import { testKey } from './helpers.js';

const fixture = useFixtureIndex();
const CONCURRENT = 50;
const RATE_PER_MINUTE = 10;
/** 12:31:15 UTC: 45 s are left in the minute's window. */
const START = Date.UTC(2026, 0, 15, 12, 31, 15);
/** dynalite takes item locks one at a time: 50 requests on one window item queue. */
const DYNALITE_TIMEOUT_MS = 30_000;

interface Answer {
  status: number;
  type?: string;
  retryAfter: string | null;
}

let dynamo: DynaliteHandle;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());

/** Fires CONCURRENT GET /v1/usage requests at once, spread over the apps in turn. */
async function burst(apps: readonly ApiApp[], key: string): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: CONCURRENT }, async (_, i) => {
      const response = await getJson(apps[i % apps.length]!, '/v1/usage', key);
      const body = (await response.json()) as Partial<ErrorJson>;
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        ...(body.error ? { type: body.error.type } : {}),
      };
    }),
  );
}

function report(label: string, answers: readonly Answer[]): void {
  const admitted = answers.filter((a) => a.status === 200).length;
  const limited = answers.filter((a) => a.status === 429 && a.type === 'rate_limited').length;
  console.log(
    `[rate ${label}] ${answers.length} concurrent requests over 2 instances, rate ${RATE_PER_MINUTE}/min: ${admitted} admitted, ${limited} refused (429 rate_limited)`,
  );
}

describe('a rate limit shared through DynamoDB (dynalite), two instances', () => {
  it('admits exactly the key rate per minute between them, and again once the window moves', async () => {
    // Prepare: two containers, each its own client and limiter, one clock
    const { usageTable } = await dynamo.createTables();
    const { key, entry } = testKey('rate-shared', 1_000_000, RATE_PER_MINUTE);
    const clock = fakeClock(START);
    const apps = [0, 1].map(() => {
      const client = createDynamoClient({ requestTimeoutMs: DYNALITE_TIMEOUT_MS });
      return testApp(fixture.indexDir, {
        auth: { mode: 'keys', keys: [entry] },
        counters: new DynamoCounters(client, usageTable),
        rateLimiter: new DynamoRateLimiter(client, usageTable, memoryLog(), clock.now),
        now: clock.now,
      });
    });
    // Act
    const first = await burst(apps, key);
    clock.advance(30_000); // 12:31:45, the same window
    const sameWindow = await getJson(apps[1]!, '/v1/usage', key);
    clock.advance(15_000); // 12:32:00, the next window
    const next = await burst(apps, key);
    const item = await dynamo.client.send(
      new GetItemCommand({
        TableName: usageTable,
        Key: {
          [USAGE_TABLE.partitionKey]: { S: entry.id },
          [USAGE_TABLE.sortKey]: { S: `${USAGE_TABLE.rateWindowPrefix}2026-01-15T12:31` },
        },
        ConsistentRead: true,
      }),
    );
    // Assess
    report('first minute', first);
    report('next minute', next);
    for (const answers of [first, next]) {
      expect(answers.filter((a) => a.status === 200)).toHaveLength(RATE_PER_MINUTE);
      const refused = answers.filter((a) => a.status !== 200);
      expect(refused).toHaveLength(CONCURRENT - RATE_PER_MINUTE);
      for (const a of refused) expect(a.status === 429 && a.type === 'rate_limited').toBe(true);
    }
    // Until the end of the window: 45 s from 12:31:15, 60 s from 12:32:00.
    expect(new Set(first.filter((a) => a.status === 429).map((a) => a.retryAfter))).toEqual(new Set(['45']));
    expect(new Set(next.filter((a) => a.status === 429).map((a) => a.retryAfter))).toEqual(new Set(['60']));
    expect(sameWindow.status).toBe(429);
    expect(sameWindow.headers.get('retry-after')).toBe('15');
    // Refusals do not count: the window holds the admitted requests only, and expires by TTL.
    const window = plainItem(item.Item!);
    expect(window.requests).toBe(RATE_PER_MINUTE);
    expect(window[USAGE_TABLE.ttlAttribute]).toBe(
      Date.UTC(2026, 0, 15, 12, 32) / 1000 + RATE_WINDOW_KEEP_SECONDS,
    );
  });

  it('keeps keys apart: one key spending its rate leaves another its own', async () => {
    // Prepare
    const { usageTable } = await dynamo.createTables();
    const busy = testKey('rate-busy', 1_000_000, 2);
    const quiet = testKey('rate-quiet', 1_000_000, 2);
    const clock = fakeClock(START);
    const app = testApp(fixture.indexDir, {
      auth: { mode: 'keys', keys: [busy.entry, quiet.entry] },
      counters: new DynamoCounters(dynamo.client, usageTable),
      rateLimiter: new DynamoRateLimiter(dynamo.client, usageTable, memoryLog(), clock.now),
      now: clock.now,
    });
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(app, '/v1/usage', busy.key)).status);
    const other = await getJson(app, '/v1/usage', quiet.key);
    // Assess
    expect(statuses).toEqual([200, 200, 429]);
    expect(other.status).toBe(200);
  });

  it('answers 503 naming no table or host when the counter cannot be reached', async () => {
    // Prepare: nothing listens on port 9 of loopback
    const log = memoryLog();
    const unreachable = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const { key, entry } = testKey('rate-down', 1_000, 5);
    const app = testApp(fixture.indexDir, {
      auth: { mode: 'keys', keys: [entry] },
      rateLimiter: new DynamoRateLimiter(unreachable, 'xlir-usage-secret-name', log),
    });
    // Act
    const response = await getJson(app, '/v1/usage', key);
    const body = (await response.json()) as ErrorJson;
    unreachable.destroy();
    // Assess
    expect(response.status).toBe(503);
    expect(body.error.type).toBe('unavailable');
    expect(body.error.message).toMatch(/rate limit cannot be checked/);
    expect(body.error.message).not.toMatch(/xlir-usage-secret-name|127\.0\.0\.1/);
    expect(log.lines.some((l) => l.level === 'error' && /rate limit check failed/.test(l.message))).toBe(
      true,
    );
  });
});
