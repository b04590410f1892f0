/**
 * Fusion by maximum attainable score: each language's scores divided by what the query could
 * have scored there (Searcher.rankGroupsBounded's maxScore), tested by property over seeded random
 * corpora, queries and lists rather than by hand-picked numbers.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/eval/index.js';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { fuseRankings, Searcher, type FusionMethod, type TermGroup } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { psqReferenceBound } from './reference-psq.js';

// 'yo' gets lib/text's generic analyzer (no stemming, no stopwords): the words are the terms.
const VOCABULARY = ['haus', 'hund', 'katze', 'baum', 'fluss', 'stadt', 'berg', 'meer'];
const CASES = 40;

function randomCorpus(random: () => number, docs: number): Array<Omit<CorpusRecord, 'line'>> {
  const pick = (n: number) => Math.floor((random() / 2 ** 32) * n);
  return Array.from({ length: docs }, (_, d) => ({
    id: `d${d}`,
    lang: 'yo',
    text: Array.from({ length: 1 + pick(12) }, () => VOCABULARY[pick(VOCABULARY.length)]).join(' '),
  }));
}

/** A PSQ-like query: a few groups of one to three weighted terms, some absent from the corpus. */
function randomGroups(random: () => number): TermGroup[] {
  const pick = (n: number) => Math.floor((random() / 2 ** 32) * n);
  return Array.from({ length: 1 + pick(4) }, () => {
    const members = 1 + pick(3);
    const terms = Array.from({ length: members }, (_, m) => ({
      term: pick(5) === 0 ? `absent${m}` : VOCABULARY[pick(VOCABULARY.length)]!,
      weight: 1 / members,
    }));
    const distinct = [...new Map(terms.map((t) => [t.term, t])).values()];
    return { weight: 1 + pick(2), terms: distinct };
  });
}

interface Item {
  id: string;
  score: number;
}

describe('attainable normalisation on real BM25 scores', () => {
  it('never gives a document more than 1, whatever the corpus and the (grouped) query', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const random = mulberry32(11);
      const store = openStore(dir);
      const corpus = randomCorpus(random, 60);
      await buildIndex(asRecords(corpus), store, { shardDocs: 16 });
      const reference = corpus.map((d) => ({ id: d.id, terms: getAnalyzer(d.lang!).analyze(d.text) }));
      const searcher = new Searcher(await IndexReader.open(store));
      let checked = 0;
      for (let c = 0; c < CASES; c++) {
        const groups = randomGroups(random);
        // Act
        const { ranked, maxScore } = await searcher.rankGroupsBounded(groups, { topK: 100 });
        const fused = fuseRankings([ranked], 'attainable', 100, (d) => `${d.shard}:${d.doc}`, {
          maxScores: [maxScore],
        });
        // Assess
        expect(maxScore).toBeCloseTo(psqReferenceBound(reference, groups), 12);
        for (const doc of ranked) expect(doc.score).toBeLessThanOrEqual(maxScore);
        for (const f of fused) expect(f.score).toBeLessThanOrEqual(1);
        checked += fused.length;
      }
      expect(checked).toBeGreaterThan(CASES);
    });
  });

  it('gives a document matching every query term at saturation about 1, and a partial match far less', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one document repeats both query terms 400 times; the others are short.
      const store = openStore(dir);
      const saturated = `${'hund '.repeat(400)}${'haus '.repeat(400)}`;
      const docs = [
        { id: 'full', lang: 'yo', text: saturated },
        { id: 'half', lang: 'yo', text: 'hund katze baum' },
        { id: 'other', lang: 'yo', text: 'fluss stadt berg meer' },
        { id: 'more', lang: 'yo', text: 'katze baum fluss' },
      ];
      await buildIndex(asRecords(docs), store);
      const searcher = new Searcher(await IndexReader.open(store));
      const groups: TermGroup[] = [
        { weight: 1, terms: [{ term: 'hund', weight: 1 }] },
        { weight: 1, terms: [{ term: 'haus', weight: 1 }] },
      ];
      // Act
      const { ranked, maxScore } = await searcher.rankGroupsBounded(groups, { topK: 10 });
      const fused = fuseRankings([ranked], 'attainable', 10, (d) => String(d.doc), { maxScores: [maxScore] });
      // Assess
      expect(fused[0]!.score).toBeGreaterThan(0.99);
      expect(fused[0]!.score).toBeLessThanOrEqual(1);
      // 'half' matches the commoner term once: under half of the attainable score.
      expect(fused[1]!.score).toBeLessThan(0.5);
    });
  });
});

describe('attainable fusion of per-language lists', () => {
  /** A list of n items with scores in (0, top], best first. */
  function list(prefix: string, n: number, top: number, random: () => number): Item[] {
    const scores = Array.from({ length: n }, () => (top * (1 + (random() % 1000))) / 1000);
    scores.sort((a, b) => b - a);
    return scores.map((score, i) => ({ id: `${prefix}${i}`, score }));
  }
  const key = (item: Item) => item.id;

  it('keeps every strong-language hit where it was when a weak language is added', () => {
    const random = mulberry32(5);
    for (let c = 0; c < CASES; c++) {
      // Prepare: the weak language's best hit reaches at most 30% of its attainable score.
      const strong = list('s', 20, 8, random);
      const weak = list('w', 20, 0.3 * 10, random);
      const bounds = [10, 10];
      // Act
      const alone = fuseRankings([strong], 'attainable', 100, key, { maxScores: [10] });
      const both = fuseRankings([strong, weak], 'attainable', 100, key, { maxScores: bounds });
      // Assess: every strong hit above the weak list's ceiling keeps its rank and score.
      alone.forEach((hit, rank) => {
        if (hit.score <= 0.3) return;
        expect(both[rank]!.item.id).toBe(hit.item.id);
        expect(both[rank]!.score).toBe(hit.score);
      });
    }
  });

  it('lets min-max put a one-word match from a weak language level with the best answer', () => {
    // Prepare: the weak list's best hit scores 1 of an attainable 10; the strong one's 9.
    const strong: Item[] = [
      { id: 'answer', score: 9 },
      { id: 's1', score: 4 },
    ];
    const weak: Item[] = [
      { id: 'one-word', score: 1 },
      { id: 'w1', score: 0.5 },
    ];
    const fuse = (method: FusionMethod) =>
      fuseRankings([strong, weak], method, 4, key, { maxScores: [10, 10] }).map((f) => f.item.id);
    // Act
    const minmax = fuse('minmax');
    const attainable = fuse('attainable');
    const top = fuse('attainable-top');
    // Assess
    expect(minmax.slice(0, 2).sort()).toEqual(['answer', 'one-word']);
    expect(attainable).toEqual(['answer', 's1', 'one-word', 'w1']);
    expect(top[0]).toBe('answer');
    expect(top.indexOf('one-word')).toBeGreaterThan(top.indexOf('s1'));
  });

  it('breaks a tie on the fused score in favour of the preferred (query-language) list', () => {
    // Prepare: both lists' best hits get 1 under min-max; the other list's raw score is higher.
    const own: Item[] = [
      { id: 'own', score: 2 },
      { id: 'own2', score: 1 },
    ];
    const other: Item[] = [
      { id: 'other', score: 7 },
      { id: 'other2', score: 3 },
    ];
    // Act
    const plain = fuseRankings([other, own], 'minmax', 4, key);
    const preferring = fuseRankings([other, own], 'minmax', 4, key, { preferList: 1 });
    // Assess
    expect(plain[0]!.item.id).toBe('other');
    expect(preferring[0]!.item.id).toBe('own');
  });

  it('calibrates each list by its reference score: a list scoring twice its reference beats one at it', () => {
    // Prepare: raw scores say the other way round.
    const a: Item[] = [{ id: 'a', score: 4 }];
    const b: Item[] = [{ id: 'b', score: 6 }];
    // Act
    const fused = fuseRankings([a, b], 'calibrated', 2, key, { typicalScores: [2, 6] });
    // Assess
    expect(fused.map((f) => [f.item.id, f.score])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('min-max-calibrated scales a list that reaches its reference as min-max and keeps a weaker one below 1', () => {
    // Prepare: list a's best (6) beats its reference (4); list b's best (3) falls short of its (6).
    const a: Item[] = [
      { id: 'a1', score: 6 },
      { id: 'a2', score: 3 },
      { id: 'a3', score: 2 },
    ];
    const b: Item[] = [
      { id: 'b1', score: 3 },
      { id: 'b2', score: 1.5 },
    ];
    // Act
    const fused = fuseRankings([a, b], 'minmax-calibrated', 5, key, { typicalScores: [4, 6] });
    const plain = fuseRankings([a, b], 'minmax', 5, key);
    // Assess: minmax ties b1 with a1 at 1; here b1's list tops out at √(3 · 6), so b1 gets
    // (3 − 1.5) / (√18 − 1.5); list a reaches its reference and scales as min-max.
    expect(plain.slice(0, 2).map((f) => f.score)).toEqual([1, 1]);
    expect(fused.map((f) => f.item.id)).toEqual(['a1', 'b1', 'a2', 'a3', 'b2']);
    expect(fused[0]!.score).toBe(1);
    expect(fused[1]!.score).toBeCloseTo(1.5 / (Math.sqrt(18) - 1.5), 12);
    expect(fused[2]!.score).toBeCloseTo(0.25, 12);
  });

  it('refuses a bounded fusion without one bound per list', () => {
    // Act
    const attainable = () => fuseRankings([[{ id: 'a', score: 1 }]], 'attainable', 1, key);
    const calibrated = () => fuseRankings([[{ id: 'a', score: 1 }]], 'calibrated', 1, key);
    const capped = () => fuseRankings([[{ id: 'a', score: 1 }]], 'minmax-calibrated', 1, key);
    // Assess
    expect(attainable).toThrow(/maximum attainable score/);
    expect(calibrated).toThrow(/reference score/);
    expect(capped).toThrow(/reference score/);
  });
});
