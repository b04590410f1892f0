import { describe, expect, it } from 'vitest';
import { withDocumentMatch } from '../../lib/rerank/fusion.js';
import { glossMatchScores } from '../../lib/rerank/gloss-match.js';
import type { Glossed } from '../../lib/rerank/glossing.js';

/** withDocumentMatch over a glossed list, as the reranker fuses it (undefined: no glosses). */
function withGlossMatch(firstStage: readonly number[], g: Glossed | undefined): number[] {
  const match = g === undefined ? undefined : glossMatchScores(g);
  return withDocumentMatch(
    firstStage,
    firstStage.map((_, i) => match?.get(i)),
  );
}

/** Every passage glossed against the same query, by candidate index. */
function glossed(query: string, passages: readonly string[]): Glossed {
  return {
    queries: new Map(passages.map((_, i) => [i, query])),
    passages: new Map(passages.map((p, i) => [i, p])),
  };
}

describe('glossMatchScores: BM25 of the glossed query over the list', () => {
  it('scores a passage by the query terms it holds, rarer terms more', () => {
    // Prepare: "telephone" in one passage, "invented" in three.
    const g = glossed('who invented the telephone', [
      'Bell invented the telephone in 1876',
      'Edison invented the phonograph',
      'The printing press was invented by Gutenberg',
      'Rivers flow into the sea',
    ]);
    // Act
    const scores = glossMatchScores(g);
    // Assess
    expect(scores.get(3)).toBe(0);
    expect(scores.get(0)!).toBeGreaterThan(scores.get(1)!);
    expect(scores.get(1)!).toBeGreaterThan(0);
    // Only the rare term separates passage 0 from 1 and 2, and it weighs more than the common one.
    expect(scores.get(0)! - scores.get(1)!).toBeGreaterThan(scores.get(1)!);
  });

  it('reads each passage against the query as glossed for it', () => {
    // Prepare: the same passage text, a different gloss of the query per passage.
    const g: Glossed = {
      queries: new Map([
        [0, 'goals scored'],
        [1, 'runs scored'],
      ]),
      passages: new Map([
        [0, 'the goals were scored late'],
        [1, 'the goals were scored late'],
      ]),
    };
    // Act
    const scores = glossMatchScores(g);
    // Assess
    expect(scores.get(0)!).toBeGreaterThan(scores.get(1)!);
  });
});

describe('withDocumentMatch: the first-stage signal of a list read in glosses', () => {
  const passages = ['telephone invented', 'telephone', 'nothing here'];

  it('is the mean of both normalised signals when every candidate has a gloss', () => {
    // Prepare: the first stage prefers the last candidate; the glosses the first.
    const bm25 = [1, 2, 3];
    // Act
    const signal = withGlossMatch(bm25, glossed('telephone invented', passages));
    // Assess: min-max of each, averaged (the first stage 0, 0.5, 1; the glosses 1, s1/s0, 0).
    const match = glossMatchScores(glossed('telephone invented', passages));
    expect(signal[2]).toBeCloseTo(0.5, 10);
    expect(signal[0]).toBeCloseTo(0.5, 10);
    expect(signal[1]).toBeCloseTo((0.5 + match.get(1)! / match.get(0)!) / 2, 10);
    for (const value of signal) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the first-stage scores when any candidate, or all, read text', () => {
    // Prepare
    const bm25 = [3, 2, 1];
    const partial = glossed('telephone', passages);
    partial.passages.delete(1);
    // Act / Assess
    expect(withGlossMatch(bm25, undefined)).toEqual(bm25);
    expect(withGlossMatch(bm25, partial)).toEqual(bm25);
    expect(withGlossMatch([], glossed('x', []))).toEqual([]);
  });

  it('keeps a constant gloss match from moving the order: the first stage alone decides', () => {
    // Prepare: no passage shares a term with the query.
    const bm25 = [5, 9, 1];
    // Act
    const signal = withGlossMatch(bm25, glossed('zebra', passages));
    // Assess: min-max of a constant list is 1, so the order is the first stage's.
    const order = (v: number[]) => v.map((_, i) => i).sort((a, b) => v[b]! - v[a]!);
    expect(order(signal)).toEqual(order(bm25));
  });
});
