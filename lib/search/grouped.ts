/**
 * Grouped query terms: one source-language query term stands for several weighted
 * document-language terms (probabilistic structured queries, Darwish & Oard 2003). BM25 then
 * treats the group as one term with tf'(d) = Σ_t p(t|q)·tf(t, d) and df' = Σ_t p(t|q)·df(t).
 */
import type { DecodedPostings } from '../index/index.js';
import { UPPER_BOUND_SLACK } from './bm25.js';
import { PHRASE_TERM_SEPARATOR } from './constants.js';
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

/**
 * The postings of a conjunction member (terms joined by PHRASE_TERM_SEPARATOR, translation.ts):
 * the documents holding every one of `lists`, each with the smallest of their tfs (a phrase
 * occurs at most as often as its rarest word). No frontier: the searcher bounds such a member by
 * scanning (mergedUpperBound). Undefined when a term has no postings here.
 */
export function conjunctionPostings(
  lists: ReadonlyArray<DecodedPostings | undefined>,
): DecodedPostings | undefined {
  if (lists.length === 0 || lists.some((l) => l === undefined)) return undefined;
  // Walk the shortest list and look each of its documents up in the others (all sorted by doc).
  const sorted = (lists as DecodedPostings[]).slice().sort((a, b) => a.docs.length - b.docs.length);
  const [shortest, ...rest] = sorted as [DecodedPostings, ...DecodedPostings[]];
  const cursors = new Int32Array(rest.length);
  const docs: number[] = [];
  const tfs: number[] = [];
  outer: for (let i = 0; i < shortest.docs.length; i++) {
    const doc = shortest.docs[i]!;
    let tf = shortest.tfs[i]!;
    for (let r = 0; r < rest.length; r++) {
      const other = rest[r]!;
      let c = cursors[r]!;
      while (c < other.docs.length && other.docs[c]! < doc) c++;
      cursors[r] = c;
      if (c === other.docs.length) break outer;
      if (other.docs[c] !== doc) continue outer;
      tf = Math.min(tf, other.tfs[c]!);
    }
    docs.push(doc);
    tfs.push(tf);
  }
  const none = new Int32Array(0);
  return { docs: Int32Array.from(docs), tfs: Int32Array.from(tfs), frontierTfs: none, frontierDls: none };
}

/**
 * What to fetch for group members that may be conjunctions: each distinct index term once, and
 * per shard, the members' lists assembled from the fetched ones (in `members` order).
 */
export function memberFetchPlan(members: readonly string[]): {
  fetch: string[];
  members(fetched: ReadonlyArray<DecodedPostings | undefined>): Array<DecodedPostings | undefined>;
} {
  const parts = members.map((member) => member.split(PHRASE_TERM_SEPARATOR));
  const fetch = [...new Set(parts.flat())];
  const position = new Map(fetch.map((term, i) => [term, i]));
  return {
    fetch,
    members: (fetched) =>
      parts.map((terms) =>
        terms.length === 1
          ? fetched[position.get(terms[0]!)!]
          : conjunctionPostings(terms.map((t) => fetched[position.get(t)!])),
      ),
  };
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
 * Exact upper bound of a merged list, by scanning its impacts: the stored (tf, dl) frontier does
 * not carry over to a sum of several lists, and the merge has touched every posting anyway.
 */
export function mergedUpperBound(weight: number, impacts: Float64Array): number {
  let best = 0;
  for (let i = 0; i < impacts.length; i++) {
    const s = weight * impacts[i]!;
    if (s > best) best = s;
  }
  return best * (1 + UPPER_BOUND_SLACK);
}
