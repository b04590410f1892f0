import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockMaxima,
  ImpactCache,
  lengthNorm,
  lengthNorms,
  MIN_POSTINGS_PER_BLOCK,
  termImpacts,
  termScore,
} from '../../lib/search/index.js';

const PARAMS = { k1: 0.9, b: 0.4 };

/** A list over documents of random lengths: increasing doc ids, integer or fractional tfs. */
const listArbitrary = fc
  .record({
    lengths: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 200 }),
    seed: fc.integer(),
    fractional: fc.boolean(),
    // Lengths past 65,535 are numbered as classes rather than used as them (norms.ts).
    longDocuments: fc.boolean(),
  })
  .map(({ lengths, seed, fractional, longDocuments }) => {
    const docLengths = longDocuments ? lengths.map((l, d) => (d % 2 === 0 ? l + 70_000 : l)) : lengths;
    let state = seed >>> 0 || 1;
    const rand = () => ((state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0) / 2 ** 32;
    const docs: number[] = [];
    const tfs: number[] = [];
    docLengths.forEach((_, d) => {
      if (rand() < 0.4) {
        docs.push(d);
        tfs.push(fractional ? 0.05 + rand() * 3 : 1 + Math.floor(rand() * 6));
      }
    });
    return { docLengths, postings: { docs: Int32Array.from(docs), tfs: Float64Array.from(tfs) } };
  });

describe('term impacts', () => {
  it("score every posting exactly as termScore does from its tf and its document's length norm", () => {
    fc.assert(
      fc.property(
        listArbitrary,
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        ({ docLengths, postings }, weight) => {
          // Prepare
          const avgdl = docLengths.reduce((a, b) => a + b, 0) / docLengths.length;
          const norms = lengthNorms(docLengths, PARAMS, avgdl);
          // Act
          const impacts = termImpacts(postings, norms);
          // Assess: bit for bit, so pruned and exhaustive scoring agree with the reference formula
          expect(impacts).toHaveLength(postings.docs.length);
          postings.docs.forEach((d, i) => {
            const norm = lengthNorm(docLengths[d]!, PARAMS, avgdl);
            expect(weight * impacts[i]!).toBe(termScore(weight, postings.tfs[i]!, norm));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are kept per list for the norms they were computed with, and recomputed under others', () => {
    // Prepare: one list scored under two avgdls, as the index's and a language set's statistics
    const docLengths = [3, 10, 40, 7, 25];
    const postings = { docs: Int32Array.from([0, 2, 4]), tfs: Int32Array.from([1, 3, 2]) };
    const indexNorms = lengthNorms(docLengths, PARAMS, 17);
    const languageNorms = lengthNorms(docLengths, PARAMS, 9);
    const cache = new ImpactCache();
    // Act
    const first = cache.of(postings, indexNorms).impacts;
    const again = cache.of(postings, indexNorms).impacts;
    const underLanguage = cache.of(postings, languageNorms).impacts;
    const back = cache.of(postings, indexNorms).impacts;
    // Assess
    expect(again).toBe(first);
    expect(Array.from(underLanguage)).toEqual(Array.from(termImpacts(postings, languageNorms)));
    expect(Array.from(underLanguage)).not.toEqual(Array.from(first));
    expect(Array.from(back)).toEqual(Array.from(first));
    expect(back).not.toBe(underLanguage);
  });

  it('bound every block by its best impact, for lists dense enough to keep them', () => {
    fc.assert(
      fc.property(listArbitrary, fc.integer({ min: 1, max: 40 }), ({ docLengths, postings }, blockDocs) => {
        // Prepare
        const norms = lengthNorms(docLengths, { k1: 0.9, b: 0.4 }, 30);
        const impacts = termImpacts(postings, norms);
        const blocks = Math.ceil(docLengths.length / blockDocs);
        // Act
        const maxima = blockMaxima(postings.docs, impacts, docLengths.length, blockDocs);
        // Assess: kept exactly when the list has enough postings a block, each block's best
        if (postings.docs.length < blocks * MIN_POSTINGS_PER_BLOCK) {
          expect(maxima).toBeUndefined();
          return;
        }
        const expected = new Array<number>(blocks).fill(0);
        postings.docs.forEach((d, i) => {
          const block = Math.floor(d / blockDocs);
          expected[block] = Math.max(expected[block]!, impacts[i]!);
        });
        expect(Array.from(maxima!)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
