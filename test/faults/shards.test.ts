/**
 * A shard that hangs, fails or answers 5xx, and a store that stops entirely, under both
 * on_shard_failure policies: every request answers within its deadline plus a second, with the
 * status and flags the policy promises; under "partial" the results are exactly the healthy
 * shards' documents and meta.shards.failed counts the others.
 */
import { describe, expect, it } from 'vitest';
import type { ApiApp } from '../../lib/api/index.js';
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

const DEADLINE_MS = 1_500;
/** What "never a hang" means here: an answer within the deadline and a second. */
const LATEST_MS = DEADLINE_MS + 1_000;

const recorder = new FaultRecorder('shard faults (deadline 1500 ms)');
const fixture = useFaultIndex();

/** A warm app (index open, shard heads in memory) over a faulty store, faults off. */
async function warmApp(): Promise<{ app: ApiApp; faulty: FaultyStore }> {
  const { faulty, store } = faultyStack(fixture.indexDir);
  const app = faultApp(fixture.indexDir, store, { requestDeadlineMs: DEADLINE_MS });
  const warm = await recorder.search(app, 'warm-up', { query: freshProbe(), query_lang: 'en', top_k: 30 });
  expect(warm.status).toBe(200);
  return { app, faulty };
}

function search(app: ApiApp, scenario: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  return recorder.search(app, scenario, { query: freshProbe(), query_lang: 'en', top_k: 30, ...extra });
}

const healthyDocs = (failed: number) =>
  FAULT_DOCS.map((d) => d.id)
    .filter((id) => !docsOfShard(failed).includes(id))
    .sort();

function expectPartialWithout(answer: Answer, failedShard: number): void {
  expect(answer.status).toBe(200);
  expect(answer.body.meta!.partial).toBe(true);
  expect(answer.body.meta!.partial_reasons).toEqual(['shard_failure']);
  expect(answer.body.meta!.shards).toEqual({ searched: SHARDS, failed: 1, policy: 'partial' });
  expect(answer.body.results!.map((r) => r.doc_id).sort()).toEqual(healthyDocs(failedShard));
  expect(answer.ms).toBeLessThan(LATEST_MS);
}

describe('one shard misbehaves, on_shard_failure "partial" (the default)', () => {
  it('answers from the healthy shards when one hangs, and lets go of the hung GETs', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(1).test(key) ? 'hang' : undefined);
    // Act
    const answer = await search(app, 'shard 1 hangs, partial');
    // Assess
    expectPartialWithout(answer, 1);
    // The deadline's signal reached the store through the cache and the retries.
    await expect.poll(() => faulty.inFlight, { timeout: 1_000 }).toBe(0);
  });

  it('answers in time even when the hung store ignores its signal', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(2).test(key) ? 'deaf-hang' : undefined);
    // Act
    const answer = await search(app, 'shard 2 hangs, deaf to aborts, partial');
    faulty.release();
    // Assess
    expectPartialWithout(answer, 2);
  });

  it('answers from the healthy shards when one answers 5xx past its retries', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(3).test(key) ? '5xx' : undefined);
    // Act
    const answer = await search(app, 'shard 3 answers 5xx, partial');
    // Assess
    expectPartialWithout(answer, 3);
    expect(answer.ms).toBeLessThan(500);
  });

  it("leaves out a shard's hits when only its stored documents cannot be read", async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(0, 'docs').test(key) ? 'fail' : undefined);
    // Act
    const answer = await search(app, 'shard 0 doc store 403, partial', { return_documents: true });
    // Assess
    expectPartialWithout(answer, 0);
    expect(answer.body.results!.every((r) => r.text?.startsWith('Lighthouse keepers'))).toBe(true);
  });

  it('keeps answering from the healthy shards, request after request', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(1).test(key) ? 'hang' : undefined);
    // Act
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => search(app, '4 concurrent, shard 1 hangs')),
    );
    // Assess
    for (const answer of answers) expectPartialWithout(answer, 1);
  });
});

describe('one shard misbehaves, on_shard_failure "fail"', () => {
  it('answers 504 deadline_exceeded at the deadline when a shard hangs', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(1).test(key) ? 'hang' : undefined);
    // Act
    const answer = await search(app, 'shard 1 hangs, fail', { on_shard_failure: 'fail' });
    // Assess
    expect(answer.status).toBe(504);
    expect(answer.body.error!.type).toBe('deadline_exceeded');
    expect(answer.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(answer.ms).toBeLessThan(LATEST_MS);
    await expect.poll(() => faulty.inFlight, { timeout: 1_000 }).toBe(0);
  });

  it('answers 503 shard_unavailable, naming the shard and not the store, when a shard answers 5xx', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = (key) => (shardKeys(3).test(key) ? '5xx' : undefined);
    // Act
    const answer = await search(app, 'shard 3 answers 5xx, fail', { on_shard_failure: 'fail' });
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.body.error!.type).toBe('shard_unavailable');
    expect(answer.body.error!.message).toMatch(/^shard 3 of index fixture \(4 shards\) could not be read/);
    expect(answer.body.error!.message).toMatch(/send "partial"/);
    expect(answer.body.error!.message).not.toContain(fixture.root);
    expect(answer.ms).toBeLessThan(500);
  });
});

describe('the store stops entirely', () => {
  it('answers 503 when no shard can be read, under either policy, without waiting out the deadline', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = () => 'down';
    // Act
    const partial = await search(app, 'store refuses every GET, warm, partial');
    const fail = await search(app, 'store refuses every GET, warm, fail', { on_shard_failure: 'fail' });
    // Assess
    for (const answer of [partial, fail]) {
      expect(answer.status).toBe(503);
      expect(answer.body.error!.type).toBe('shard_unavailable');
      expect(answer.body.error!.message).not.toContain(fixture.root);
      expect(answer.ms).toBeLessThan(500);
    }
    expect(partial.body.error!.message).toMatch(/^no shard of index fixture could be read/);
  });

  it('answers 503 (all shards timed out) or 504 when every GET hangs', async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    faulty.fault = () => 'hang';
    // Act
    const partial = await search(app, 'store hangs, warm, partial');
    const fail = await search(app, 'store hangs, warm, fail', { on_shard_failure: 'fail' });
    // Assess
    expect(partial.status).toBe(503);
    expect(partial.body.error!.message).toMatch(/did not answer within/);
    expect(fail.status).toBe(504);
    expect(fail.body.error!.type).toBe('deadline_exceeded');
    for (const answer of [partial, fail]) expect(answer.ms).toBeLessThan(LATEST_MS);
    await expect.poll(() => faulty.inFlight, { timeout: 1_000 }).toBe(0);
  });

  it('answers 504 at the deadline when the index cannot even be opened, and abandons the open', async () => {
    // Prepare
    const { faulty, store } = faultyStack(fixture.indexDir);
    faulty.fault = () => 'hang';
    const app = faultApp(fixture.indexDir, store, { requestDeadlineMs: DEADLINE_MS });
    // Act
    const answer = await search(app, 'store hangs, cold (index open)');
    // Assess
    expect(answer.status).toBe(504);
    expect(answer.body.error!.type).toBe('deadline_exceeded');
    expect(answer.ms).toBeLessThan(LATEST_MS);
    await expect.poll(() => faulty.inFlight, { timeout: 1_000 }).toBe(0);
  });

  it('answers 503 unavailable at once when the store refuses the open', async () => {
    // Prepare
    const { faulty, store } = faultyStack(fixture.indexDir);
    faulty.fault = () => 'down';
    const app = faultApp(fixture.indexDir, store, { requestDeadlineMs: DEADLINE_MS });
    // Act
    const answer = await search(app, 'store refuses every GET, cold (index open)');
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.body.error!.type).toBe('unavailable');
    expect(answer.body.error!.message).not.toContain(fixture.root);
    expect(answer.ms).toBeLessThan(500);
  });
});

describe('deadline_ms', () => {
  it("shortens the server's deadline, and cannot lengthen it", async () => {
    // Prepare
    const { app, faulty } = await warmApp();
    // Act
    const capped = await search(app, 'deadline_ms 60000 (capped)', { deadline_ms: 60_000 });
    faulty.fault = (key) => (shardKeys(1).test(key) ? 'hang' : undefined);
    const short = await search(app, 'deadline_ms 300, shard 1 hangs, fail', {
      deadline_ms: 300,
      on_shard_failure: 'fail',
    });
    // Assess
    expect(capped.status).toBe(200);
    expect(capped.body.meta!.deadline_ms).toBe(DEADLINE_MS);
    expect(capped.body.meta!.partial).toBe(false);
    expect(short.status).toBe(504);
    expect(short.body.error!.message).toMatch(/deadline of 300 ms/);
    expect(short.ms).toBeGreaterThanOrEqual(290);
    expect(short.ms).toBeLessThan(300 + 1_000);
  });

  it('refuses a deadline below 1 ms with 422', async () => {
    // Prepare
    const { app } = await warmApp();
    // Act
    const answer = await search(app, 'deadline_ms 0 (invalid)', { deadline_ms: 0 });
    // Assess
    expect(answer.status).toBe(422);
  });
});
