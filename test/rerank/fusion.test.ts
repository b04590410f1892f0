import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, fuse, minMax, rankCandidates } from '../../lib/rerank/index.js';

describe('min-max fusion', () => {
  it('maps the lowest to 0 and the highest to 1', () => {
    // Act
    const norm = minMax([3, 7, 5]);
    // Assess
    expect(norm).toEqual([0, 1, 0.5]);
  });

  it('normalises a constant list (one candidate, or all tied) to ones rather than dividing by zero', () => {
    // Act / Assess
    expect(minMax([2, 2, 2])).toEqual([1, 1, 1]);
    expect(minMax([-4])).toEqual([1]);
    expect(fuse([7.5], [0.2], 0.3)).toEqual([1]);
  });

  it('is pure rerank at λ = 1 and pure first stage at λ = 0', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -50, max: 50, noNaN: true }),
            fc.double({ min: -50, max: 50, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (pairs) => {
          // Prepare
          const bm25 = pairs.map(([b]) => b);
          const rerank = pairs.map(([, r]) => r);
          // Act / Assess
          expect(fuse(bm25, rerank, 1)).toEqual(minMax(rerank));
          expect(fuse(bm25, rerank, 0)).toEqual(minMax(bm25));
        },
      ),
    );
  });

  it('weighs the two normalised scores by λ', () => {
    // Prepare: bm25 prefers document 0, the reranker document 1.
    const bm25 = [10, 6, 2];
    const rerank = [0.1, 0.9, 0.5];
    // Act
    const fused = fuse(bm25, rerank, 0.25);
    // Assess: 0.75·norm(bm25) + 0.25·norm(rerank)
    expect(fused[0]).toBeCloseTo(0.75 * 1 + 0.25 * 0, 12);
    expect(fused[1]).toBeCloseTo(0.75 * 0.5 + 0.25 * 1, 12);
    expect(fused[2]).toBeCloseTo(0.75 * 0 + 0.25 * 0.5, 12);
  });
});

describe('final order with unscored candidates', () => {
  it('ranks scored candidates by fused score, then the unscored ones in first-stage order', () => {
    // Prepare: candidates 1 and 3 were not scored before the deadline.
    const bm25 = [9, 8, 7, 6, 5];
    const rerank = [0.2, undefined, 0.9, undefined, 0.5];
    // Act
    const ranked = rankCandidates(bm25, rerank, 1);
    // Assess
    expect(ranked.map((r) => r.index)).toEqual([2, 4, 0, 1, 3]);
    expect(ranked.filter((r) => r.score === undefined).map((r) => r.index)).toEqual([1, 3]);
  });

  it('breaks fused ties by first-stage rank', () => {
    // Act
    const ranked = rankCandidates([3, 3, 3], [1, 1, 1], 0.5);
    // Assess
    expect(ranked.map((r) => r.index)).toEqual([0, 1, 2]);
  });
});

describe('calibration', () => {
  it('applies sigmoid(a·logit + b), and temperature as a = 1/t', () => {
    // Prepare
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    // Act / Assess
    expect(calibrate({ kind: 'logistic', a: 2, b: -1 }, 0.75)).toBeCloseTo(sigmoid(0.5), 12);
    expect(calibrate({ kind: 'temperature', t: 4 }, 2)).toBeCloseTo(sigmoid(0.5), 12);
    expect(calibrate({ kind: 'logistic', a: 1, b: 0 }, -800)).toBeGreaterThanOrEqual(0);
  });
});
