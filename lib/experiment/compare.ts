/**
 * Significance between systems: on each language pair of each setting, every two systems are
 * compared with a paired randomisation test per metric (Smucker et al. 2007 recommend it for
 * IR), and the p-values of one metric are Holm-corrected together over the whole experiment,
 * so a "significant" mark controls the family-wise error rate across all pairs. The same test
 * over every (pair, question) of a setting at once backs a claim about the mean over its pairs;
 * those pooled tests are Holm-corrected as a family of their own.
 */
import { holmBonferroni, permutationTest } from '../eval/index.js';
import { PERMUTATION_TRIALS } from './constants.js';
import type { Comparison, PairResult, PooledComparison, Setting } from './types.js';

function groupKey(r: PairResult): string {
  return `${r.setting}\u0000${r.queryLang}\u0000${r.docLang}`;
}

function scores(result: PairResult, qids: readonly string[], metric: string): number[] {
  return qids.map((qid) => result.perQuery.get(qid)?.[metric] ?? 0);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** The family with each test's Holm-adjusted p filled in. */
function holmCorrected<T extends { p: number; pHolm: number }>(family: T[]): T[] {
  const adjusted = holmBonferroni(family.map((c) => c.p));
  family.forEach((c, k) => (c.pHolm = adjusted[k]!));
  return family;
}

export function compareSystems(
  results: readonly PairResult[],
  metrics: readonly string[],
  seed: number,
): Comparison[] {
  const groups = new Map<string, PairResult[]>();
  for (const r of results) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r]);
  const comparisons: Comparison[] = [];
  for (const metric of metrics) {
    const family: Comparison[] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!;
          const b = group[j]!;
          const qids = [...a.perQuery.keys()];
          const test = permutationTest(scores(a, qids, metric), scores(b, qids, metric), {
            trials: PERMUTATION_TRIALS,
            seed,
          });
          family.push({
            setting: a.setting,
            queryLang: a.queryLang,
            docLang: a.docLang,
            metric,
            a: a.system,
            b: b.system,
            meanA: a.mean[metric]!,
            meanB: b.mean[metric]!,
            p: test.p,
            pHolm: 0,
          });
        }
      }
    }
    comparisons.push(...holmCorrected(family));
  }
  return comparisons;
}

/** Per setting, every two systems that ran on all of its pairs (two or more), tested pooled. */
export function comparePooled(
  results: readonly PairResult[],
  metrics: readonly string[],
  seed: number,
): PooledComparison[] {
  const bySetting = new Map<Setting, PairResult[]>();
  for (const r of results) bySetting.set(r.setting, [...(bySetting.get(r.setting) ?? []), r]);
  const pooled: PooledComparison[] = [];
  for (const metric of metrics) {
    const family: PooledComparison[] = [];
    for (const [setting, rows] of bySetting) {
      const pairs = [...new Set(rows.map(groupKey))];
      if (pairs.length < 2) continue;
      const runOf = (system: string, pair: string) =>
        rows.find((r) => r.system === system && groupKey(r) === pair);
      const systems = [...new Set(rows.map((r) => r.system))].filter((system) =>
        pairs.every((pair) => runOf(system, pair) !== undefined),
      );
      for (let i = 0; i < systems.length; i++) {
        for (let j = i + 1; j < systems.length; j++) {
          const a: number[] = [];
          const b: number[] = [];
          for (const pair of pairs) {
            const runA = runOf(systems[i]!, pair)!;
            const qids = [...runA.perQuery.keys()];
            a.push(...scores(runA, qids, metric));
            b.push(...scores(runOf(systems[j]!, pair)!, qids, metric));
          }
          const test = permutationTest(a, b, { trials: PERMUTATION_TRIALS, seed });
          family.push({
            setting,
            metric,
            a: systems[i]!,
            b: systems[j]!,
            pairs: pairs.length,
            queries: a.length,
            meanA: mean(a),
            meanB: mean(b),
            p: test.p,
            pHolm: 0,
          });
        }
      }
    }
    pooled.push(...holmCorrected(family));
  }
  return pooled;
}
