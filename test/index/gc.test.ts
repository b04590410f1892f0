import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexInputError, IndexNotFoundError, IndexReader } from '../../lib/index/index.js';
import {
  buildIndex,
  buildPartShard,
  buildShard,
  collectGarbage,
  GC_MARK_FILE,
  publishParts,
  type GcReport,
} from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { type ObjectStore } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1, 12);
const at = (ms: number) => () => new Date(ms);

/** Builds the fixture corpus into `store` at time `ms`; returns the build id. */
async function buildAt(store: ObjectStore, ms: number): Promise<string> {
  const report = await buildIndex(asRecords(ENGLISH_DOCS), store, { shardDocs: 5, now: at(ms) });
  return report.manifest.buildId;
}

function keysOf(keys: readonly string[], buildId: string): string[] {
  return keys.filter((k) => k.startsWith(`builds/${buildId}/`));
}

async function totalBytes(store: ObjectStore, keys: readonly string[]): Promise<number> {
  const sizes = await Promise.all(keys.map(async (k) => (await store.get(k)).length));
  return sizes.reduce((a, b) => a + b, 0);
}

function action(report: GcReport, buildId: string): string | undefined {
  return report.builds.find((b) => b.buildId === buildId)?.action;
}

/** The same behaviour over every backend: a store factory per backend. */
function gcScenarios(open: () => Promise<{ store: ObjectStore; done: () => Promise<void> }>): void {
  it('keeps the current and N most recent builds, and older ones within the grace period; removes the rest', async () => {
    const { store, done } = await open();
    try {
      // Prepare: three builds an hour apart; a reader pinned to the oldest.
      const [b1, b2, b3] = [
        await buildAt(store, T0),
        await buildAt(store, T0 + HOUR),
        await buildAt(store, T0 + 2 * HOUR),
      ];
      const pinned = new Searcher(await IndexReader.open(store, { buildId: b1 }));
      const before = await store.list('builds/');
      const b1Bytes = await totalBytes(store, keysOf(before, b1));
      // Act: an hour after the last publish, then a day after it.
      const early = await collectGarbage(store, { keep: 2, now: at(T0 + 3 * HOUR) });
      const pinnedStillSearches = await pinned.search('telephone', { queryLang: 'en', includeText: true });
      const late = await collectGarbage(store, { keep: 2, now: at(T0 + 2 * HOUR + 25 * HOUR) });
      const after = await store.list('builds/');
      // Assess
      expect(early.currentBuildId).toBe(b3);
      expect(early.builds.map((b) => [b.buildId, b.action])).toEqual([
        [b3, 'kept'],
        [b2, 'kept'],
        [b1, 'kept'],
      ]);
      expect(early.builds[2]!.reason).toMatch(/unreferenced 1\.0 h, within the 24 h grace period/);
      expect(early.builds[2]!.unreferencedSince).toBe(new Date(T0 + 2 * HOUR).toISOString());
      expect(early.removedObjects).toBe(0);
      expect(pinnedStillSearches.hits.length).toBeGreaterThan(0);

      expect(action(late, b1)).toBe('removed');
      expect(action(late, b2)).toBe('kept');
      expect(late.bytesFreed).toBe(b1Bytes);
      expect(late.unsizedObjectsRemoved).toBe(0);
      expect(late.removedObjects).toBe(keysOf(before, b1).length);
      expect(keysOf(after, b1)).toEqual([]);
      expect(keysOf(after, b2)).toEqual(keysOf(before, b2));
      expect(keysOf(after, b3)).toEqual(keysOf(before, b3));
      const current = new Searcher(await IndexReader.open(store));
      expect((await current.search('telephone', { queryLang: 'en' })).hits.length).toBeGreaterThan(0);
      await expect(IndexReader.open(store, { buildId: b1 })).rejects.toThrow(IndexNotFoundError);
    } finally {
      await done();
    }
  });

  it('notes a build that was never published on first sight and removes it a grace period later', async () => {
    const { store, done } = await open();
    try {
      // Prepare: a published index; a build whose part was written but never published; a shard
      // whose worker died before writing its statistics.
      const current = await buildAt(store, T0);
      await buildPartShard(asRecords(ENGLISH_DOCS.slice(0, 4)), store, {
        buildId: 'abandoned',
        shardIndex: 0,
      });
      await buildShard({ buildId: 'crashed', shardIndex: 0, records: [] }, store);
      const abandonedKeys = keysOf(await store.list('builds/'), 'abandoned');
      const abandonedBytes = await totalBytes(store, abandonedKeys);
      // Act
      const dry = await collectGarbage(store, { keep: 1, dryRun: true, now: at(T0 + 100 * HOUR) });
      const listedAfterDry = await store.list('builds/');
      const first = await collectGarbage(store, { keep: 1, now: at(T0 + 100 * HOUR) });
      const within = await collectGarbage(store, { keep: 1, now: at(T0 + 123 * HOUR) });
      const past = await collectGarbage(store, { keep: 1, now: at(T0 + 125 * HOUR) });
      const left = await store.list('builds/');
      // Assess: nothing is dated on a dry run, so it removes nothing either.
      expect(dry.builds.filter((b) => b.action === 'removed')).toEqual([]);
      expect(listedAfterDry.some((k) => k.endsWith(GC_MARK_FILE))).toBe(false);
      expect(first.builds.find((b) => b.buildId === 'abandoned')!.reason).toMatch(
        /never published; first seen unreferenced now, removable after 24 h/,
      );
      expect(action(within, 'abandoned')).toBe('kept');
      expect(action(past, 'abandoned')).toBe('removed');
      expect(action(past, 'crashed')).toBe('removed');
      expect(action(past, current)).toBe('kept');
      const abandoned = past.builds.find((b) => b.buildId === 'abandoned')!;
      // Its note is removed with it and counted; the shard and doc store are sized by its stats.
      expect(abandoned.objects).toBe(abandonedKeys.length + 1);
      expect(abandoned.unsizedObjects).toBe(0);
      expect(abandoned.bytes).toBeGreaterThan(abandonedBytes);
      // The dead worker's shard and doc store have no statistics to size them.
      expect(past.builds.find((b) => b.buildId === 'crashed')!.unsizedObjects).toBe(2);
      expect(left.every((k) => k.startsWith(`builds/${current}/`))).toBe(true);
    } finally {
      await done();
    }
  });
}

describe('index gc over file://', () => {
  gcScenarios(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlir-gc-'));
    return { store: openStore(dir), done: () => rm(dir, { recursive: true, force: true }) };
  });

  it('removes the folders of a build that stopped while its shard was still in segments', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a published index; a build whose first segment was written, never merged
      const store = openStore(dir);
      await buildAt(store, T0);
      const records = ENGLISH_DOCS.slice(0, 3).map(({ id, text }) => ({ id, text, lang: 'en' }));
      await buildShard({ buildId: 'merging', shardIndex: 0, segment: 0, records }, store);
      const segmentFolder = join(dir, 'builds', 'merging', 'segments');
      const written = existsSync(segmentFolder);
      // Act: first seen, then past the grace period
      await collectGarbage(store, { keep: 1, now: at(T0 + HOUR) });
      const past = await collectGarbage(store, { keep: 1, now: at(T0 + 26 * HOUR) });
      // Assess
      expect(written).toBe(true);
      expect(action(past, 'merging')).toBe('removed');
      expect(existsSync(join(dir, 'builds', 'merging'))).toBe(false);
    });
  });

  it('refuses to run while manifest.json cannot be read, deleting nothing', async () => {
    await withTempDir(async (dir) => {
      const store = openStore(dir);
      await buildPartShard(asRecords(ENGLISH_DOCS), store, { buildId: 'orphan', shardIndex: 0 });
      const before = await store.list('');
      await expect(collectGarbage(store, { keep: 0, graceHours: 0 })).rejects.toThrow(IndexNotFoundError);
      expect(await store.list('')).toEqual(before);
    });
  });

  it('drops its note from a build that is in service again, and checks its options', async () => {
    await withTempDir(async (dir) => {
      const store = openStore(dir);
      await buildAt(store, T0);
      await buildPartShard(asRecords(ENGLISH_DOCS), store, { buildId: 'late', shardIndex: 0 });
      await collectGarbage(store, { keep: 1, now: at(T0 + HOUR) });
      expect(await store.list(`builds/late/${GC_MARK_FILE}`)).toHaveLength(1);
      await publishParts(store, { buildId: 'late', now: at(T0 + 2 * HOUR) });
      const report = await collectGarbage(store, { keep: 1, now: at(T0 + 3 * HOUR) });
      expect(report.currentBuildId).toBe('late');
      expect(await store.list(`builds/late/${GC_MARK_FILE}`)).toEqual([]);
      await expect(collectGarbage(store, { keep: -1 })).rejects.toThrow(IndexInputError);
      await expect(collectGarbage(store, { keep: 1, graceHours: Number.NaN })).rejects.toThrow(
        IndexInputError,
      );
    });
  });
});

describe('index gc over s3://', () => {
  let s3: S3rverHandle;
  let prefixes = 0;
  beforeAll(async () => {
    s3 = await startS3rver('xlir-gc');
  });
  afterAll(async () => {
    await s3.stop();
  });
  gcScenarios(async () => ({
    store: openStore(`s3://${s3.bucket}/indexes/gc-${++prefixes}`, { memoryCacheBytes: 0 }),
    done: async () => {},
  }));
});
