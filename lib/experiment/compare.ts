/**
 * Significance between systems: on each language pair of each setting, every two systems are
 * compared with a paired randomisation test per metric (Smucker et al. 2007 recommend it for
 * IR), and the p-values of one metric are Holm-corrected together over the whole experiment,
 * so a "significant" mark controls the family-wise error rate across all pairs.
 */
import { holmBonferroni, permutationTest } from '../eval/index.js';
import { PERMUTATION_TRIALS } from './constants.js';
import type { Comparison, PairResult } from './types.js';

function groupKey(r: PairResult): string {
  return `${r.setting}\u0000${r.queryLang}\u0000${r.docLang}`;
}

function scores(result: PairResult, qids: readonly string[], metric: string): number[] {
  return qids.map((qid) => result.perQuery.get(qid)?.[metric] ?? 0);
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
    const adjusted = holmBonferroni(family.map((c) => c.p));
    family.forEach((c, k) => (c.pHolm = adjusted[k]!));
    comparisons.push(...family);
  }
  return comparisons;
}
