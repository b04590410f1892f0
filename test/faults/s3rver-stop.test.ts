/**
 * A real S3 endpoint (s3rver) stopped in the middle of a stream of searches, its open
 * connections cut, then started again: the server's own store stack (S3Store, retries, memory
 * cache) and the API answer every request within its deadline plus a second, as 200, 503 or
 * 504, never a hang, and recover once the endpoint is back.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink } from '../../lib/api/index.js';
import { memoryLog, testApp } from '../api/helpers.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';
import { buildFaultIndex, FaultRecorder, freshProbe, SHARDS, type Answer } from './helpers.js';

const DEADLINE_MS = 2_000;
const CLIENTS = 3;
const recorder = new FaultRecorder(`s3rver stopped mid-way (deadline ${DEADLINE_MS} ms, ${CLIENTS} clients)`);
let s3: S3rverHandle;
let uri: string;

beforeAll(async () => {
  s3 = await startS3rver('xlir-faults');
  uri = `s3://${s3.bucket}/indexes/faults`;
  await buildFaultIndex(uri);
});
afterAll(async () => {
  await s3.stop();
});

describe('an S3 endpoint that stops mid-way', () => {
  it('answers every request in time while it is down, and serves again once it is back', async () => {
    // Prepare
    const app = testApp(uri, {
      indexes: { s3: uri },
      defaultIndex: 's3',
      models: { unavailable: 'not needed here' },
      auth: { mode: 'off' },
      usage: new MemoryUsageSink(),
      log: memoryLog(),
      requestDeadlineMs: DEADLINE_MS,
    });
    const search = (phase: string) =>
      recorder.search(app, phase, {
        query: freshProbe(),
        query_lang: 'en',
        top_k: 30,
        return_documents: true,
      });
    const up = await search('up (cold, then warm)');
    for (let i = 0; i < 4; i++) await search('up (cold, then warm)');
    let phase = 'stopped mid-way: requests in flight and after';
    let running = true;
    const seen: Answer[] = [];
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (running) seen.push(await search(phase));
    });
    // Act
    await sleep(100);
    await s3.halt();
    await sleep(1_500);
    await s3.resume();
    phase = 'after the endpoint is back';
    await sleep(1_000);
    running = false;
    await Promise.all(clients);
    const back = await search('after the endpoint is back');
    // Assess
    expect(up.status).toBe(200);
    for (const answer of seen) {
      expect([200, 503, 504]).toContain(answer.status);
      expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_000);
      if (answer.status !== 200) expect(answer.body.error!.message).not.toContain(s3.bucket);
    }
    expect(seen.some((a) => a.status !== 200 || a.body.meta!.shards.failed > 0)).toBe(true);
    expect(back.status).toBe(200);
    expect(back.body.meta!.shards).toEqual({ searched: SHARDS, failed: 0, policy: 'partial' });
    expect(back.body.results).toHaveLength(SHARDS * 6);
  });
});
