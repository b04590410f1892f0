/**
 * Per-language statistics (lib/search/statistics.ts): one language of a pooled index, searched
 * with `docLangs`, must score exactly as an index of that language's documents alone.
 * Checked against the plain PSQ reference over seeded random two-language corpora, sharded so
 * that some shards hold one language and some both.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/eval/index.js';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { Searcher, type TermGroup } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { psqReferenceBound, psqReferenceScores } from './reference-psq.js';

// 'yo' and 'ha' get lib/text's generic analyzer: the words are the terms. The languages share
// most words (as names and loanwords are shared), but 'ha' documents are longer and favour
// other words, so pooled and per-language statistics differ.
const SHARED = ['haus', 'hund', 'katze', 'baum', 'fluss'];
const HA_ONLY = ['stadt', 'berg', 'meer'];
const CASES = 30;

function randomCorpus(random: () => number): Array<Omit<CorpusRecord, 'line'>> {
  const pick = (n: number) => Math.floor((random() / 2 ** 32) * n);
  // Runs of one language, so with 8 documents per shard some shards hold one language only.
  return Array.from({ length: 64 }, (_, d) => {
    const lang = Math.floor(d / 12) % 2 === 0 ? 'yo' : 'ha';
    const words = lang === 'yo' ? SHARED : [...SHARED, ...HA_ONLY, ...HA_ONLY];
    const length = lang === 'yo' ? 1 + pick(6) : 4 + pick(14);
    return { id: `d${d}`, lang, text: Array.from({ length }, () => words[pick(words.length)]).join(' ') };
  });
}

function randomGroups(random: () => number): TermGroup[] {
  const pick = (n: number) => Math.floor((random() / 2 ** 32) * n);
  const vocabulary = [...SHARED, ...HA_ONLY];
  return Array.from({ length: 1 + pick(3) }, () => {
    const members = 1 + pick(3);
    const terms = Array.from({ length: members }, () => ({
      term: vocabulary[pick(vocabulary.length)]!,
      weight: 1 / members,
    }));
    return { weight: 1 + pick(2), terms: [...new Map(terms.map((t) => [t.term, t])).values()] };
  });
}

/** A seeded two-language corpus built into `dir` (8 documents a shard), and a searcher over it. */
async function pooledIndex(dir: string, seed: number) {
  const random = mulberry32(seed);
  const store = openStore(dir);
  const corpus = randomCorpus(random);
  await buildIndex(asRecords(corpus), store, { shardDocs: 8 });
  const searcher = new Searcher(await IndexReader.open(store));
  const docOf = (shard: number, doc: number) => searcher.reader.shards[shard]!.head.docId(doc);
  return { random, corpus, searcher, docOf };
}

describe('per-language statistics in a pooled index', () => {
  it('scores one language as an index of its documents alone, pruned or exhaustive', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { random, corpus, searcher, docOf } = await pooledIndex(dir, 23);
      let compared = 0;
      for (let c = 0; c < CASES; c++) {
        const groups = randomGroups(random);
        for (const lang of ['yo', 'ha']) {
          const alone = corpus
            .filter((d) => d.lang === lang)
            .map((d) => ({ id: d.id, terms: getAnalyzer(lang).analyze(d.text) }));
          const expected = psqReferenceScores(alone, groups);
          for (const exhaustive of [false, true]) {
            // Act
            const { ranked, maxScore } = await searcher.rankGroupsBounded(groups, {
              topK: 100,
              docLangs: [lang],
              exhaustive,
            });
            // Assess
            expect(ranked.length).toBe(expected.size);
            for (const hit of ranked) {
              expect(hit.score).toBeCloseTo(expected.get(docOf(hit.shard, hit.doc))!, 10);
            }
            expect(maxScore).toBeCloseTo(psqReferenceBound(alone, groups), 10);
            compared += ranked.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(CASES * 10);
    });
  });

  it('keeps the whole index statistics without a language filter, and when it names every language', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { random, corpus, searcher, docOf } = await pooledIndex(dir, 5);
      const pooled = corpus.map((d) => ({ id: d.id, terms: getAnalyzer(d.lang!).analyze(d.text) }));
      for (let c = 0; c < 10; c++) {
        const groups = randomGroups(random);
        const expected = psqReferenceScores(pooled, groups);
        for (const docLangs of [undefined, ['yo', 'ha'], ['ha', 'yo', 'de']]) {
          // Act
          const ranked = await searcher.rankGroups(groups, { topK: 100, ...(docLangs ? { docLangs } : {}) });
          // Assess
          expect(ranked.length).toBe(expected.size);
          for (const hit of ranked) {
            expect(hit.score).toBeCloseTo(expected.get(docOf(hit.shard, hit.doc))!, 10);
          }
        }
      }
    });
  });
});
