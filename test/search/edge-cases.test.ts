import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { QueryError, Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

async function withSearcher(fn: (s: Searcher) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const store = openStore(dir);
    await buildIndex(asRecords(ENGLISH_DOCS), store, { shardDocs: 7 });
    await fn(new Searcher(await IndexReader.open(store)));
  });
}

describe('query edge cases', () => {
  it('returns no hits and says why for an empty query', async () => {
    await withSearcher(async (searcher) => {
      const result = await searcher.search('   ', { queryLang: 'en' });
      expect(result.hits).toEqual([]);
      expect(result.emptyReason).toBe('empty-query');
    });
  });

  it('returns no hits and says why for a stopword-only query', async () => {
    await withSearcher(async (searcher) => {
      const result = await searcher.search('the of and is it', { queryLang: 'en' });
      expect(result.hits).toEqual([]);
      expect(result.query.terms).toEqual([]);
      expect(result.emptyReason).toBe('no-index-terms');
    });
  });

  it('answers a 1 MB query made of few distinct words', async () => {
    await withSearcher(async (searcher) => {
      const query = 'telephone river '.repeat(65_536);
      expect(query.length).toBe(1_048_576);
      const result = await searcher.search(query, { queryLang: 'en' });
      expect(result.hits[0]?.docId).toMatch(/d0[12]|d14/);
    });
  });

  it('rejects a 1 MB query with too many distinct words with a clear error', async () => {
    await withSearcher(async (searcher) => {
      const words = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
      const query = words.padEnd(1_048_576, ' z');
      await expect(searcher.search(query, { queryLang: 'en' })).rejects.toBeInstanceOf(QueryError);
      await expect(searcher.search(query, { queryLang: 'en' })).rejects.toThrow(
        /distinct terms; the limit is 1024/,
      );
    });
  });

  it('tolerates lone surrogates (text that was not valid UTF-8)', async () => {
    await withSearcher(async (searcher) => {
      const result = await searcher.search('telephone \ud800 exchange', { queryLang: 'en' });
      expect(result.hits[0]?.docId).toBe('d02');
    });
  });

  it('rejects invalid top-k and language tags', async () => {
    await withSearcher(async (searcher) => {
      await expect(searcher.search('river', { topK: 0 })).rejects.toBeInstanceOf(QueryError);
      await expect(searcher.search('river', { queryLang: '!!' })).rejects.toThrow(/query language/);
      await expect(searcher.search('river', { queryLang: 'en', docLangs: ['??'] })).rejects.toThrow(
        /document language/,
      );
    });
  });

  it('analyses the query with an unknown but valid tag generically', async () => {
    await withSearcher(async (searcher) => {
      const result = await searcher.search('London', { queryLang: 'tlh' });
      expect(result.query.lang).toBeDefined();
      expect(result.hits.map((h) => h.docId)).toEqual(['d14']);
    });
  });
});
