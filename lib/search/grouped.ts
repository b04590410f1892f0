/**
 * Grouped query terms: one source-language query term stands for several weighted
 * document-language terms (probabilistic structured queries, Darwish & Oard 2003). BM25 then
 * treats the group as one term with tf'(d) = Σ_t p(t|q)·tf(t, d) and df' = Σ_t p(t|q)·df(t).
 */
import type { DecodedPostings } from '../index/index.js';
import { termScore, UPPER_BOUND_SLACK } from './bm25.js';
import type { ScoringPostings } from './topk.js';

/** A term with a weight: a query term's count, or a translation's probability inside a group. */
export interface WeightedTerm {
  term: string;
  /** Query-side weight, e.g. the number of occurrences in the query. */
  weight: number;
}

/** One query term as a weighted set of index terms. */
export interface TermGroup {
  /** Query-side weight of the source term: its number of occurrences in the query. */
  weight: number;
  /** Index terms with their probabilities p(t | q) as weights; a plain term is one entry of weight 1. */
  terms: readonly WeightedTerm[];
}

/** A plain (untranslated) term as a group of one. */
export function singletonGroup(term: WeightedTerm): TermGroup {
  return { weight: term.weight, terms: [{ term: term.term, weight: 1 }] };
}

/** A group member's postings in one shard with its probability. */
export interface WeightedPostings {
  postings: DecodedPostings;
  p: number;
}

/**
 * Merges the members' lists into one with tf' = Σ p·tf, summed in member order so the result
 * does not depend on which list a document was met in first. Lists are short-ish and a group
 * has few members, so a linear scan for the smallest head is cheaper than a heap.
 */
export function mergeGroupPostings(members: readonly WeightedPostings[]): ScoringPostings {
  const positions = new Int32Array(members.length);
  const docs: number[] = [];
  const tfs: number[] = [];
  for (;;) {
    let doc = 0x7fffffff;
    members.forEach(({ postings }, m) => {
      const p = positions[m]!;
      if (p < postings.docs.length && postings.docs[p]! < doc) doc = postings.docs[p]!;
    });
    if (doc === 0x7fffffff) break;
    let tf = 0;
    members.forEach(({ postings, p: probability }, m) => {
      const p = positions[m]!;
      if (p < postings.docs.length && postings.docs[p] === doc) {
        tf += probability * postings.tfs[p]!;
        positions[m] = p + 1;
      }
    });
    docs.push(doc);
    tfs.push(tf);
  }
  return { docs: Int32Array.from(docs), tfs: Float64Array.from(tfs) };
}

/**
 * Exact upper bound of a merged list, by scanning it: the stored (tf, dl) frontier does not
 * carry over to a sum of several lists, and the merge has touched every posting anyway.
 */
export function mergedUpperBound(weight: number, postings: ScoringPostings, norms: Float64Array): number {
  let best = 0;
  for (let i = 0; i < postings.docs.length; i++) {
    const s = termScore(weight, postings.tfs[i]!, norms[postings.docs[i]!]!);
    if (s > best) best = s;
  }
  return best * (1 + UPPER_BOUND_SLACK);
}
