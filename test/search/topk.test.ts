import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFrontierForTest } from '../helpers/frontier.js';
import {
  exhaustiveTopK,
  maxScoreTopK,
  termUpperBound,
  type ScoringTerm,
  type ShardScoring,
} from '../../lib/search/index.js';
import { lengthNorms } from '../../lib/search/index.js';

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
  })
  .map(({ docCount, termCount, k, seed, density, maxTf, filter }) => {
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
    return { docLengths, lists, k, filter };
  });

interface GeneratedShard {
  docLengths: number[];
  lists: Array<{ docs: number[]; tfs: number[]; weight: number }>;
  filter: boolean;
}

/** The shard as MaxScore sees it: frontier-annotated postings with bounds, length norms, a filter. */
function scoringOf({ docLengths, lists, filter }: GeneratedShard): ShardScoring {
  const avgdl = docLengths.reduce((a, b) => a + b, 0) / docLengths.length;
  const norms = lengthNorms(docLengths, PARAMS, avgdl);
  const terms: ScoringTerm[] = lists
    .filter((l) => l.docs.length > 0)
    .map((l) => {
      const postings = paretoFrontierForTest(l.docs, l.tfs, docLengths);
      return { weight: l.weight, postings, upperBound: termUpperBound(l.weight, postings, PARAMS, avgdl) };
    });
  return { terms, norms, ...(filter ? { accept: (d: number) => d % 3 !== 0 } : {}) };
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
    const terms = [{ weight: 1, postings, upperBound: termUpperBound(1, postings, PARAMS, 10) }];
    // Act
    const top = maxScoreTopK({ terms, norms }, 5);
    // Assess
    expect(top.map((t) => t.doc)).toEqual([0, 1, 2, 3, 4]);
  });
});
