import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestFirstLengths } from '../../lib/rerank/index.js';

describe('longest_first pair truncation', () => {
  // The table of tokenizers' own unit test (truncate_encodings_longest_first): max_length 7,
  // sequences of 0 (empty), 2 (short), 4 (medium) and 8 (long) tokens.
  it.each([
    [0, 0, 0, 0],
    [0, 2, 0, 2],
    [0, 4, 0, 4],
    [0, 8, 0, 7],
    [2, 0, 2, 0],
    [2, 2, 2, 2],
    [2, 4, 2, 4],
    [2, 8, 2, 5],
    [4, 0, 4, 0],
    [4, 2, 4, 2],
    [4, 4, 3, 4],
    [4, 8, 3, 4],
    [8, 0, 7, 0],
    [8, 2, 5, 2],
    [8, 4, 4, 3],
    [8, 8, 3, 4],
  ])('keeps (%i, %i) -> (%i, %i) within 7', (first, second, keepFirst, keepSecond) => {
    // Act
    const kept = longestFirstLengths(first, second, 7);
    // Assess
    expect(kept).toEqual([keepFirst, keepSecond]);
  });

  it('gives the odd token to the longer sequence where the slow Python rule gives it to the first', () => {
    // Act: lengths 5 and 6 in a budget of 7; removing one at a time (ties from the second) keeps 4 + 3.
    const kept = longestFirstLengths(5, 6, 7);
    // Assess
    expect(kept).toEqual([3, 4]);
  });

  it('keeps nothing when the template leaves no room', () => {
    // Act / Assess
    expect(longestFirstLengths(5, 6, 0)).toEqual([0, 0]);
  });

  it('fills the budget, never lengthens, and cuts only when needed', () => {
    fc.assert(
      fc.property(fc.nat(600), fc.nat(600), fc.integer({ min: 1, max: 512 }), (a, b, budget) => {
        // Act
        const [keepA, keepB] = longestFirstLengths(a, b, budget);
        // Assess
        expect(keepA).toBeLessThanOrEqual(a);
        expect(keepB).toBeLessThanOrEqual(b);
        expect(keepA + keepB).toBe(Math.min(a + b, budget));
        // The shorter sequence is only cut when it alone would take more than half the budget.
        if (Math.min(a, b) <= Math.floor(budget / 2))
          expect(Math.min(keepA, keepB)).toBe(Math.min(a, b, budget));
      }),
    );
  });
});
