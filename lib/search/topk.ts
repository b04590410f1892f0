/**
 * Top-k retrieval over one shard. `maxScoreTopK` is MaxScore (Turtle & Flood
 * 1995): lists are ordered by their score upper bound, and once the k-th best
 * score θ exceeds the summed bounds of the weakest lists, those lists can no
 * longer introduce a document on their own, so only the remaining
 * "essential" lists drive candidate generation. Scores are summed in query
 * term order in both functions, so pruned and exhaustive results are
 * bit-identical.
 */
import { UPPER_BOUND_SLACK } from './bm25.js';
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
  /** termImpact(tf, norm) per posting (impacts.ts): a posting scores weight · impact. */
  impacts: Float64Array;
  upperBound: number;
}

export interface ShardScoring {
  terms: readonly ScoringTerm[];
  /** The shard's length norms, one per document: how many documents it has. */
  norms: Float64Array;
  /** Optional filter, e.g. by document language. */
  accept?: (doc: number) => boolean;
}

/** Scores every matching document; the reference the pruned path must equal. */
export function exhaustiveTopK(scoring: ShardScoring, k: number): ScoredDoc[] {
  const { terms, norms, accept } = scoring;
  const scores = new Float64Array(norms.length);
  const matched = new Uint8Array(norms.length);
  for (const { weight, postings, impacts } of terms) {
    const { docs } = postings;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      scores[d]! += weight * impacts[i]!;
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
  const heap = new TopKHeap(k);
  maxScoreInto(scoring, heap, 0, floor);
  return heap.sorted();
}

/**
 * Documents per window of maxScoreInto: the essential lists are scored list by list into
 * n + 1 Float64 slots per document of the window, small enough to stay in cache. On bench:bm25's
 * 1M documents, windows of 1,024, 2,048 and 4,096 were within noise of each other at top-10
 * (2.0–2.2 ms p50) and 1,024 was ahead at top-1000 (4.6–4.8 against 5.0–5.3 ms).
 */
export const MAXSCORE_WINDOW_DOCS = 1024;

/**
 * MaxScore into a heap shared by the shards of an index, this shard's documents numbered from
 * `docBase`: the heap's k-th best score is where pruning starts, and the shards searched before
 * this one hold the lower numbers, so they win ties as they would in one big index. Sharing the
 * heap saves collecting every shard's top k and sorting them together, most of top-1000's cost
 * outside scoring.
 *
 * Candidates are generated a window of documents at a time, as Lucene's MaxScoreBulkScorer does:
 * each essential list adds its scores into per-list and summed slot arrays in one tight loop,
 * then the window's candidates are visited in document order, the non-essential lists probed
 * only while the partial score plus their bounds can still pass θ. Finding each candidate as the
 * smallest head of the essential lists, one document at a time, cost more than the scoring.
 * @param windowDocs documents per window (MAXSCORE_WINDOW_DOCS); tests shrink it.
 */
export function maxScoreInto(
  scoring: ShardScoring,
  heap: TopKHeap,
  docBase = 0,
  floor = -Infinity,
  windowDocs = MAXSCORE_WINDOW_DOCS,
): void {
  const { accept } = scoring;
  const n = scoring.terms.length;
  // Lists by ascending bound: the first ones are those θ makes non-essential.
  const order = Int32Array.from(scoring.terms, (_, i) => i).sort(
    (a, b) => scoring.terms[a]!.upperBound - scoring.terms[b]!.upperBound,
  );
  const docsOf = scoring.terms.map((t) => t.postings.docs);
  const impactsOf = scoring.terms.map((t) => t.impacts);
  const weights = scoring.terms.map((t) => t.weight);
  const prefixBound = new Float64Array(n);
  order.reduce((sum, i, j) => (prefixBound[j] = sum + scoring.terms[i]!.upperBound), 0);
  const position = new Int32Array(n);
  const { contribution, partialOf, seen } = windowScratch(n, windowDocs);

  // The scratch is all zeros between calls; only a throwing filter could leave it otherwise.
  try {
    let threshold = Math.max(floor, heap.threshold);
    const docCount = scoring.norms.length;
    for (let windowStart = 0; windowStart < docCount; windowStart += windowDocs) {
      let firstEssential = 0;
      while (firstEssential < n && prefixBound[firstEssential]! <= threshold) firstEssential++;
      // Nothing left in the shard can pass θ: even every list together is bounded below it.
      if (firstEssential === n) break;
      const windowEnd = Math.min(docCount, windowStart + windowDocs);
      for (let j = firstEssential; j < n; j++) {
        const i = order[j]!;
        const docs = docsOf[i]!;
        const impacts = impactsOf[i]!;
        const weight = weights[i]!;
        const slots = i * windowDocs;
        let p = position[i]!;
        for (; p < docs.length; p++) {
          const doc = docs[p]!;
          if (doc >= windowEnd) break;
          const d = doc - windowStart;
          const s = weight * impacts[p]!;
          contribution[slots + d] = s;
          partialOf[d] = partialOf[d]! + s;
          seen[d >>> 5]! |= 1 << (d & 31);
        }
        position[i] = p;
      }

      for (let word = 0; word < seen.length; word++) {
        let bits = seen[word]!;
        if (bits === 0) continue;
        seen[word] = 0;
        while (bits !== 0) {
          const bit = 31 - Math.clz32(bits & -bits);
          bits &= bits - 1;
          const d = word * 32 + bit;
          const doc = windowStart + d;
          let partial = partialOf[d]!;
          partialOf[d] = 0;
          // A document the filter refuses is pruned like one that cannot pass θ.
          let pruned = accept !== undefined && !accept(doc);
          for (let j = firstEssential - 1; j >= 0 && !pruned; j--) {
            if (partial + prefixBound[j]! <= threshold) {
              pruned = true;
              break;
            }
            const i = order[j]!;
            const docs = docsOf[i]!;
            const p = advance(docs, position[i]!, doc);
            position[i] = p;
            if (p < docs.length && docs[p] === doc) {
              const s = weights[i]! * impactsOf[i]![p]!;
              contribution[i * windowDocs + d] = s;
              partial += s;
            }
          }
          // The running sum differs from the canonical one by rounding at most, far below the slack.
          if (pruned || partial * (1 + UPPER_BOUND_SLACK) <= threshold) {
            // Most candidates end here: their slots are only cleared for the next window, which
            // costs less than reading them back.
            for (let i = 0; i < n; i++) contribution[i * windowDocs + d] = 0;
            continue;
          }
          // The canonical score: query term order, as exhaustiveTopK adds (x + 0 is x). The same
          // pass leaves the slots zeroed for the next window.
          let score = 0;
          for (let i = 0; i < n; i++) {
            score += contribution[i * windowDocs + d]!;
            contribution[i * windowDocs + d] = 0;
          }
          if (score > floor) {
            heap.offer(docBase + doc, score);
            if (heap.full && heap.threshold > threshold) threshold = heap.threshold;
          }
        }
      }
    }
  } catch (error) {
    contribution.fill(0);
    partialOf.fill(0);
    seen.fill(0);
    throw error;
  }
}

interface WindowScratch {
  /**
   * contribution[i · windowDocs + d]: list i's score for document windowStart + d, 0 when it does
   * not hold it; partialOf[d]: the essential lists' sum; seen: the window's candidates, as bits.
   */
  contribution: Float64Array;
  partialOf: Float64Array;
  seen: Int32Array;
}

let scratch: WindowScratch | undefined;

/**
 * Zeroed window arrays for n lists, reused across calls (search is synchronous per shard, and
 * each call leaves them zeroed): allocating and zeroing them for every shard of every query cost
 * more than scoring a top-10. They grow to the longest query seen: 8 KiB per list, so 8 MiB for
 * a query of MAX_QUERY_TERMS (1,024) lists, and usually well under 100 KiB.
 */
function windowScratch(n: number, windowDocs: number): WindowScratch {
  if (!scratch || scratch.contribution.length < n * windowDocs || scratch.partialOf.length !== windowDocs) {
    const lists = Math.max(n, scratch ? scratch.contribution.length / scratch.partialOf.length : 0);
    scratch = {
      contribution: new Float64Array(lists * windowDocs),
      partialOf: new Float64Array(windowDocs),
      seen: new Int32Array(Math.ceil(windowDocs / 32)),
    };
  }
  return scratch;
}
