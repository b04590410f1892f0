import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFrontierForTest } from '../helpers/frontier.js';
import {
  exhaustiveTopK,
  maxScoreInto,
  maxScoreTopK,
  TopKHeap,
  termUpperBound,
  type ScoringTerm,
  type ShardScoring,
} from '../../lib/search/index.js';
import { blockMaxima, lengthNorms, termImpacts } from '../../lib/search/index.js';

const PARAMS = { k1: 0.9, b: 0.4 };

/** Random shard: document lengths and per-term postings over them. */
const shardArbitrary = fc
  .record({
    docCount: fc.integer({ min: 1, max: 400 }),
    termCount: fc.integer({ min: 1, max: 6 }),
    k: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer(),
    density: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
    maxTf: fc.integer({ min: 1, max: 5 }),
    filter: fc.boolean(),
    blockDocs: fc.integer({ min: 1, max: 60 }),
  })
  .map(({ docCount, termCount, k, seed, density, maxTf, filter, blockDocs }) => {
    let state = seed >>> 0 || 1;
    const rand = () => ((state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0) / 2 ** 32;
    const docLengths = Array.from({ length: docCount }, () => 1 + Math.floor(rand() * 60));
    const lists = Array.from({ length: termCount }, () => {
      const docs: number[] = [];
      const tfs: number[] = [];
      for (let d = 0; d < docCount; d++) {
        if (rand() < density) {
          docs.push(d);
          tfs.push(1 + Math.floor(rand() * maxTf));
        }
      }
      return { docs, tfs, weight: 0.1 + rand() * 3 };
    });
    return { docLengths, lists, k, filter, blockDocs };
  });

interface GeneratedShard {
  docLengths: number[];
  lists: Array<{ docs: number[]; tfs: number[]; weight: number }>;
  filter: boolean;
  /** Documents per block of the lists' block maxima (window bounds). */
  blockDocs: number;
}

/** The shard as MaxScore sees it: frontier-annotated postings with bounds, length norms, a filter. */
function scoringOf({ docLengths, lists, filter, blockDocs }: GeneratedShard): ShardScoring {
  const avgdl = docLengths.reduce((a, b) => a + b, 0) / docLengths.length;
  const norms = lengthNorms(docLengths, PARAMS, avgdl);
  const terms: ScoringTerm[] = lists
    .filter((l) => l.docs.length > 0)
    .map((l) => {
      const postings = paretoFrontierForTest(l.docs, l.tfs, docLengths);
      const impacts = termImpacts(postings, norms);
      return {
        weight: l.weight,
        postings,
        impacts,
        blockMaxima: blockMaxima(postings.docs, impacts, docLengths.length, blockDocs),
        upperBound: termUpperBound(l.weight, postings, PARAMS, avgdl),
      };
    });
  return { terms, norms, blockDocs, ...(filter ? { accept: (d: number) => d % 3 !== 0 } : {}) };
}

describe('MaxScore top-k', () => {
  it('returns exactly what exhaustive scoring returns', () => {
    fc.assert(
      fc.property(shardArbitrary, ({ k, ...shard }) => {
        // Prepare
        const scoring = scoringOf(shard);
        // Act
        const pruned = maxScoreTopK(scoring, k);
        const exhaustive = exhaustiveTopK(scoring, k);
        // Assess
        expect(pruned).toEqual(exhaustive);
      }),
      { numRuns: 300 },
    );
  });

  it('returns only documents above a floor, exactly the exhaustive ones above it', () => {
    fc.assert(
      fc.property(shardArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), ({ k, ...shard }, quantile) => {
        // Prepare: the floor is one of the real scores, so ties with it occur
        const scoring = scoringOf(shard);
        const all = exhaustiveTopK(scoring, shard.docLengths.length);
        const floor = all.length === 0 ? 0 : all[Math.floor(quantile * (all.length - 1))]!.score;
        // Act
        const pruned = maxScoreTopK(scoring, k, floor);
        // Assess
        expect(pruned).toEqual(all.filter((d) => d.score > floor).slice(0, k));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ties in index order', () => {
    // Prepare: every document has the same length and tf, so all scores tie.
    const docLengths = Array.from({ length: 50 }, () => 10);
    const docs = Array.from({ length: 50 }, (_, i) => i);
    const tfs = docs.map(() => 2);
    const postings = paretoFrontierForTest(docs, tfs, docLengths);
    const norms = lengthNorms(docLengths, PARAMS, 10);
    const impacts = termImpacts(postings, norms);
    const terms = [{ weight: 1, postings, impacts, upperBound: termUpperBound(1, postings, PARAMS, 10) }];
    // Act
    const top = maxScoreTopK({ terms, norms }, 5);
    // Assess
    expect(top.map((t) => t.doc)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is exact for any window size, windows cut anywhere through the lists', () => {
    fc.assert(
      fc.property(
        shardArbitrary,
        fc.integer({ min: 1, max: 70 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ k, ...shard }, windowDocs, quantile) => {
          // Prepare: half the cases start from a floor taken from the real scores
          const scoring = scoringOf(shard);
          const all = exhaustiveTopK(scoring, shard.docLengths.length);
          const floor =
            quantile < 0.5 || all.length === 0
              ? -Infinity
              : all[Math.floor(quantile * (all.length - 1))]!.score;
          const heap = new TopKHeap(k);
          // Act
          maxScoreInto(scoring, heap, 0, floor, windowDocs);
          // Assess
          expect(heap.sorted()).toEqual(all.filter((d) => d.score > floor).slice(0, k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is exact whether the lists after the essential ones are probed or read through', () => {
    fc.assert(
      fc.property(
        shardArbitrary,
        fc.constantFrom(0, 1, Infinity),
        fc.integer({ min: 1, max: 70 }),
        ({ k, ...shard }, scanPostingsPerProbe, windowDocs) => {
          // Prepare
          const scoring = scoringOf(shard);
          const heap = new TopKHeap(k);
          // Act
          maxScoreInto(scoring, heap, 0, -Infinity, windowDocs, scanPostingsPerProbe);
          // Assess
          expect(heap.sorted()).toEqual(exhaustiveTopK(scoring, k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares one heap across shards numbered one after another, earlier shards winning ties', () => {
    fc.assert(
      fc.property(
        fc.array(shardArbitrary, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (shards, k) => {
          // Prepare: the reference ranks every shard's documents exhaustively, in one numbering
          const scorings = shards.map(scoringOf);
          const starts = scorings.map((_, s) =>
            scorings.slice(0, s).reduce((sum, sc) => sum + sc.norms.docCount, 0),
          );
          const everything = scorings
            .flatMap((sc, s) =>
              exhaustiveTopK(sc, sc.norms.docCount).map((d) => ({ doc: starts[s]! + d.doc, score: d.score })),
            )
            .sort((a, b) => b.score - a.score || a.doc - b.doc);
          const heap = new TopKHeap(k);
          // Act
          scorings.forEach((sc, s) => maxScoreInto(sc, heap, starts[s]!, -Infinity, 16));
          // Assess
          expect(heap.sorted()).toEqual(everything.slice(0, k));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays exact after a filter threw in the middle of a window', () => {
    // Prepare: dense lists, so the filter throws with candidates left in the window (the window
    // scratch is shared between calls)
    const docLengths = Array.from({ length: 200 }, (_, d) => 5 + (d % 17));
    const lists = [0, 1, 2].map((t) => ({
      docs: docLengths.flatMap((_, d) => ((d + t) % 3 === 0 ? [] : [d])),
      tfs: docLengths.flatMap((_, d) => ((d + t) % 3 === 0 ? [] : [1 + ((d * (t + 1)) % 4)])),
      weight: 1 + t,
    }));
    const scoring = scoringOf({ docLengths, lists, filter: false, blockDocs: 16 });
    let calls = 0;
    const throwing = { ...scoring, accept: () => (++calls === 30 ? raise() : true) };
    // Act
    expect(() => maxScoreInto(throwing, new TopKHeap(5), 0, -Infinity, 64)).toThrow('filter failed');
    const sparse = lists.map((l) => ({
      ...l,
      docs: l.docs.filter((d) => d % 2 === 0),
      tfs: l.tfs.filter((_, p) => l.docs[p]! % 2 === 0),
    }));
    const other = scoringOf({ docLengths, lists: sparse, filter: false, blockDocs: 16 });
    const after = new TopKHeap(10);
    maxScoreInto(other, after, 0, -Infinity, 64);
    // Assess: the next query, over other postings, is still exact
    expect(after.sorted()).toEqual(exhaustiveTopK(other, 10));
  });
});

function raise(): never {
  throw new Error('filter failed');
}

describe('TopKHeap', () => {
  it('keeps the k best of any offers, best first, ties in document order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ doc: fc.integer({ min: 0, max: 1000 }), score: fc.integer({ min: 0, max: 8 }) }),
          {
            maxLength: 200,
          },
        ),
        fc.integer({ min: 1, max: 30 }),
        (offers, k) => {
          // Prepare: distinct documents, few distinct scores, so ties are common
          const distinct = [...new Map(offers.map((o) => [o.doc, o])).values()];
          const heap = new TopKHeap(k);
          // Act
          for (const { doc, score } of distinct) heap.offer(doc, score);
          // Assess
          const expected = [...distinct].sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
          expect(heap.sorted()).toEqual(expected);
          expect(heap.threshold).toBe(heap.full ? expected[k - 1]!.score : -Infinity);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is left as it was by sorted(): listing again, then offering more, gives the reference', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ doc: fc.integer({ min: 0, max: 1000 }), score: fc.integer({ min: 0, max: 8 }) }),
          {
            selector: (o) => o.doc,
            maxLength: 200,
          },
        ),
        fc.integer({ min: 1, max: 30 }),
        (offers, k) => {
          // Prepare: half the offers before listing, half after
          const best = (some: typeof offers) =>
            [...some].sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
          const heap = new TopKHeap(k);
          const half = offers.length >> 1;
          for (const { doc, score } of offers.slice(0, half)) heap.offer(doc, score);
          // Act
          const first = heap.sorted();
          const again = heap.sorted();
          for (const { doc, score } of offers.slice(half)) heap.offer(doc, score);
          // Assess
          expect(first).toEqual(best(offers.slice(0, half)));
          expect(again).toEqual(first);
          expect(heap.sorted()).toEqual(best(offers));
        },
      ),
      { numRuns: 300 },
    );
  });
});
