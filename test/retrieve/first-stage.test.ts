import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import {
  retrieve,
  startRequestDeadline,
  type RetrieveRequest,
  type RetrieveSources,
} from '../../lib/retrieve/index.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

/** Sources over a small en/de/es index whose lexicons cannot be read, counting each time they are asked for. */
async function sourcesWithBrokenLexicons(dir: string) {
  const store = openStore(dir);
  await buildIndex(asRecords(ENGLISH_DOCS), store);
  const asked = { lexicons: 0 };
  const sources: RetrieveSources = {
    indexName: 'test',
    searcher: new Searcher(await IndexReader.open(store)),
    detector: () => Promise.reject(new Error('no detector in this test')),
    lexicons: () => {
      asked.lexicons++;
      return Promise.reject(new Error('the lexicon pack cannot be read'));
    },
  };
  return { sources, asked };
}

const run = (sources: RetrieveSources, request: Partial<RetrieveRequest>) =>
  retrieve(sources, { query: 'telephone', topK: 5, ...request }, startRequestDeadline(10_000));

describe('the first stage opens lexicons only when a query may need translating', () => {
  it('answers a query in a given language over documents in that language without them', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { sources, asked } = await sourcesWithBrokenLexicons(dir);
      // Act
      const retrieval = await run(sources, { queryLang: 'en', docLangs: ['en'] });
      // Assess
      expect(retrieval.method).toBe('bm25');
      expect(retrieval.hits.length).toBeGreaterThan(0);
      expect(asked.lexicons).toBe(0);
    });
  });

  it.each([
    ['other document languages', { queryLang: 'en', docLangs: ['en', 'de'] }],
    ['every index language (en, de, es)', { queryLang: 'en' }],
    ['psq asked for', { queryLang: 'en', docLangs: ['en'], firstStage: 'psq' as const }],
  ])('asks for them with %s', async (_, request) => {
    await withTempDir(async (dir) => {
      // Prepare
      const { sources, asked } = await sourcesWithBrokenLexicons(dir);
      // Act
      const retrieval = run(sources, request);
      // Assess
      await expect(retrieval).rejects.toThrow(/lexicon pack cannot be read/);
      expect(asked.lexicons).toBe(1);
    });
  });
});
