/**
 * Fault suite: a key's quota under 50 concurrent requests over HTTP. Each request reserves its
 * units before the search and settles after; no interleaving may serve more units than the
 * quota, on the local file ledger (one server) or on DynamoDB (dynalite) shared by two servers
 * standing for two Lambda containers. Before reserve-then-settle a key with 3 units left was
 * served 6 by 30 concurrent requests. Prints the counts.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  combineSinks,
  JsonlUsageLedger,
  MemoryUsageSink,
  startServer,
  type RunningServer,
} from '../../lib/api/index.js';
import { DynamoKeyStore, putKey } from '../../lib/api/dynamodb/keys-table.js';
import { DynamoCounters, DynamoUsageLedger } from '../../lib/api/dynamodb/usage-table.js';
import { memoryLog, testApp, useFixtureIndex } from '../api/helpers.js';
import { startDynalite, type DynaliteHandle } from './dynalite-harness.js';
import { postSearch, readLedger, sum, tableRecords, testKey, type Answer } from './helpers.js';

const fixture = useFixtureIndex();
const CONCURRENT = 50;
const QUOTA = 20;
/** Units of request i: a mix of 1- and 2-unit searches, so refusals happen at both sizes. */
const unitsOf = (i: number): number => (i % 3 === 0 ? 2 : 1);

/** Servers a test started; closed after each test. */
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Fires CONCURRENT searches at once, spread over the servers in turn. */
async function burst(urls: readonly string[], key: string): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => postSearch(urls[i % urls.length]!, key, unitsOf(i))),
  );
}

function report(store: string, answers: readonly Answer[], counted: number, ledgerUnits: number): void {
  const served = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 429 && a.type === 'quota_exceeded');
  console.log(
    `[quota ${store}] ${answers.length} concurrent requests, quota ${QUOTA}: ${served.length} served for ${sum(served.map((a) => a.billed))} units, ${refused.length} refused (429 quota_exceeded), counter ${counted}, ledger ${ledgerUnits} units, overshoot ${Math.max(0, ledgerUnits - QUOTA)}`,
  );
}

describe('quota under concurrency', () => {
  it('serves at most the quota to 50 concurrent requests on the local file ledger', async () => {
    // Prepare
    const { key, entry } = testKey('burst-local', QUOTA);
    const path = join(fixture.dir, 'burst', 'usage.jsonl');
    const usage = new JsonlUsageLedger(path);
    const app = testApp(fixture.indexDir, { auth: { mode: 'keys', keys: [entry] }, usage });
    const server = await startServer(app, { port: 0 });
    servers.push(server);
    // Act
    const answers = await burst([server.url], key);
    const counted = (await (
      await fetch(`${server.url}/v1/usage`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { search_units: number };
    const ledger = (await readLedger(path)).filter((r) => r.route === '/v1/search');
    // Assess
    const served = answers.filter((a) => a.status === 200);
    const ledgerUnits = sum(ledger.map((r) => r.billed_units));
    report('file ledger', answers, counted.search_units, ledgerUnits);
    expect(answers.every((a) => a.status === 200 || (a.status === 429 && a.type === 'quota_exceeded'))).toBe(
      true,
    );
    expect(ledgerUnits).toBeLessThanOrEqual(QUOTA);
    // Only the last unit may stay unused: a 2-unit request refused at 19.
    expect(ledgerUnits).toBeGreaterThanOrEqual(QUOTA - 1);
    expect(ledgerUnits).toBe(sum(served.map((a) => a.billed)));
    expect(counted.search_units).toBe(ledgerUnits);
    expect(ledger).toHaveLength(CONCURRENT);
  });

  describe('on DynamoDB (dynalite), two servers sharing the tables', () => {
    let dynamo: DynaliteHandle;
    beforeAll(async () => {
      dynamo = await startDynalite();
    });
    afterAll(() => dynamo.stop());

    it('serves at most the quota to 50 concurrent requests however they are spread', async () => {
      // Prepare: each server has its own key cache and counters client, as two containers would
      const { keysTable, usageTable } = await dynamo.createTables();
      const { key, entry } = testKey('burst-dynamo', QUOTA);
      await putKey(dynamo.client, keysTable, entry);
      const memory = new MemoryUsageSink();
      const urls: string[] = [];
      for (let i = 0; i < 2; i++) {
        const app = testApp(fixture.indexDir, {
          auth: { mode: 'keys', keys: new DynamoKeyStore(dynamo.client, keysTable, memoryLog()) },
          counters: new DynamoCounters(dynamo.client, usageTable),
          usage: combineSinks([memory, new DynamoUsageLedger(dynamo.client, usageTable)]),
        });
        const server = await startServer(app, { port: 0 });
        servers.push(server);
        urls.push(server.url);
      }
      // Act
      const answers = await burst(urls, key);
      const counted = await new DynamoCounters(dynamo.client, usageTable).usage(
        entry.id,
        new Date().toISOString().slice(0, 7),
      );
      const records = await tableRecords(dynamo.client, usageTable, entry.id);
      // Assess
      const served = answers.filter((a) => a.status === 200);
      const ledgerUnits = sum(records.map((r) => r.billed_units));
      report('DynamoDB', answers, counted.searchUnits, ledgerUnits);
      expect(
        answers.every((a) => a.status === 200 || (a.status === 429 && a.type === 'quota_exceeded')),
      ).toBe(true);
      expect(ledgerUnits).toBeLessThanOrEqual(QUOTA);
      expect(ledgerUnits).toBeGreaterThanOrEqual(QUOTA - 1);
      expect(ledgerUnits).toBe(sum(served.map((a) => a.billed)));
      expect(counted.searchUnits).toBe(ledgerUnits);
      expect(counted.requests).toBe(CONCURRENT);
      expect(records).toHaveLength(CONCURRENT);
      expect(new Set(records.map((r) => r.request_id))).toEqual(new Set(answers.map((a) => a.requestId)));
    });
  });
});
