/**
 * IndexReader.open with `unreadableShards: 'mark'`: a shard whose head cannot be read opens
 * unavailable instead of failing the open (a server's choice; the CLI keeps 'fail'), its reads
 * reject with the head's fault, and retryUnavailableShards reads only the missing heads again,
 * keeping the shards already open. Without a readable head at all the open still fails.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAD_BUNDLE_KEY, IndexCorruptError, IndexReader, type Manifest } from '../../lib/index/index.js';
import { Searcher } from '../../lib/search/index.js';
import type { ObjectStore, RequestOptions } from '../../lib/storage/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

const SHARD_DOCS = 6;

/** An index whose heads are read from its shards: without the head bundle's copy of them. */
async function builtIndex(dir: string): Promise<Manifest> {
  const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(dir), { shardDocs: SHARD_DOCS });
  await rm(join(dir, HEAD_BUNDLE_KEY));
  return manifest;
}

/** Flips one byte of a shard's head, returning how to put it back. */
async function damageHead(path: string): Promise<() => Promise<void>> {
  const original = await readFile(path);
  const damaged = Buffer.from(original);
  damaged[100] = damaged[100]! ^ 0xff;
  await writeFile(path, damaged);
  return () => writeFile(path, original);
}

const uncached = (dir: string) => openStore(dir, { memoryCacheBytes: 0 });

describe('shards whose heads cannot be read', () => {
  it('open unavailable when asked, reject their reads with the fault, and join once a retry reads them', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      expect(manifest.shards.length).toBeGreaterThan(2);
      const repair = await damageHead(join(dir, manifest.shards[1]!.key));
      // Act
      const strict = await IndexReader.open(uncached(dir)).catch((error: unknown) => error);
      const reader = await IndexReader.open(uncached(dir), { unreadableShards: 'mark' });
      const stillDamaged = await reader.retryUnavailableShards();
      await repair();
      const whole = await reader.retryUnavailableShards();
      // Assess
      expect(strict).toBeInstanceOf(IndexCorruptError);
      expect(reader.unavailableShards.map((s) => [s.index, s.key])).toEqual([[1, manifest.shards[1]!.key]]);
      expect(reader.unavailableShards[0]!.fault).toBeInstanceOf(IndexCorruptError);
      const shard = reader.shards[1]!;
      await expect(shard.postings(['telephone'])).rejects.toBeInstanceOf(IndexCorruptError);
      await expect(shard.documents([0])).rejects.toBeInstanceOf(IndexCorruptError);
      expect(() => shard.head).toThrow(IndexCorruptError);
      expect(shard.docCount).toBe(manifest.shards[1]!.docCount);
      expect(stillDamaged.unavailableShards.map((s) => s.index)).toEqual([1]);
      expect(whole.unavailableShards).toEqual([]);
      expect(whole.shards[0]).toBe(reader.shards[0]);
      expect(whole.shards[1]).not.toBe(reader.shards[1]);
      expect(whole.shards[1]!.head.docCount).toBe(manifest.shards[1]!.docCount);
      expect(await whole.retryUnavailableShards()).toBe(whole);
    });
  });

  it('still fail the open when no head at all can be read', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      for (const shard of manifest.shards) await damageHead(join(dir, shard.key));
      // Act
      const open = IndexReader.open(uncached(dir), { unreadableShards: 'mark' });
      // Assess
      await expect(open).rejects.toThrow(/shard-00000\.xsh is corrupt/);
    });
  });
});

/** A store that holds back every documents-part GET of `manifest`'s shards until released. */
function holdingDocumentsParts(inner: ObjectStore, manifest: Manifest) {
  const held: Array<() => void> = [];
  const asked: string[] = [];
  const store: ObjectStore = Object.assign(Object.create(inner) as ObjectStore, {
    async getRange(key: string, start: number, end: number, options?: RequestOptions) {
      const entry = manifest.shards.find((s) => s.key === key);
      const part = !entry
        ? 'other'
        : start === entry.dictionaryBytes
          ? 'documents'
          : start === 0
            ? 'dictionary'
            : 'postings';
      asked.push(part);
      if (part === 'documents') await new Promise<void>((resolve) => held.push(resolve));
      return inner.getRange(key, start, end, options);
    },
  });
  return { store, held, asked };
}

describe('a shard head read in two parts', () => {
  it('opens on the dictionaries and reads postings while a documents part is still on its way', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a store that holds back every documents-part GET until released
      const manifest = await builtIndex(dir);
      const { store, held, asked } = holdingDocumentsParts(uncached(dir), manifest);
      const expected = await new Searcher(await IndexReader.open(uncached(dir))).search('telephone river', {
        queryLang: 'en',
      });
      // Act
      const reader = await IndexReader.open(store, { unreadableShards: 'mark' });
      const searching = new Searcher(reader).search('telephone river', { queryLang: 'en' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const askedBeforeRelease = [...asked];
      const headBeforeRelease = (() => {
        try {
          return reader.shards[0]!.head;
        } catch (error) {
          return error as Error;
        }
      })();
      for (const release of held) release();
      const result = await searching;
      // Assess
      expect(askedBeforeRelease.filter((p) => p === 'documents')).toHaveLength(manifest.shards.length);
      expect(askedBeforeRelease).toContain('postings');
      expect(headBeforeRelease).toBeInstanceOf(Error);
      expect((headBeforeRelease as Error).message).toMatch(
        /still being read: await IndexReader.ready\(\) first/,
      );
      expect(result.hits).toEqual(expected.hits);
      expect(result.hits.length).toBeGreaterThan(0);
    });
  });

  it('scores a search limited to some languages of a pooled index with their statistics, once the documents parts are in', async () => {
    await withTempDir(async (dir) => {
      // Prepare: English and German documents pooled, documents-part GETs held back
      const german = [
        { id: 'g1', lang: 'de', text: 'Der Fluss fließt durch die Stadt und das Telefon klingelt.' },
        { id: 'g2', lang: 'de', text: 'Die Königin wohnt am Fluss.' },
      ];
      const { manifest } = await buildIndex(asRecords([...ENGLISH_DOCS, ...german]), openStore(dir), {
        shardDocs: SHARD_DOCS,
      });
      await rm(join(dir, HEAD_BUNDLE_KEY));
      const { store, held } = holdingDocumentsParts(uncached(dir), manifest);
      const options = { queryLang: 'en', docLangs: ['en'] };
      const expected = await new Searcher(await IndexReader.open(uncached(dir))).search(
        'river telephone',
        options,
      );
      // Act
      const reader = await IndexReader.open(store, { unreadableShards: 'mark' });
      const searching = new Searcher(reader).search('river telephone', options);
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const release of held) release();
      const result = await searching;
      // Assess
      expect(held).toHaveLength(manifest.shards.length);
      expect(result.hits.length).toBeGreaterThan(0);
      expect(result.hits).toEqual(expected.hits);
      expect(result.hits.every((h) => h.lang === 'en')).toBe(true);
    });
  });

  it('marks a shard whose documents part fails its checksum after the open, and a retry joins it once repaired', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one byte flipped in shard 1's documents part (its docLengths)
      const manifest = await builtIndex(dir);
      const entry = manifest.shards[1]!;
      const path = join(dir, entry.key);
      const original = await readFile(path);
      const damaged = Buffer.from(original);
      damaged[entry.dictionaryBytes] = damaged[entry.dictionaryBytes]! ^ 0xff;
      await writeFile(path, damaged);
      // Act
      const strict = await IndexReader.open(uncached(dir)).catch((error: unknown) => error);
      const reader = await IndexReader.open(uncached(dir), { unreadableShards: 'mark' });
      await reader.ready();
      const postings = await reader.shards[1]!.postings(['telephone']).catch((error: unknown) => error);
      await writeFile(path, original);
      const whole = await reader.retryUnavailableShards();
      // Assess
      expect(strict).toBeInstanceOf(IndexCorruptError);
      expect((strict as Error).message).toMatch(/head checksum mismatch/);
      expect(reader.unavailableShards.map((s) => s.index)).toEqual([1]);
      expect(postings).toBeInstanceOf(IndexCorruptError);
      expect(whole.unavailableShards).toEqual([]);
      expect(whole.shards[1]!.head.docCount).toBe(entry.docCount);
    });
  });
});
