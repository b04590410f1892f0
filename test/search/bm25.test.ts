import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { referenceScores } from './reference-bm25.js';

const QUERIES = [
  'who invented the telephone',
  'telephone telephone exchange',
  'light energy plants photosynthesis',
  'river flowing through the city',
  'queen bee colony',
  'Alexander Fleming penicillin 1928',
];

function analysed(doc: (typeof ENGLISH_DOCS)[number]): string[] {
  return getAnalyzer(doc.lang!).analyze(doc.title ? `${doc.title}\n${doc.text}` : doc.text);
}

describe('BM25 scores', () => {
  it.each([
    { shardDocs: 1000, k1: 0.9, b: 0.4 },
    { shardDocs: 4, k1: 0.9, b: 0.4 },
    { shardDocs: 3, k1: 1.2, b: 0.75 },
  ])(
    'equal a plain reference implementation to 1e-6 (shardDocs=$shardDocs, k1=$k1, b=$b)',
    async (params) => {
      await withTempDir(async (dir) => {
        // Prepare
        const store = openStore(dir);
        await buildIndex(asRecords(ENGLISH_DOCS), store, params);
        const searcher = new Searcher(await IndexReader.open(store));
        const refDocs = ENGLISH_DOCS.map((d) => ({ id: d.id, terms: analysed(d) }));
        for (const query of QUERIES) {
          // Act
          const result = await searcher.search(query, { queryLang: 'en', topK: 100 });
          const expected = referenceScores(refDocs, getAnalyzer('en').analyze(query), params.k1, params.b);
          // Assess
          expect(result.hits.length, query).toBe(expected.size);
          for (const hit of result.hits)
            expect(hit.score, `${query} / ${hit.docId}`).toBeCloseTo(expected.get(hit.docId)!, 6);
          const scores = result.hits.map((h) => h.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
      });
    },
  );

  it('ranks identically whether the corpus is in one shard or many', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const one = openStore(`${dir}/one`);
      const many = openStore(`${dir}/many`);
      await buildIndex(asRecords(ENGLISH_DOCS), one, { shardDocs: 1000 });
      await buildIndex(asRecords(ENGLISH_DOCS), many, { shardDocs: 2 });
      const a = new Searcher(await IndexReader.open(one));
      const b = new Searcher(await IndexReader.open(many));
      for (const query of QUERIES) {
        // Act
        const [ra, rb] = await Promise.all([
          a.search(query, { queryLang: 'en' }),
          b.search(query, { queryLang: 'en' }),
        ]);
        // Assess
        expect(rb.hits).toEqual(ra.hits);
      }
      expect(b.reader.shards.length).toBe(Math.ceil(ENGLISH_DOCS.length / 2));
    });
  });

  it('puts the document that matches the query best first', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS), store);
      const searcher = new Searcher(await IndexReader.open(store));
      // Act
      const result = await searcher.search('Gutenberg printing press', {
        queryLang: 'en',
        includeText: true,
      });
      // Assess
      expect(result.hits[0]?.docId).toBe('d09');
      expect(result.hits[0]?.lang).toBe('en');
      expect(result.hits[0]?.text).toContain('Johannes Gutenberg');
    });
  });

  it('filters by document language', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS), store);
      const searcher = new Searcher(await IndexReader.open(store));
      // Act
      const all = await searcher.search('1876 Bell', { queryLang: 'en', topK: 20 });
      const german = await searcher.search('1876 Bell', { queryLang: 'en', topK: 20, docLangs: ['de'] });
      // Assess
      expect(new Set(all.hits.map((h) => h.lang))).toEqual(new Set(['en', 'de', 'es']));
      expect(german.hits.map((h) => h.docId)).toEqual(['d16']);
    });
  });
});
