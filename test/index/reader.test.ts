import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HEAD_BUNDLE_KEY,
  IndexCorruptError,
  IndexNotFoundError,
  IndexReader,
  type Manifest,
} from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { withLatency } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

async function builtIndex(dir: string, shardDocs = 6): Promise<Manifest> {
  const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(dir), { shardDocs });
  return manifest;
}

async function flipByte(path: string, offset: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = bytes[offset]! ^ 0xff;
  await writeFile(path, bytes);
}

const search = async (dir: string, query: string, includeText = false) =>
  new Searcher(await IndexReader.open(openStore(dir, { memoryCacheBytes: 0 }))).search(query, {
    queryLang: 'en',
    topK: 20,
    includeText,
  });

describe('index reader', () => {
  it('fails to open a shard whose head was corrupted', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      await flipByte(join(dir, manifest.shards[0]!.key), 100);
      // Heads from the shards, not from the head bundle's copy (test/index/head-bundle.test.ts)
      await rm(join(dir, HEAD_BUNDLE_KEY));
      // Act + Assess
      await expect(IndexReader.open(openStore(dir))).rejects.toBeInstanceOf(IndexCorruptError);
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(
        /shard-00000.xsh is corrupt: .*checksum/,
      );
    });
  });

  it('fails a query that touches corrupted postings instead of returning wrong results', async () => {
    await withTempDir(async (dir) => {
      // Prepare: flip the last byte of every shard, which lies in the postings section
      const manifest = await builtIndex(dir, 100);
      const shard = manifest.shards[0]!;
      await flipByte(join(dir, shard.key), shard.bytes - 1);
      const reader = await IndexReader.open(openStore(dir, { memoryCacheBytes: 0 }));
      const lastTerm = reader.shards[0]!.head.termAt(reader.shards[0]!.head.termCount - 1);
      // Act + Assess
      await expect(new Searcher(reader).search(lastTerm, { queryLang: 'en' })).rejects.toThrow(
        /is corrupt: postings checksum mismatch/,
      );
    });
  });

  it('reports a truncated shard', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir, 100);
      const shard = manifest.shards[0]!;
      const path = join(dir, shard.key);
      await truncate(path, shard.headBytes + 10);
      // Act + Assess
      await expect(search(dir, 'telephone river queen plants')).rejects.toThrow(/is corrupt: truncated/);
      await truncate(path, 40);
      await rm(join(dir, HEAD_BUNDLE_KEY));
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(/is corrupt: truncated/);
    });
  });

  it('reports a missing shard and corrupted stored text', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir, 100);
      const shard = manifest.shards[0]!;
      const docsPath = join(dir, shard.docs[0]!.key);
      for (let offset = 20; offset < shard.docs[0]!.bytes; offset += 16) await flipByte(docsPath, offset);
      // Act + Assess
      await expect(search(dir, 'the river thames', true)).rejects.toThrow(/docs-00000.xds is corrupt/);
      await expect(search(dir, 'the river thames', false)).resolves.toBeDefined();
      await rm(join(dir, shard.key));
      // Opened from the head bundle, the query finds the shard missing; opened from the shards, the open does.
      await expect(search(dir, 'the river thames')).rejects.toThrow(/shard-00000.xsh is corrupt: missing/);
      await rm(join(dir, HEAD_BUNDLE_KEY));
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(/missing/);
    });
  });

  it('explains when there is no index or the manifest is not one', async () => {
    await withTempDir(async (dir) => {
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(/no index at .*xlir index build/);
      await writeFile(join(dir, 'manifest.json'), '{"hello": 1}');
      await expect(IndexReader.open(openStore(dir))).rejects.toBeInstanceOf(IndexNotFoundError);
      await writeFile(join(dir, 'manifest.json'), 'garbage');
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(/not valid JSON/);
    });
  });

  it('opens with two GETs (manifest, head bundle), queries with at most one ranged GET per term per shard, and fetches text with one GET per shard', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir, 5);
      const counted = withLatency(openStore(dir, { memoryCacheBytes: 0 }), 0);
      // Act
      const reader = await IndexReader.open(counted);
      const afterOpen = counted.requestCount;
      const searcher = new Searcher(reader);
      const query = 'telephone river light queen';
      const result = await searcher.search(query, { queryLang: 'en', topK: 10 });
      const afterQuery = counted.requestCount;
      await searcher.search(query, { queryLang: 'en', topK: 10, includeText: true });
      const afterText = counted.requestCount;
      // Assess
      expect(afterOpen).toBe(2);
      expect(result.hits.length).toBeGreaterThan(3);
      expect(afterQuery - afterOpen).toBeGreaterThan(0);
      expect(afterQuery - afterOpen).toBeLessThanOrEqual(manifest.shards.length * result.query.terms.length);
      // Postings are cached decoded, so the second query only reads stored text.
      expect(afterText - afterQuery).toBeLessThanOrEqual(manifest.shards.length);
      expect(afterText - afterQuery).toBeGreaterThan(0);
    });
  });

  it('reads stored records that lie together with one GET, and far-apart ones without the bytes between', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one shard holding every document
      await builtIndex(dir, 1000);
      const counted = withLatency(openStore(dir, { memoryCacheBytes: 0 }), 0);
      const last = ENGLISH_DOCS.length - 1;
      const readWith = async (coalesceGapBytes: number | undefined) => {
        const shard = (await IndexReader.open(counted, { coalesceGapBytes })).shards[0]!;
        counted.resetCount();
        const docs = await shard.documents([last, 0]);
        return { docs, gets: counted.requestCount, bytes: counted.bytesRead };
      };
      const offsets = (await IndexReader.open(openStore(dir))).shards[0]!.head.docStoreOffsets;
      const recordBytes = (d: number) => offsets[d + 1]! - offsets[d]!;
      // Act
      const together = await readWith(undefined);
      const apart = await readWith(recordBytes(1));
      // Assess: same records either way, in the order asked for
      for (const { docs } of [together, apart]) {
        expect(docs.map((d) => d.text)).toEqual([ENGLISH_DOCS[last]!.text, ENGLISH_DOCS[0]!.text]);
      }
      expect(together.gets).toBe(1);
      expect(together.bytes).toBe(offsets[last + 1]! - offsets[0]!);
      expect(apart.gets).toBe(2);
      expect(apart.bytes).toBe(recordBytes(0) + recordBytes(last));
    });
  });

  it('coalesces adjacent postings into a single ranged GET', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      await builtIndex(dir, 1000);
      const counted = withLatency(openStore(dir, { memoryCacheBytes: 0 }), 0);
      const reader = await IndexReader.open(counted);
      const before = counted.requestCount;
      // Act: the whole tiny shard lies within one coalescing gap
      await new Searcher(reader).search('telephone river light queen plants coffee', { queryLang: 'en' });
      // Assess
      expect(counted.requestCount - before).toBe(1);
    });
  });
});
