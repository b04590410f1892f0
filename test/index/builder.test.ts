import { writeFile, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAD_BUNDLE_KEY, IndexInputError, IndexReader, MANIFEST_KEY } from '../../lib/index/index.js';
import { buildIndex, openCorpusFile, type CorpusRecord } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { watchedStore } from './helpers.js';

async function buildFromFile(dir: string, content: Uint8Array | string, options = {}) {
  const path = join(dir, 'corpus.jsonl');
  await writeFile(path, content);
  const corpus = await openCorpusFile(path);
  return buildIndex(corpus.records, openStore(join(dir, 'index')), options);
}

describe('index build', () => {
  it('partitions documents into shards of --shard-docs with global statistics in the manifest', async () => {
    await withTempDir(async (dir) => {
      // Act
      const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(dir), { shardDocs: 5 });
      // Assess
      expect(manifest.docCount).toBe(ENGLISH_DOCS.length);
      expect(manifest.shards.map((s) => s.docCount)).toEqual([5, 5, 5, 3]);
      expect(manifest.bm25).toEqual({ k1: 0.9, b: 0.4 });
      expect(manifest.langDocCounts).toEqual({ en: 15, de: 2, es: 1 });
      expect(manifest.totalTerms).toBeGreaterThan(ENGLISH_DOCS.length * 3);
    });
  });

  it('publishes shards first, then the manifest, then the head bundle', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = watchedStore(openStore(dir));
      const { puts } = store;
      // Act
      await buildIndex(asRecords(ENGLISH_DOCS), store, { shardDocs: 4 });
      // Assess
      expect(puts.at(-1)).toBe(HEAD_BUNDLE_KEY);
      expect(puts.at(-2)).toBe(MANIFEST_KEY);
      expect(puts.filter((k) => k.endsWith('.xsh'))).toHaveLength(5);
      expect(puts.slice(0, -3).every((k) => k.endsWith('.xsh') || k.endsWith('.xds'))).toBe(true);
    });
  });

  it('keeps a reader on its pinned version while a new build is published', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS.slice(0, 10)), store);
      const pinned = new Searcher(await IndexReader.open(store));
      // Act: a second build replaces the index under the same URI
      await buildIndex(asRecords(ENGLISH_DOCS), store);
      const old = await pinned.search('river', { queryLang: 'en', topK: 50, includeText: true });
      const fresh = await new Searcher(await IndexReader.open(store)).search('river', {
        queryLang: 'en',
        topK: 50,
      });
      // Assess
      expect(pinned.reader.manifest.docCount).toBe(10);
      expect(old.hits.map((h) => h.docId)).toEqual(['d06']);
      expect(old.hits[0]?.text).toContain('Nile');
      expect(fresh.hits.map((h) => h.docId).sort()).toEqual(['d06', 'd14']);
    });
  });

  it('never exposes a build that crashed before its manifest was written', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS.slice(0, 3)), store);
      async function* crashing(): AsyncGenerator<CorpusRecord> {
        yield* asRecords(ENGLISH_DOCS);
        throw new Error('disk on fire');
      }
      // Act
      await expect(buildIndex(crashing(), store, { shardDocs: 2 })).rejects.toThrow('disk on fire');
      const reader = await IndexReader.open(store);
      // Assess
      expect(reader.manifest.docCount).toBe(3);
    });
  });

  it('builds a valid empty index from an empty corpus', async () => {
    await withTempDir(async (dir) => {
      // Act
      const { manifest } = await buildFromFile(dir, '\n\n');
      const searcher = new Searcher(await IndexReader.open(openStore(join(dir, 'index'))));
      const result = await searcher.search('anything at all', { queryLang: 'en' });
      // Assess
      expect(manifest.docCount).toBe(0);
      expect(manifest.shards).toEqual([]);
      expect(result.hits).toEqual([]);
    });
  });

  it('reads gzip-compressed JSONL and the docid/contents field names', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const lines = ENGLISH_DOCS.map((d) =>
        JSON.stringify({ docid: d.id, contents: d.text, lang: d.lang }),
      ).join('\n');
      // Act
      const { manifest } = await buildFromFile(dir, gzipSync(lines));
      // Assess
      expect(manifest.docCount).toBe(ENGLISH_DOCS.length);
    });
  });

  it('rejects a duplicate id with its line number, or skips it when asked', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const lines = ['{"id":"a","text":"one"}', '{"id":"b","text":"two"}', '{"id":"a","text":"three"}'].join(
        '\n',
      );
      // Act + Assess
      await expect(buildFromFile(dir, lines)).rejects.toThrow(/line 3: duplicate document id "a"/);
      const report = await buildFromFile(dir, lines, { skipDuplicates: true, lang: 'en' });
      expect(report.duplicatesSkipped).toBe(1);
      expect(report.manifest.docCount).toBe(2);
    });
  });

  it('rejects invalid UTF-8 with its line number instead of indexing replacement characters', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const good = Buffer.from('{"id":"a","text":"fine","lang":"en"}\n');
      const bad = Buffer.concat([
        Buffer.from('{"id":"b","text":"bad '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}\n'),
      ]);
      // Act + Assess
      await expect(buildFromFile(dir, Buffer.concat([good, bad]))).rejects.toThrow(/line 2: invalid UTF-8/);
      await expect(readFile(join(dir, 'index', MANIFEST_KEY))).rejects.toThrow();
    });
  });

  it.each([
    ['{"id":"a"}', /line 1: missing "text"/],
    ['{"text":"x"}', /line 1: missing "id"/],
    ['[1,2]', /line 1: expected a JSON object/],
    ['{"id":"a","text":"x"', /line 1: not valid JSON/],
    ['{"id":"a","text":"x","lang":"not a tag!"}', /line 1: .*language tag/i],
    ['{"id":"a","text":"x","lang":7}', /line 1: "lang" must be a string/],
  ])('reports bad record %s clearly', async (line, message) => {
    await withTempDir(async (dir) => {
      await expect(buildFromFile(dir, line)).rejects.toThrow(message);
      await expect(buildFromFile(dir, line)).rejects.toBeInstanceOf(IndexInputError);
    });
  });

  it('indexes an unknown but valid language tag with the generic analyzer', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const line = JSON.stringify({ id: 'x1', lang: 'qaa-Latn', text: 'Wanjiru akaenda sokoni' });
      // Act
      const { manifest } = await buildFromFile(dir, line);
      const searcher = new Searcher(await IndexReader.open(openStore(join(dir, 'index'))));
      const result = await searcher.search('sokoni', { queryLang: 'qaa' });
      // Assess
      expect(manifest.languages).toEqual(['qaa']);
      expect(result.hits.map((h) => h.docId)).toEqual(['x1']);
    });
  });

  it('uses --lang for untagged records and rejects invalid build parameters', async () => {
    await withTempDir(async (dir) => {
      const line = JSON.stringify({ id: 'x1', text: 'Häuser und Bäume' });
      const { manifest } = await buildFromFile(dir, line, { lang: 'de-AT' });
      expect(manifest.languages).toEqual(['de']);
      await expect(buildFromFile(dir, line, { b: 2 })).rejects.toThrow(/--b must be in \[0, 1\]/);
      await expect(buildFromFile(dir, line, { shardDocs: 0 })).rejects.toThrow(/--shard-docs/);
    });
  });
});
