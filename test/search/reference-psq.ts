/**
 * A deliberately plain PSQ over analysed documents: no shards, no pruning, no merging of
 * posting lists. Per group: tf′(d) = Σ p·tf(t, d), df′ = Σ p·df(t), then Lucene BM25. A member
 * of several space-separated terms is a conjunction: its tf is the smallest of its terms' tfs,
 * its df the number of documents holding all of them.
 */
import type { TermGroup } from '../../lib/search/index.js';
import type { ReferenceDoc } from './reference-bm25.js';

/** A member's tf in a document: a term's count, or a conjunction's smallest count. */
function tfIn(doc: ReferenceDoc, member: string): number {
  return Math.min(...member.split(' ').map((term) => doc.terms.filter((t) => t === term).length));
}

export function psqReferenceScores(
  docs: ReferenceDoc[],
  groups: readonly TermGroup[],
  k1 = 0.9,
  b = 0.4,
): Map<string, number> {
  const n = docs.length;
  const avgdl = docs.reduce((s, d) => s + d.terms.length, 0) / n;
  const df = (term: string) => docs.filter((d) => tfIn(d, term) > 0).length;
  const scores = new Map<string, number>();
  for (const d of docs) {
    let score = 0;
    let matched = false;
    for (const group of groups) {
      let tf = 0;
      let groupDf = 0;
      for (const { term, weight: p } of group.terms) {
        tf += p * tfIn(d, term);
        groupDf += p * df(term);
      }
      if (tf === 0) continue;
      matched = true;
      const idf = Math.log(1 + (n - groupDf + 0.5) / (groupDf + 0.5));
      score += (group.weight * idf * tf) / (tf + k1 * (1 - b + (b * d.terms.length) / avgdl));
    }
    if (matched) scores.set(d.id, score);
  }
  return scores;
}

/**
 * The same plain PSQ's largest attainable score: Σ_g qtf_g · idf(df′_g), every group matched with
 * unbounded tf′ (this BM25 saturates at the weight: no (k1 + 1) factor).
 */
export function psqReferenceBound(docs: ReferenceDoc[], groups: readonly TermGroup[]): number {
  const n = docs.length;
  const df = (term: string) => docs.filter((d) => tfIn(d, term) > 0).length;
  let bound = 0;
  for (const group of groups) {
    const groupDf = group.terms.reduce((sum, { term, weight: p }) => sum + p * df(term), 0);
    bound += group.weight * Math.log(1 + (n - groupDf + 0.5) / (groupDf + 0.5));
  }
  return bound;
}
