/**
 * A cold open (no build in memory) whose shard heads partly cannot be read. It used to fail the
 * request whatever its policy; now the build opens with those shards unavailable: on_shard_failure
 * "partial" answers from the other shards (partial: true, meta.shards.failed), "fail" is a 503
 * shard_unavailable naming the shard, and the next request reads the missing heads again, so the
 * index is whole once the store is. An index none of whose heads can be read still fails to open.
 */
import { describe, expect, it } from 'vitest';
import {
  docsOfShard,
  FAULT_DOCS,
  faultApp,
  FaultRecorder,
  faultyStack,
  freshProbe,
  shardKeys,
  SHARDS,
  type Answer,
  type FaultyStore,
  useFaultIndex,
} from './helpers.js';
import type { ApiApp } from '../../lib/api/index.js';
import { HEAD_BUNDLE_KEY } from '../../lib/index/index.js';

const DEADLINE_MS = 1_500;
const LATEST_MS = DEADLINE_MS + 1_000;

const recorder = new FaultRecorder('cold open with unreadable shard heads (deadline 1500 ms)');
const fixture = useFaultIndex();

/**
 * A cold app whose store fails every GET of shard `shard`'s postings object (its head included)
 * and of the head bundle, so the heads are read from the shards.
 */
function coldAppFailing(shard: number): { app: ApiApp; faulty: FaultyStore } {
  const { faulty, store } = faultyStack(fixture.indexDir);
  faulty.fault = (key) =>
    shardKeys(shard, 'postings').test(key) || key === HEAD_BUNDLE_KEY ? 'fail' : undefined;
  return { app: faultApp(fixture.indexDir, store, { requestDeadlineMs: DEADLINE_MS }), faulty };
}

function search(app: ApiApp, scenario: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  return recorder.search(app, scenario, { query: freshProbe(), query_lang: 'en', top_k: 30, ...extra });
}

const allDocs = FAULT_DOCS.map((d) => d.id).sort();
const docsOf = (answer: Answer) => answer.body.results!.map((r) => r.doc_id).sort();
const headReads = (faulty: FaultyStore, shard: number) =>
  faulty.keys.filter((k) => shardKeys(shard, 'postings').test(k)).length;

describe('a cold open with an unreadable shard head', () => {
  it('answers from the other shards under "partial", and the next request reads the head again', async () => {
    // Prepare
    const { app, faulty } = coldAppFailing(2);
    // Act
    const first = await search(app, 'shard 2 head fails, cold (partial)');
    const readsAfterFirst = headReads(faulty, 2);
    const second = await search(app, 'shard 2 head still fails (partial)');
    const readsAfterSecond = headReads(faulty, 2);
    faulty.fault = () => undefined;
    const third = await search(app, 'shard 2 readable again (partial)');
    // Assess
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.body.meta!.partial).toBe(true);
      expect(answer.body.meta!.partial_reasons).toEqual(['shard_failure']);
      expect(answer.body.meta!.shards).toEqual({ searched: SHARDS, failed: 1, policy: 'partial' });
      expect(docsOf(answer)).toEqual(allDocs.filter((id) => !docsOfShard(2).includes(id)));
      expect(answer.ms).toBeLessThan(LATEST_MS);
    }
    // The second request retried the head (two GETs: its dictionary and documents part, sent
    // together), the unavailable shard's reads are not issued.
    expect(readsAfterFirst).toBe(2);
    expect(readsAfterSecond).toBe(4);
    expect(third.status).toBe(200);
    expect(third.body.meta!.partial).toBe(false);
    expect(third.body.meta!.shards).toEqual({ searched: SHARDS, failed: 0, policy: 'partial' });
    expect(docsOf(third)).toEqual(allDocs);
  });

  it('answers 503 shard_unavailable under "fail", naming the shard and not the store, until it reads', async () => {
    // Prepare
    const { app, faulty } = coldAppFailing(1);
    // Act
    const failed = await search(app, 'shard 1 head fails, cold (fail)', { on_shard_failure: 'fail' });
    faulty.fault = () => undefined;
    const whole = await search(app, 'shard 1 readable again (fail)', { on_shard_failure: 'fail' });
    // Assess
    expect(failed.status).toBe(503);
    expect(failed.body.error!.type).toBe('shard_unavailable');
    expect(failed.body.error!.message).toMatch(/shard 1 of index fixture/);
    expect(failed.body.error!.message).not.toContain(fixture.root);
    expect(failed.ms).toBeLessThan(LATEST_MS);
    expect(whole.status).toBe(200);
    expect(whole.body.meta!.partial).toBe(false);
    expect(docsOf(whole)).toEqual(allDocs);
  });

  it('fails the open (503 unavailable) when no shard head can be read, and opens on the next request', async () => {
    // Prepare
    const { faulty, store } = faultyStack(fixture.indexDir);
    faulty.fault = (key) => (key.endsWith('.xsh') || key === HEAD_BUNDLE_KEY ? 'fail' : undefined);
    const app = faultApp(fixture.indexDir, store, { requestDeadlineMs: DEADLINE_MS });
    // Act
    const refused = await search(app, 'every shard head fails, cold');
    faulty.fault = () => undefined;
    const opened = await search(app, 'every shard readable again');
    // Assess
    expect(refused.status).toBe(503);
    expect(refused.body.error!.type).toBe('unavailable');
    expect(refused.body.error!.message).not.toContain(fixture.root);
    expect(opened.status).toBe(200);
    expect(docsOf(opened)).toEqual(allDocs);
  });
});
