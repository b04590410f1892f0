import { EvalError } from './errors.js';
import { studentTTwoSided } from './special.js';

/** Differences a[i] − b[i] of paired per-query scores, after checking the pairing is sound. */
function differences(a: readonly number[], b: readonly number[], minimum: number): number[] {
  if (a.length !== b.length) {
    throw new EvalError(`paired test needs equal-length score lists, got ${a.length} and ${b.length}`);
  }
  if (a.length < minimum)
    throw new EvalError(`paired test needs at least ${minimum} queries, got ${a.length}`);
  return a.map((x, i) => {
    const d = x - b[i]!;
    if (!Number.isFinite(d)) throw new EvalError(`score pair ${i} (${x}, ${b[i]}) is not finite`);
    return d;
  });
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface TTestResult {
  /** Mean of a[i] − b[i]. */
  meanDifference: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Paired two-sided Student's t-test over per-query scores (the usual test in IR papers).
 * When every difference is equal the standard error is 0: identical systems (all differences
 * 0) get t = 0 and p = 1, a constant non-zero difference gets t = ±Infinity and p = 0.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): TTestResult {
  const d = differences(a, b, 2);
  const n = d.length;
  const m = mean(d);
  let squares = 0;
  for (const x of d) squares += (x - m) * (x - m);
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const df = n - 1;
  if (standardError === 0) {
    const t = m === 0 ? 0 : m > 0 ? Infinity : -Infinity;
    return { meanDifference: m, t, df, p: m === 0 ? 1 : 0 };
  }
  const t = m / standardError;
  return { meanDifference: m, t, df, p: studentTTwoSided(t, df) };
}

/**
 * Seeded PRNG (mulberry32): 32-bit state, uniform 32-bit outputs. Statistically plenty for
 * sign flips, and the same seed gives the same p-value on every platform.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}

export interface PermutationOptions {
  /** Random relabellings to draw (default 10,000). */
  trials?: number;
  /** PRNG seed (default 1), so a reported p-value can be reproduced. */
  seed?: number;
}

export interface PermutationResult {
  meanDifference: number;
  /** Two-sided p-value, (count + 1) / (trials + 1). */
  p: number;
  trials: number;
}

export const DEFAULT_PERMUTATION_TRIALS = 10_000;

/**
 * Paired randomisation test: under the null hypothesis the two systems are exchangeable per
 * query, so each difference is equally likely to carry either sign. Each trial flips every
 * sign with probability 1/2 and counts |sum| ≥ |observed sum|; p = (count + 1) / (trials + 1)
 * counts the observed labelling as one of the permutations, so p is never 0 (a Monte Carlo
 * estimate cannot prove a probability of 0). Identical systems give p = 1.
 */
export function permutationTest(
  a: readonly number[],
  b: readonly number[],
  options: PermutationOptions = {},
): PermutationResult {
  const d = differences(a, b, 1);
  const trials = options.trials ?? DEFAULT_PERMUTATION_TRIALS;
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new EvalError(`trials must be a positive integer, got ${trials}`);
  }
  const random = mulberry32(options.seed ?? 1);
  let observed = 0;
  let magnitude = 0;
  for (const x of d) {
    observed += x;
    magnitude += Math.abs(x);
  }
  // Sums of the same terms in another sign pattern can land an ulp below |observed| when
  // they are mathematically equal; the tolerance keeps such ties counted as ties.
  const threshold = Math.abs(observed) - 1e-12 * magnitude;
  let count = 0;
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    let bits = 0;
    for (let i = 0; i < d.length; i++) {
      // One 32-bit draw gives 32 sign flips.
      if (i % 32 === 0) bits = random();
      sum += (bits >>> (i % 32)) & 1 ? -d[i]! : d[i]!;
    }
    if (Math.abs(sum) >= threshold) count++;
  }
  return { meanDifference: observed / d.length, p: (count + 1) / (trials + 1), trials };
}

/**
 * Holm–Bonferroni step-down adjustment. Sorted ascending, the j-th smallest p (1-based) is
 * multiplied by m − j + 1; a running maximum keeps adjusted values monotone in the raw ones
 * and each is capped at 1. Returned in the input order; reject where adjusted p ≤ α. It
 * controls the family-wise error rate like Bonferroni but rejects at least as often.
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new EvalError(`p-value ${i} is ${p}, not in [0, 1]`);
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((x, y) => pValues[x]! - pValues[y]! || x - y);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, j) => {
    running = Math.max(running, Math.min(1, (m - j) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
