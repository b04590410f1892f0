import { describe, expect, it } from 'vitest';
import { holmBonferroni, permutationTest } from '../../lib/eval/index.js';
import { comparePooled } from '../../lib/experiment/index.js';
import { PERMUTATION_TRIALS } from '../../lib/experiment/constants.js';
import type { PairResult, Setting } from '../../lib/experiment/types.js';

/** A run whose per-question MAP is `maps` (qids q0, q1, …). */
function run(
  setting: Setting,
  queryLang: string,
  docLang: string,
  system: string,
  maps: number[],
): PairResult {
  const perQuery = new Map(maps.map((map, i) => [`q${i}`, { map }]));
  return {
    setting,
    queryLang,
    docLang,
    system,
    mean: { map: maps.reduce((s, x) => s + x, 0) / maps.length },
    perQuery,
  };
}

describe('pooled comparisons', () => {
  const results = [
    run('clir', 'en', 'de', 'psq', [0.2, 0.4, 0.5]),
    run('clir', 'en', 'de', 'rerank', [0.5, 0.6, 0.5]),
    run('clir', 'de', 'en', 'psq', [0.1, 0.3, 0.9]),
    run('clir', 'de', 'en', 'rerank', [0.4, 0.3, 1.0]),
    // Ran on one pair only: not pooled.
    run('clir', 'de', 'en', 'other', [1, 1, 1]),
    // A setting with one pair: nothing to pool.
    run('moir', 'en', 'en', 'bm25', [0.5, 0.5, 0.5]),
    run('moir', 'en', 'en', 'rerank', [0.6, 0.6, 0.6]),
  ];

  it('tests two systems over every question of every pair, as one paired test on the concatenation', () => {
    // Act
    const pooled = comparePooled(results, ['map'], 7);
    // Assess
    const a = [0.2, 0.4, 0.5, 0.1, 0.3, 0.9];
    const b = [0.5, 0.6, 0.5, 0.4, 0.3, 1.0];
    const reference = permutationTest(a, b, { trials: PERMUTATION_TRIALS, seed: 7 });
    expect(pooled).toHaveLength(1);
    expect(pooled[0]).toMatchObject({ setting: 'clir', a: 'psq', b: 'rerank', pairs: 2, queries: 6 });
    expect(pooled[0]!.p).toBe(reference.p);
    expect(pooled[0]!.pHolm).toBe(reference.p);
    // With as many questions per pair, the pooled mean is the mean of the pairs' means.
    expect(pooled[0]!.meanA).toBeCloseTo((0.2 + 0.4 + 0.5 + 0.1 + 0.3 + 0.9) / 6, 12);
    expect(pooled[0]!.meanB - pooled[0]!.meanA).toBeCloseTo(0.15, 12);
  });

  it('Holm-corrects the pooled tests of a metric among themselves', () => {
    // Prepare: a third system on both pairs makes three pooled comparisons.
    const more = [
      ...results,
      run('clir', 'en', 'de', 'third', [0.9, 0.9, 0.9]),
      run('clir', 'de', 'en', 'third', [0.9, 0.9, 0.9]),
    ];
    // Act
    const pooled = comparePooled(more, ['map'], 7);
    // Assess
    expect(pooled.map((c) => `${c.a}>${c.b}`)).toEqual(['psq>rerank', 'psq>third', 'rerank>third']);
    expect(pooled.map((c) => c.pHolm)).toEqual(holmBonferroni(pooled.map((c) => c.p)));
    expect(pooled.some((c) => c.pHolm > c.p)).toBe(true);
  });
});
