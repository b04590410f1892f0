/**
 * Top-k retrieval over one shard. `maxScoreTopK` is MaxScore (Turtle & Flood
 * 1995): lists are ordered by their score upper bound, and once the k-th best
 * score θ exceeds the summed bounds of the weakest lists, those lists can no
 * longer introduce a document on their own, so only the remaining
 * "essential" lists drive candidate generation. Scores are summed in query
 * term order in both functions, so pruned and exhaustive results are
 * bit-identical.
 */
import { termScore, UPPER_BOUND_SLACK } from './bm25.js';
import { TopKHeap, type ScoredDoc } from './heap.js';

/**
 * What scoring reads of a posting list. Stored lists have integer tfs; a PSQ list merged from
 * several translations has fractional ones (Σ p(t|q)·tf(t, d)).
 */
export interface ScoringPostings {
  docs: Int32Array;
  tfs: ArrayLike<number>;
}

export interface ScoringTerm {
  /** qtf · idf */
  weight: number;
  postings: ScoringPostings;
  upperBound: number;
}

export interface ShardScoring {
  terms: readonly ScoringTerm[];
  norms: Float64Array;
  /** Optional filter, e.g. by document language. */
  accept?: (doc: number) => boolean;
}

/** Scores every matching document; the reference the pruned path must equal. */
export function exhaustiveTopK(scoring: ShardScoring, k: number): ScoredDoc[] {
  const { terms, norms, accept } = scoring;
  const scores = new Float64Array(norms.length);
  const matched = new Uint8Array(norms.length);
  for (const { weight, postings } of terms) {
    const { docs, tfs } = postings;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      scores[d]! += termScore(weight, tfs[i]!, norms[d]!);
      matched[d] = 1;
    }
  }
  const heap = new TopKHeap(k);
  for (let d = 0; d < norms.length; d++) {
    if (matched[d] && (!accept || accept(d))) heap.offer(d, scores[d]!);
  }
  return heap.sorted();
}

/** First index ≥ from whose doc is ≥ target (galloping, then binary search). */
function advance(docs: Int32Array, from: number, target: number): number {
  if (from >= docs.length || docs[from]! >= target) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < docs.length && docs[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > docs.length) hi = docs.length;
  // Invariant: docs[lo] < target, and hi is past the end or docs[hi] ≥ target.
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * @param floor a score the caller already holds k better-ranked documents for (from shards
 *   searched before this one, which win ties): documents scoring at or below it are not needed,
 *   so it starts as the pruning threshold instead of −∞.
 */
export function maxScoreTopK(scoring: ShardScoring, k: number, floor = -Infinity): ScoredDoc[] {
  const { norms, accept } = scoring;
  const order = scoring.terms
    .map((_, i) => i)
    .sort((a, b) => scoring.terms[a]!.upperBound - scoring.terms[b]!.upperBound);
  const n = order.length;
  const lists = order.map((i) => scoring.terms[i]!);
  const docsOf = lists.map((t) => t.postings.docs);
  const tfsOf = lists.map((t) => t.postings.tfs);
  const weights = lists.map((t) => t.weight);
  const prefixBound = new Float64Array(n);
  lists.reduce((sum, t, i) => (prefixBound[i] = sum + t.upperBound), 0);
  const position = new Int32Array(n);
  // contribution[i] is list i's score for the document in stamp[i]; stamps avoid clearing per document.
  const contribution = new Float64Array(n);
  const sortedIndexOf = new Int32Array(n);
  order.forEach((original, sorted) => (sortedIndexOf[original] = sorted));
  const stamp = new Int32Array(n).fill(-1);

  const heap = new TopKHeap(k);
  let threshold = floor;
  let firstEssential = 0;
  while (firstEssential < n && prefixBound[firstEssential]! <= threshold) firstEssential++;

  for (;;) {
    let doc = 0x7fffffff;
    for (let i = firstEssential; i < n; i++) {
      const p = position[i]!;
      const docs = docsOf[i]!;
      if (p < docs.length && docs[p]! < doc) doc = docs[p]!;
    }
    if (doc === 0x7fffffff) break;

    let partial = 0;
    for (let i = firstEssential; i < n; i++) {
      const p = position[i]!;
      const docs = docsOf[i]!;
      if (p < docs.length && docs[p] === doc) {
        const s = termScore(weights[i]!, tfsOf[i]![p]!, norms[doc]!);
        contribution[i] = s;
        stamp[i] = doc;
        partial += s;
        position[i] = p + 1;
      }
    }
    if (accept && !accept(doc)) continue;

    let pruned = false;
    for (let i = firstEssential - 1; i >= 0; i--) {
      if (partial + prefixBound[i]! <= threshold) {
        pruned = true;
        break;
      }
      const docs = docsOf[i]!;
      const p = advance(docs, position[i]!, doc);
      position[i] = p;
      if (p < docs.length && docs[p] === doc) {
        const s = termScore(weights[i]!, tfsOf[i]![p]!, norms[doc]!);
        contribution[i] = s;
        stamp[i] = doc;
        partial += s;
      }
    }
    // The running sum differs from the canonical one by rounding at most, far below the slack.
    if (pruned || partial * (1 + UPPER_BOUND_SLACK) <= threshold) continue;

    let score = 0;
    for (let j = 0; j < n; j++) {
      const i = sortedIndexOf[j]!;
      if (stamp[i] === doc) score += contribution[i]!;
    }
    if (score <= floor) continue;
    heap.offer(doc, score);
    if (heap.full && heap.threshold > threshold) {
      threshold = heap.threshold;
      while (firstEssential < n && prefixBound[firstEssential]! <= threshold) firstEssential++;
    }
  }
  return heap.sorted();
}
