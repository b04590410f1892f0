import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lengthNorm, lengthNorms, type LengthNorms } from '../../lib/search/index.js';

const PARAMS = { k1: 0.9, b: 0.4 };

/** Document d's norm, read as scoring reads it: its class, then the class's norm. */
const normOf = (norms: LengthNorms, d: number) => norms.normByClass[norms.classOf[d]!];

describe('length norms by class', () => {
  it("give every document its own length's norm, for short and very long documents alike", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3_000_000 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (docLengths, avgdl) => {
          // Act
          const norms = lengthNorms(docLengths, PARAMS, avgdl);
          // Assess: the same double the formula gives for each document
          expect(norms.docCount).toBe(docLengths.length);
          docLengths.forEach((dl, d) => {
            expect(normOf(norms, d)).toBe(lengthNorm(dl, PARAMS, avgdl));
            expect(norms.impactOfOneByClass[norms.classOf[d]!]).toBe(1 / (1 + lengthNorm(dl, PARAMS, avgdl)));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('number more distinct lengths than 2 bytes hold when a shard has that many documents', () => {
    // Prepare: 70,000 documents of 70,000 distinct lengths, all past the directly classed ones
    const docLengths = Array.from({ length: 70_000 }, (_, d) => 100_000 + d);
    // Act
    const norms = lengthNorms(docLengths, PARAMS, 135_000);
    // Assess
    for (const d of [0, 65_535, 65_536, 69_999]) {
      expect(normOf(norms, d)).toBe(lengthNorm(docLengths[d]!, PARAMS, 135_000));
    }
  });
});
