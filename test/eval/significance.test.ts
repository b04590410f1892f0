import { describe, expect, it } from 'vitest';
import {
  EvalError,
  holmBonferroni,
  lnGamma,
  pairedTTest,
  permutationTest,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSided,
} from '../../lib/eval/index.js';

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
  });

  it('regularized incomplete beta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_{1/2}(a, a) = 1/2 by symmetry
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 13);
    expect(regularizedIncompleteBeta(0.3, 3, 1)).toBeCloseTo(0.027, 13);
    expect(regularizedIncompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it.each([
    // Tables / R: 2 * pt(-2, 10) = 0.0733880
    [2, 10, 0.073388],
    // df = 1 is Cauchy: p = 1 − (2/π)·atan(|t|); t = 1 → 0.5, t = 2 → 0.2951672
    [1, 1, 0.5],
    [2, 1, 1 - (2 / Math.PI) * Math.atan(2)],
    // df = 2 closed form: p = 1 − |t| / √(2 + t²); t = 2 → 1 − 2/√6 = 0.1835034
    [2, 2, 1 - 2 / Math.sqrt(6)],
    // 2.228139 is the two-sided 5% critical value for df = 10
    [2.228139, 10, 0.05],
    [0, 7, 1],
  ])('two-sided p of t = %d with df = %d is %d', (t, df, p) => {
    expect(studentTTwoSided(t, df)).toBeCloseTo(p, 6);
    expect(studentTTwoSided(-t, df)).toBeCloseTo(p, 6);
  });

  it('t CDF is symmetric about 0', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 14);
    expect(studentTCdf(2, 10) + studentTCdf(-2, 10)).toBeCloseTo(1, 14);
    expect(studentTCdf(-2, 10)).toBeCloseTo(0.073388 / 2, 6);
  });
});

describe('pairedTTest', () => {
  it('gives t = 2√3 and p = 1 − 2√3/√14 for differences [1, 2, 3]', () => {
    // mean 2, sample variance ((−1)² + 0² + 1²)/2 = 1, SE = 1/√3 → t = 2√3 ≈ 3.4641, df = 2
    // p = 1 − t/√(2 + t²) = 1 − 3.4641/√14 ≈ 0.0741799
    const result = pairedTTest([1.5, 2.5, 4], [0.5, 0.5, 1]);
    expect(result.meanDifference).toBeCloseTo(2, 14);
    expect(result.t).toBeCloseTo(2 * Math.sqrt(3), 12);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(1 - (2 * Math.sqrt(3)) / Math.sqrt(14), 10);
  });

  it('gives t = 2 and p ≈ 0.0734 on 11 pairs built for it', () => {
    // differences 1 ± a (5 pairs) and 1: mean 1, squared deviations 10a² = 27.5 with a² = 2.75,
    // s² = 27.5 / 10 = 2.75, SE = √(2.75/11) = 0.5 → t = 2, df = 10
    const a = Math.sqrt(2.75);
    const d = [1 + a, 1 - a, 1 + a, 1 - a, 1 + a, 1 - a, 1 + a, 1 - a, 1 + a, 1 - a, 1];
    const result = pairedTTest(
      d.map((x) => x + 10),
      d.map(() => 10),
    );
    expect(result.t).toBeCloseTo(2, 10);
    expect(result.df).toBe(10);
    expect(result.p).toBeCloseTo(0.073388, 5);
  });

  it('handles zero variance: identical systems p = 1, a constant gain p = 0', () => {
    expect(pairedTTest([0.2, 0.5, 0.9], [0.2, 0.5, 0.9])).toMatchObject({ t: 0, p: 1 });
    expect(pairedTTest([0.3, 0.6, 1], [0.2, 0.5, 0.9]).p).toBe(0);
  });

  it('refuses unpaired or too short inputs', () => {
    expect(() => pairedTTest([1, 2], [1])).toThrow(EvalError);
    expect(() => pairedTTest([1], [2])).toThrow(/at least 2 queries/);
    expect(() => pairedTTest([1, NaN], [2, 3])).toThrow(/not finite/);
  });
});

/** Exact two-sided randomisation p-value over all 2^n sign patterns (count / 2^n). */
function exactPermutationP(d: readonly number[]): number {
  const observed = Math.abs(d.reduce((s, x) => s + x, 0));
  let count = 0;
  for (let mask = 0; mask < 2 ** d.length; mask++) {
    const sum = d.reduce((s, x, i) => s + ((mask >> i) & 1 ? -x : x), 0);
    if (Math.abs(sum) >= observed - 1e-12) count++;
  }
  return count / 2 ** d.length;
}

describe('permutationTest', () => {
  const base = [0.31, 0.52, 0.18, 0.77, 0.44, 0.61, 0.05, 0.39, 0.26, 0.83];
  const other = [0.35, 0.49, 0.3, 0.8, 0.52, 0.58, 0.2, 0.41, 0.37, 0.9];

  it('gives p = 1 for identical systems', () => {
    // every sign pattern of all-zero differences reaches |0| ≥ 0: p = (10000 + 1) / (10000 + 1)
    expect(permutationTest(base, base).p).toBe(1);
  });

  it('gives a small p for a clearly better system', () => {
    // Prepare: 20 queries, every one improved; only 2 of 2^20 sign patterns are as extreme.
    const a = Array.from({ length: 20 }, (_, i) => 0.3 + 0.03 * (i % 7));
    const b = a.map((x, i) => x + 0.1 + 0.01 * (i % 3));
    // Act
    const result = permutationTest(b, a);
    // Assess: almost surely no trial reaches it: p = 1/10001
    expect(result.p).toBeLessThan(0.001);
    expect(result.meanDifference).toBeGreaterThan(0.1);
    expect(result.trials).toBe(10_000);
  });

  it('is deterministic for a seed and close to the exact p-value', () => {
    // Act
    const first = permutationTest(other, base, { seed: 7 });
    const again = permutationTest(other, base, { seed: 7 });
    const reseeded = permutationTest(other, base, { seed: 8, trials: 20_000 });
    // Assess: the exact p is 26/1024 ≈ 0.0254; the Monte Carlo SD there is ≈ 0.0016, so 0.01 is wide
    const exact = exactPermutationP(other.map((x, i) => x - base[i]!));
    expect(exact).toBe(26 / 1024);
    expect(again).toEqual(first);
    expect(Math.abs(first.p - exact)).toBeLessThan(0.01);
    expect(Math.abs(reseeded.p - exact)).toBeLessThan(0.01);
    expect(reseeded.trials).toBe(20_000);
  });

  it('refuses bad trial counts and unpaired inputs', () => {
    expect(() => permutationTest(base, base, { trials: 0 })).toThrow(/trials/);
    expect(() => permutationTest(base, other.slice(1))).toThrow(/equal-length/);
  });
});

describe('holmBonferroni', () => {
  it('adjusts the textbook example (m = 4) and keeps the input order', () => {
    // p = [0.01, 0.04, 0.03, 0.005]; sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06,
    // 0.04·1 = 0.04 → raised to the running maximum 0.06. At α = 0.05 reject H1 and H4 only.
    const adjusted = holmBonferroni([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeCloseTo(0.03, 14);
    expect(adjusted[1]).toBeCloseTo(0.06, 14);
    expect(adjusted[2]).toBeCloseTo(0.06, 14);
    expect(adjusted[3]).toBeCloseTo(0.02, 14);
  });

  it('caps at 1 and stays monotone in the raw p-values', () => {
    // 0.5·2 = 1, then max(1, 0.6) = 1
    expect(holmBonferroni([0.6, 0.5])).toEqual([1, 1]);
    expect(holmBonferroni([0.04])).toEqual([0.04]);
    expect(holmBonferroni([])).toEqual([]);
    const raw = [0.2, 0.001, 0.04, 0.03, 0.9, 0.04];
    const adjusted = holmBonferroni(raw);
    for (let i = 0; i < raw.length; i++) {
      expect(adjusted[i]).toBeGreaterThanOrEqual(raw[i]!);
      expect(adjusted[i]).toBeLessThanOrEqual(1);
      for (let j = 0; j < raw.length; j++)
        if (raw[i]! <= raw[j]!) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]!);
    }
  });

  it('refuses values outside [0, 1]', () => {
    expect(() => holmBonferroni([0.1, 1.5])).toThrow(/p-value 1 is 1.5/);
    expect(() => holmBonferroni([NaN])).toThrow(EvalError);
  });
});
