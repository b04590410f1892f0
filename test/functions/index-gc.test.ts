import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as gc } from '../../functions/index-build/gc.js';
import { handler as publish } from '../../functions/index-build/publish.js';
import { handler as worker } from '../../functions/index-build/worker.js';
import { IndexReader } from '../../lib/index/index.js';
import { openStore } from '../../lib/storage/node.js';
import { ENGLISH_DOCS } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

let s3: S3rverHandle;

beforeAll(async () => {
  s3 = await startS3rver('xlir-gc-fn');
});
afterAll(async () => {
  await s3.stop();
});

/** One part, built and published as the state machine runs it, under build id `buildId`. */
async function buildAndPublish(index: string, input: string, buildId: string): Promise<void> {
  await worker({ input, index, buildId, shard: 0 });
  await publish({ index, buildId, expectedShards: 1 });
}

describe('index-build gc function (after publish)', () => {
  it('keeps the replaced build within the grace period, then deletes it; the new build keeps serving', async () => {
    // Prepare
    const corpus = openStore(`s3://${s3.bucket}/corpora/gc`);
    await corpus.put('part-0.jsonl', ENGLISH_DOCS.map((d) => JSON.stringify(d)).join('\n'));
    const input = `${corpus.uri}/part-0.jsonl`;
    const index = `s3://${s3.bucket}/indexes/gc`;
    await buildAndPublish(index, input, 'exec-1');
    await buildAndPublish(index, input, 'exec-2');
    // Act
    const withinGrace = await gc({ index, keep: 1, buildId: 'exec-2', graceHours: null });
    const immediate = await gc({ index, keep: 1, graceHours: 0 });
    // Assess
    expect(withinGrace).toMatchObject({ currentBuildId: 'exec-2', removed: [], kept: 2, bytesFreed: 0 });
    expect(immediate).toMatchObject({ currentBuildId: 'exec-2', removed: ['exec-1'], kept: 1 });
    expect(immediate.bytesFreed).toBeGreaterThan(0);
    const keys = await openStore(index).list('builds/');
    expect(keys.every((k) => k.startsWith('builds/exec-2/'))).toBe(true);
    expect((await IndexReader.open(openStore(index))).manifest.buildId).toBe('exec-2');
  });

  it('rejects an event without keep before touching storage', async () => {
    await expect(gc({ index: `s3://${s3.bucket}/indexes/none` })).rejects.toThrow(/invalid gc event: keep/);
  });
});
