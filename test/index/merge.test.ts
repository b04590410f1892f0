import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexReader, MANIFEST_KEY, type Manifest } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { manifestChecksum, type ObjectStore } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, seededRandom, withTempDir } from '../helpers/corpus.js';
import { watchedStore } from './helpers.js';

/** The doc store's header (magic, version, flags, document count): see ARCHITECTURE.md. */
const DOCSTORE_HEADER_BYTES = 16;

/** Words per language, so the corpus has several analyzers, shared and disjoint terms. */
const WORDS: Record<string, string[]> = {
  en: ['river', 'city', 'bridge', 'queen', 'light', 'energy', 'telephone', 'house', 'the', 'old', 'music'],
  de: ['Fluss', 'Stadt', 'Brücke', 'Königin', 'Licht', 'Energie', 'Telefon', 'Häuser', 'alt', 'Musik'],
  ru: ['река', 'город', 'мост', 'королева', 'свет', 'энергия', 'телефон', 'дом', 'музыка'],
};

/** Random documents in three languages: lengths 1–40 words, a title on some, a rare word on few. */
function randomCorpus(seed: number, n: number): Array<Omit<CorpusRecord, 'line'>> {
  const random = seededRandom(seed);
  const langs = Object.keys(WORDS);
  return Array.from({ length: n }, (_, i) => {
    const lang = langs[Math.floor(random() * langs.length)]!;
    const words = WORDS[lang]!;
    const length = 1 + Math.floor(random() ** 2 * 40);
    const text = Array.from({ length }, () => words[Math.floor(random() * words.length)]!);
    if (random() < 0.1) text.push(`rare${i}`);
    return {
      id: `d${i}`,
      lang,
      text: text.join(' '),
      ...(random() < 0.3 ? { title: `title ${words[i % words.length]}` } : {}),
    };
  });
}

/**
 * What a manifest's shards hold, by role: each shard object's bytes, and its stored records (the
 * doc-store parts' bytes after their headers, in order) — a merged shard's parts are its
 * segments' doc stores, a whole one's a single doc store.
 */
async function objectsOf(store: ObjectStore, manifest: Manifest): Promise<Map<string, Uint8Array>> {
  const objects = new Map<string, Uint8Array>();
  for (const [i, s] of manifest.shards.entries()) {
    objects.set(`shard ${i}`, await store.get(s.key));
    const parts = await Promise.all(
      s.docs.map(async (p) => (await store.get(p.key)).subarray(DOCSTORE_HEADER_BYTES)),
    );
    objects.set(`records ${i}`, Buffer.concat(parts));
  }
  return objects;
}

describe('shards merged from segments', () => {
  it.each([
    { seed: 1, docs: 61, shardDocs: 20, segmentDocs: 6, parts: 4 },
    { seed: 2, docs: 40, shardDocs: 10, segmentDocs: 5, parts: 2 },
    { seed: 3, docs: 33, shardDocs: 33, segmentDocs: 1, parts: 33 },
  ])(
    'are byte for byte the shards one writer builds ($docs docs, shards of $shardDocs, segments of $segmentDocs)',
    async ({ seed, docs, shardDocs, segmentDocs, parts }) => {
      await withTempDir(async (dir) => {
        // Prepare
        const corpus = randomCorpus(seed, docs);
        const whole = openStore(join(dir, 'whole'));
        const merged = watchedStore(openStore(join(dir, 'merged')));
        // Act
        const a = await buildIndex(asRecords(corpus), whole, { shardDocs });
        const b = await buildIndex(asRecords(corpus), merged, { shardDocs, segmentDocs });
        // Assess
        expect(merged.puts.some((k) => k.includes('/segments/'))).toBe(true);
        expect(b.manifest.shards.map((s) => s.docCount)).toEqual(a.manifest.shards.map((s) => s.docCount));
        expect(b.manifest.totalTerms).toBe(a.manifest.totalTerms);
        expect(b.manifest.langDocCounts).toEqual(a.manifest.langDocCounts);
        expect(await objectsOf(merged, b.manifest)).toEqual(await objectsOf(whole, a.manifest));
        // A merged shard keeps its segments' doc stores as its parts
        expect(b.manifest.shards[0]!.docs).toHaveLength(parts);
      });
    },
  );

  it('cuts a shard into equal segments so shard boundaries stay at multiples of shardDocs', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = watchedStore(openStore(dir));
      // Act: shards of 7 in segments of at most 3 are cut 3 + 3 + 1
      const { manifest } = await buildIndex(asRecords(randomCorpus(4, 16)), store, {
        shardDocs: 7,
        segmentDocs: 3,
      });
      // Assess
      expect(manifest.shards.map((s) => s.docCount)).toEqual([7, 7, 2]);
      const segmentPuts = store.puts.filter((k) => k.includes('/segments/') && k.endsWith('.xsh'));
      expect(segmentPuts.map((k) => k.split('/').at(-1))).toEqual([
        'shard-00000-000.xsh',
        'shard-00000-001.xsh',
        'shard-00000-002.xsh',
        'shard-00001-000.xsh',
        'shard-00001-001.xsh',
        'shard-00001-002.xsh',
      ]);
      // The last shard's two documents fit one segment: written whole, not merged
      expect(store.puts.some((k) => k.endsWith('/shard-00002.xsh'))).toBe(true);
      const reader = await IndexReader.open(store);
      expect(reader.shards.map((s) => s.head.docId(0))).toEqual(['d0', 'd7', 'd14']);
      // Merged segments leave neither objects nor (on a file store) their folder
      expect(await store.list(`builds/${manifest.buildId}/segments/`)).toEqual([]);
      expect(existsSync(join(dir, 'builds', manifest.buildId, 'segments'))).toBe(false);
    });
  });

  it('writes a shard whose documents fit one segment directly, and leaves no segment behind', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = watchedStore(openStore(dir));
      // Act: the last shard (2 documents) is one batch; the input ends exactly at a segment
      const { manifest } = await buildIndex(asRecords(randomCorpus(5, 12)), store, {
        shardDocs: 10,
        segmentDocs: 5,
      });
      // Assess
      expect(manifest.shards.map((s) => s.docCount)).toEqual([10, 2]);
      expect(store.puts.filter((k) => k.includes('/segments/shard-00001'))).toEqual([]);
      expect(await store.list(`builds/${manifest.buildId}/segments/`)).toEqual([]);
    });
  });

  it('answers searches with text exactly as an index built whole, on worker threads too', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const corpus = randomCorpus(6, 50);
      const whole = openStore(join(dir, 'whole'));
      const merged = openStore(join(dir, 'merged'));
      await buildIndex(asRecords(corpus), whole, { shardDocs: 25 });
      // Act
      await buildIndex(asRecords(corpus), merged, { shardDocs: 25, segmentDocs: 4, workers: 2 });
      // Assess
      const sa = new Searcher(await IndexReader.open(whole));
      const sb = new Searcher(await IndexReader.open(merged));
      for (const [q, queryLang] of [
        ['old river bridge', 'en'],
        ['Stadt Musik', 'de'],
        ['город мост', 'ru'],
        ['rare7 rare30', 'en'],
      ] as const) {
        const options = { queryLang, topK: 50, includeText: true };
        expect((await sb.search(q, options)).hits, q).toEqual((await sa.search(q, options)).hits);
      }
    });
  });

  it('refuses a record whose offsets lie outside the doc-store parts the manifest lists', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a merged shard whose manifest (re-sealed) lost its last part
      const store = openStore(dir);
      const { manifest } = await buildIndex(asRecords(randomCorpus(9, 12)), store, {
        shardDocs: 12,
        segmentDocs: 4,
      });
      const { checksum: _checksum, ...body } = manifest;
      const shortened = { ...body, shards: [{ ...body.shards[0]!, docs: body.shards[0]!.docs.slice(0, 2) }] };
      const sealed = { ...shortened, checksum: await manifestChecksum(shortened) };
      await store.put(MANIFEST_KEY, JSON.stringify(sealed, null, 2));
      const shard = (await IndexReader.open(store)).shards[0]!;
      // Act + Assess: the first eight documents read; the last four's records are nowhere
      await expect(shard.documents([0, 7])).resolves.toHaveLength(2);
      await expect(shard.documents([8])).rejects.toThrow(
        /record offsets of document 8 lie outside its doc store/,
      );
    });
  });

  // On one thread, where a wrapped store sees every read and write (workers reopen the store by
  // its URI); the pool path goes through the same gate in the builder's job runner.
  it('runs each merge alone, with no segment built meanwhile', async () => {
    await withTempDir(async (dir) => {
      // Prepare: every read and write in order
      const store = watchedStore(openStore(dir));
      const events = store.events;
      // Act
      await buildIndex(asRecords(randomCorpus(8, 60)), store, { shardDocs: 12, segmentDocs: 4 });
      // Assess: from a merge's first read to its shard's write, no segment is written
      const merges = events.flatMap((e, i) => (e.startsWith('get ') && e.includes('/segments/') ? [i] : []));
      expect(merges.length).toBeGreaterThan(0);
      for (const first of merges) {
        const written = events.findIndex((e, i) => i > first && /^put .*\/shard-\d{5}\.xsh$/.test(e));
        expect(written).toBeGreaterThan(first);
        expect(
          events.slice(first, written).filter((e) => e.startsWith('put ') && e.includes('/segments/')),
        ).toEqual([]);
      }
    });
  });

  it('fails the build without publishing when a segment reads back corrupt', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the second segment's last byte (its last postings list) flipped on the way back
      const store = watchedStore(openStore(dir), (key) => key.includes('segments/shard-00000-001'));
      // Act
      const build = buildIndex(asRecords(randomCorpus(7, 20)), store, { shardDocs: 20, segmentDocs: 5 });
      // Assess
      await expect(build).rejects.toThrow(IndexCorruptError);
      expect(store.puts).not.toContain(MANIFEST_KEY);
    });
  });
});
