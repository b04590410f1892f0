import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, seededRandom, withTempDir } from '../helpers/corpus.js';

/** Few words and short documents, so many documents tie, within and across shards. */
const WORDS = 'river mountain city music king queen light paper stone water fire sun moon'.split(' ');

function generatedDocs(count: number, random: () => number) {
  return Array.from({ length: count }, (_, i) => {
    const length = 1 + Math.floor(random() * 6);
    const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    return { id: `d${i}`, lang: i % 4 === 0 ? 'de' : 'en', text: words.join(' ') };
  });
}

describe('top-k across shards', () => {
  it('prunes each shard from the k-th best score of the earlier ones and still equals exhaustive scoring', async () => {
    await withTempDir(async (dir) => {
      // Prepare: 300 documents in shards of 7, queries of 1–4 words, k from 1 to 25
      const random = seededRandom(29);
      await buildIndex(asRecords(generatedDocs(300, random)), openStore(dir), { shardDocs: 7 });
      const searcher = new Searcher(await IndexReader.open(openStore(dir)));
      for (let q = 0; q < 120; q++) {
        const query = Array.from(
          { length: 1 + Math.floor(random() * 4) },
          () => WORDS[Math.floor(random() * WORDS.length)]!,
        ).join(' ');
        const topK = 1 + Math.floor(random() * 25);
        const docLangs = q % 5 === 0 ? ['en'] : undefined;
        const options = { queryLang: 'en', topK, ...(docLangs ? { docLangs } : {}) };
        // Act
        const pruned = await searcher.search(query, options);
        const exhaustive = await searcher.search(query, { ...options, exhaustive: true });
        // Assess
        expect(pruned.hits, `${query} (top ${topK})`).toEqual(exhaustive.hits);
        expect(pruned.hits.length).toBeGreaterThan(0);
      }
    });
  });
});
