import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ranksAbove, TopKHeap, type ScoredDoc } from '../../lib/search/index.js';

/** Distinct documents with scores drawn from a few values, so ties are common. */
const offersArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 })
  .chain((docs) =>
    fc.tuple(
      fc.constant(docs),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: docs.length, maxLength: docs.length }),
    ),
  )
  .map(([docs, scores]) => docs.map((doc, i): ScoredDoc => ({ doc, score: scores[i]! / 4 })));

/** The reference: every offer ranked by score, then document, the best k kept. */
function bestOf(offers: readonly ScoredDoc[], k: number): ScoredDoc[] {
  return [...offers].sort((a, b) => (ranksAbove(a, b) ? -1 : 1)).slice(0, k);
}

describe('TopKHeap', () => {
  it('keeps the k best offers and lists them best first, ties in document order', () => {
    fc.assert(
      fc.property(offersArbitrary, fc.integer({ min: 1, max: 60 }), (offers, k) => {
        // Prepare
        const heap = new TopKHeap(k);
        // Act
        for (const { doc, score } of offers) heap.offer(doc, score);
        // Assess
        expect(heap.sorted()).toEqual(bestOf(offers, k));
      }),
      { numRuns: 300 },
    );
  });

  it('is left as it was by sorted(): listing again, then offering more, gives the reference', () => {
    fc.assert(
      fc.property(offersArbitrary, fc.integer({ min: 1, max: 60 }), (offers, k) => {
        // Prepare: half the offers before listing, half after
        const heap = new TopKHeap(k);
        const half = offers.length >> 1;
        for (const { doc, score } of offers.slice(0, half)) heap.offer(doc, score);
        // Act
        const first = heap.sorted();
        const again = heap.sorted();
        for (const { doc, score } of offers.slice(half)) heap.offer(doc, score);
        // Assess
        expect(again).toEqual(first);
        expect(first).toEqual(bestOf(offers.slice(0, half), k));
        expect(heap.size).toBe(Math.min(k, offers.length));
        expect(heap.sorted()).toEqual(bestOf(offers, k));
      }),
      { numRuns: 300 },
    );
  });
});
