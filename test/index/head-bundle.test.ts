/**
 * The head bundle (heads.xhb, lib/index/format/head-bundle.ts): publish writes the current
 * build's shard heads into one object beside manifest.json, and a cold open reads it with the
 * manifest instead of reading each shard's head, but only while it names the build manifest.json
 * names. Anything else (missing, damaged, another build's) is ignored in favour of the shards'
 * own heads, with the same answers.
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHeadBundle, parseHeadBundle } from '../../lib/index/format/head-bundle.js';
import { HEAD_BUNDLE_KEY, IndexReader, type Manifest } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { withLatency } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

const QUERY = 'telephone river light queen';

async function builtIndex(dir: string, docs = ENGLISH_DOCS, headBundleMaxBytes?: number): Promise<Manifest> {
  const { manifest } = await buildIndex(asRecords(docs), openStore(dir), {
    shardDocs: 6,
    ...(headBundleMaxBytes === undefined ? {} : { headBundleMaxBytes }),
  });
  return manifest;
}

/** Opens (heads whole), counts the GETs that took, and searches with stored text. */
async function coldSearch(dir: string) {
  const store = withLatency(openStore(dir, { memoryCacheBytes: 0 }), 0);
  const reader = await IndexReader.open(store, { unreadableShards: 'mark' });
  await reader.ready();
  const openGets = store.requestCount;
  const result = await new Searcher(reader).search(QUERY, { queryLang: 'en', topK: 20, includeText: true });
  return { hits: result.hits, openGets, unavailable: reader.unavailableShards.length };
}

describe('head bundle', () => {
  it('is written by publish with every shard head, byte for byte, and read back framed the same', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      // Act
      const bundle = parseHeadBundle(
        new Uint8Array(await readFile(join(dir, HEAD_BUNDLE_KEY))),
        HEAD_BUNDLE_KEY,
      );
      // Assess
      expect(bundle.buildId).toBe(manifest.buildId);
      expect(bundle.heads).toHaveLength(manifest.shards.length);
      for (const [i, entry] of manifest.shards.entries()) {
        const shard = await readFile(join(dir, entry.key));
        expect(Buffer.from(bundle.heads[i]!).equals(shard.subarray(0, entry.headBytes))).toBe(true);
      }
      const again = encodeHeadBundle(bundle.buildId, bundle.heads);
      expect(Buffer.from(again).equals(await readFile(join(dir, HEAD_BUNDLE_KEY)))).toBe(true);
    });
  });

  it("opens the current build in two GETs (manifest, bundle) whatever the shard count, with the answers of the shards' own heads", async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      expect(manifest.shards.length).toBeGreaterThan(2);
      // Act
      const bundled = await coldSearch(dir);
      await rm(join(dir, HEAD_BUNDLE_KEY));
      const unbundled = await coldSearch(dir);
      // Assess
      expect(bundled.openGets).toBe(2);
      expect(unbundled.openGets).toBe(2 + 2 * manifest.shards.length);
      expect(bundled.hits.length).toBeGreaterThan(3);
      expect(bundled.hits).toEqual(unbundled.hits);
    });
  });

  it('is ignored when it names another build (a publish stopped between manifest.json and the bundle)', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the first build's bundle put back after a second, different build
      await builtIndex(dir);
      await copyFile(join(dir, HEAD_BUNDLE_KEY), join(dir, 'old.xhb'));
      const manifest = await builtIndex(dir, ENGLISH_DOCS.slice(0, -3));
      await copyFile(join(dir, 'old.xhb'), join(dir, HEAD_BUNDLE_KEY));
      // Act
      const stale = await coldSearch(dir);
      await rm(join(dir, HEAD_BUNDLE_KEY));
      const without = await coldSearch(dir);
      // Assess
      expect(stale.openGets).toBe(2 + 2 * manifest.shards.length);
      expect(stale.hits).toEqual(without.hits);
      expect(stale.unavailable).toBe(0);
    });
  });

  it('reads a shard whose bundled head is damaged from the shard itself, and still checks what it uses', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one byte flipped in shard 1's bundled dictionary, one in shard 2's bundled documents part
      const manifest = await builtIndex(dir);
      const path = join(dir, HEAD_BUNDLE_KEY);
      const original = await readFile(path);
      const bundle = parseHeadBundle(new Uint8Array(original), HEAD_BUNDLE_KEY);
      const damaged = Buffer.from(original);
      const flip = (shard: number, offset: number) => {
        const at = bundle.heads[shard]!.byteOffset + offset;
        damaged[at] = damaged[at]! ^ 0xff;
      };
      flip(1, 100);
      flip(2, manifest.shards[2]!.dictionaryBytes);
      await writeFile(path, damaged);
      // Act
      const repaired = await coldSearch(dir);
      await writeFile(path, original);
      const whole = await coldSearch(dir);
      // Assess: shard 1's whole head and shard 2's documents part came from the shards
      expect(repaired.openGets).toBe(2 + 2 + 1);
      expect(repaired.unavailable).toBe(0);
      expect(repaired.hits).toEqual(whole.hits);
    });
  });

  it('holds no heads for heads larger in all than the cap, so a larger build never serves the bundle before', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a bundled build, then one whose heads exceed a cap of 1 KiB
      await builtIndex(dir);
      const manifest = await builtIndex(dir, ENGLISH_DOCS, 1024);
      // Act
      const bundle = parseHeadBundle(
        new Uint8Array(await readFile(join(dir, HEAD_BUNDLE_KEY))),
        HEAD_BUNDLE_KEY,
      );
      const opened = await coldSearch(dir);
      // Assess
      expect(manifest.shards.reduce((sum, s) => sum + s.headBytes, 0)).toBeGreaterThan(1024);
      expect(bundle.buildId).toBe(manifest.buildId);
      expect(bundle.heads).toEqual([]);
      expect(opened.openGets).toBe(2 + 2 * manifest.shards.length);
      expect(opened.hits.length).toBeGreaterThan(3);
    });
  });
});
