/**
 * Top-k retrieval over one shard. `maxScoreTopK` is MaxScore (Turtle & Flood
 * 1995): lists are ordered by their score upper bound, and once the k-th best
 * score θ exceeds the summed bounds of the weakest lists, those lists can no
 * longer introduce a document on their own, so only the remaining
 * "essential" lists drive candidate generation. Both functions sum a document's
 * term scores in one order, the lists' by descending upper bound (summationOrder), so pruned
 * and exhaustive results are bit-identical.
 */
import { UPPER_BOUND_SLACK } from './bm25.js';
import { TopKHeap, type ScoredDoc } from './heap.js';
import type { LengthNorms } from './norms.js';

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
  /**
   * The best impact in each block of ShardScoring.blockDocs documents (impacts.ts blockMaxima),
   * or undefined: upperBound holds in every window.
   */
  blockMaxima?: Float64Array | undefined;
  upperBound: number;
}

export interface ShardScoring {
  terms: readonly ScoringTerm[];
  /** The shard's length norms (the impacts were computed with them): how many documents it has. */
  norms: LengthNorms;
  /** Documents per block of the terms' blockMaxima: IMPACT_BLOCK_DOCS (impacts.ts) unless given. */
  blockDocs?: number;
  /** Optional filter, e.g. by document language. */
  accept?: (doc: number) => boolean;
}

/**
 * The order every document's term scores are summed in: lists by descending upper bound, ties by
 * query position. Floating-point sums depend on their order, and this is the one MaxScore can
 * follow without keeping each list's score apart: its essential lists are always the first
 * ones of it, and the lists it probes afterwards come next, strongest first.
 */
export function summationOrder(terms: readonly ScoringTerm[]): Int32Array {
  return Int32Array.from(terms, (_, i) => i).sort(
    (a, b) => terms[b]!.upperBound - terms[a]!.upperBound || a - b,
  );
}

/** Scores every matching document; the reference the pruned path must equal. */
export function exhaustiveTopK(scoring: ShardScoring, k: number): ScoredDoc[] {
  const { terms, norms, accept } = scoring;
  const scores = new Float64Array(norms.docCount);
  const matched = new Uint8Array(norms.docCount);
  for (const i of summationOrder(terms)) {
    const { weight, postings, impacts } = terms[i]!;
    const { docs } = postings;
    for (let p = 0; p < docs.length; p++) {
      const d = docs[p]!;
      scores[d]! += weight * impacts[p]!;
      matched[d] = 1;
    }
  }
  const heap = new TopKHeap(k);
  for (let d = 0; d < norms.docCount; d++) {
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
 * Documents per window of maxScoreInto: the essential lists add their scores into one Float64
 * slot per document of the window (16 KiB), small enough to stay in cache. On bench:bm25's 1M
 * documents, windows of 1,024, 2,048 and 4,096 were within noise of each other (warm top-10
 * p50 0.77–0.82 ms, top-1000 2.36–2.42 ms).
 */
export const MAXSCORE_WINDOW_DOCS = 2048;

/**
 * What probing one candidate in a list costs, in postings read straight through: a list after
 * the essential ones is read through the window when it has fewer postings there than the
 * window's essential postings times this, and probed per candidate otherwise. Galloping search
 * jumps about in a long list and branches unpredictably; a straight read is a few instructions a
 * posting. On bench:bm25's 1M documents, 2, 4, 8 and 16 were within noise of each other at
 * top-10 (0.80–0.90 ms p50) and at top-1000 (2.44–2.52 ms); 0 (always probe) gave 0.88 and
 * 3.05 ms.
 */
export const SCAN_POSTINGS_PER_PROBE = 4;

/**
 * MaxScore into a heap shared by the shards of an index, this shard's documents numbered from
 * `docBase`: the heap's k-th best score is where pruning starts, and the shards searched before
 * this one hold the lower numbers, so they win ties as they would in one big index. Sharing the
 * heap saves collecting every shard's top k and sorting them together, most of top-1000's cost
 * outside scoring.
 *
 * Candidates are generated a window of documents at a time, as Lucene's MaxScoreBulkScorer does:
 * the essential lists, the first ones in summation order, add their scores into the window's
 * slots one list at a time in one tight loop. The next lists that are short in the window are
 * read straight through and add to the candidates' slots (SCAN_POSTINGS_PER_PROBE). Then the
 * window's candidates are visited in document order and the remaining lists probed in summation
 * order, only while the partial score plus their bounds can still pass θ. Every bound is the
 * window's: a list's best impact over the window's blocks (blockMaxima) times its weight, where
 * it keeps them, else its upper bound. Because every list is
 * added in summation order, a candidate's partial score after the last list is its exact score:
 * no list's score is kept apart or summed again.
 * @param windowDocs documents per window (MAXSCORE_WINDOW_DOCS); tests shrink it.
 * @param scanPostingsPerProbe SCAN_POSTINGS_PER_PROBE; tests set 0 (probe every list) or
 *   Infinity (read every list through).
 */
export function maxScoreInto(
  scoring: ShardScoring,
  heap: TopKHeap,
  docBase = 0,
  floor = -Infinity,
  windowDocs = MAXSCORE_WINDOW_DOCS,
  scanPostingsPerProbe = SCAN_POSTINGS_PER_PROBE,
): void {
  const { accept, terms } = scoring;
  const n = terms.length;
  const order = summationOrder(terms);
  const docsOf = Array.from(order, (i) => terms[i]!.postings.docs);
  const impactsOf = Array.from(order, (i) => terms[i]!.impacts);
  const weights = Float64Array.from(order, (i) => terms[i]!.weight);
  const bounds = Float64Array.from(order, (i) => terms[i]!.upperBound);
  // remainingBound[j]: the most lists j.. of the summation order can add together.
  const remainingBound = new Float64Array(n + 1);
  for (let j = n - 1; j >= 0; j--) remainingBound[j] = remainingBound[j + 1]! + bounds[j]!;
  const blockMaximaOf = Array.from(order, (i) => terms[i]!.blockMaxima);
  // Not the window size: tests shrink windows over maxima built for other blocks.
  const blockDocs = scoring.blockDocs ?? MAXSCORE_WINDOW_DOCS;
  // remainingInWindow[j]: the same, for the documents of the current window only.
  const remainingInWindow = new Float64Array(n + 1);
  const position = new Int32Array(n);
  const { partialOf, seen } = windowScratch(windowDocs);

  // The scratch is all zeros between calls; only a throwing filter could leave it otherwise.
  try {
    let threshold = Math.max(floor, heap.threshold);
    const docCount = scoring.norms.docCount;
    for (let windowStart = 0; windowStart < docCount; windowStart += windowDocs) {
      // Nothing left in the shard can pass θ: even every list together is bounded below it.
      if (remainingBound[0]! <= threshold) break;
      const windowEnd = Math.min(docCount, windowStart + windowDocs);
      for (let j = n - 1; j >= 0; j--) {
        const maxima = blockMaximaOf[j];
        const bound =
          maxima === undefined
            ? bounds[j]!
            : Math.min(
                bounds[j]!,
                weights[j]! *
                  blockMaximum(maxima, windowStart, windowEnd, blockDocs) *
                  (1 + UPPER_BOUND_SLACK),
              );
        remainingInWindow[j] = remainingInWindow[j + 1]! + bound;
      }
      // Lists essential..n−1 together cannot pass θ in this window: a document only they hold is
      // no candidate. None essential: no document of the window can pass.
      let essential = n;
      while (essential > 0 && remainingInWindow[essential - 1]! <= threshold) essential--;
      if (essential === 0) continue;
      let candidates = 0;
      for (let j = 0; j < essential; j++) {
        const docs = docsOf[j]!;
        const impacts = impactsOf[j]!;
        const weight = weights[j]!;
        // A skipped window, or probes that stopped short, may have left it before this window.
        const first = advance(docs, position[j]!, windowStart);
        let p = first;
        for (; p < docs.length; p++) {
          const doc = docs[p]!;
          if (doc >= windowEnd) break;
          const d = doc - windowStart;
          partialOf[d] = partialOf[d]! + weight * impacts[p]!;
          seen[d >>> 5]! |= 1 << (d & 31);
        }
        position[j] = p;
        candidates += p - first;
      }
      // The lists after the essential ones whose postings in the window are fewer than the
      // candidates' probes would cost are read straight through, adding to candidates only.
      let probed = essential;
      const windowShare = (windowEnd - windowStart) / docCount;
      while (probed < n && docsOf[probed]!.length * windowShare < candidates * scanPostingsPerProbe) {
        const docs = docsOf[probed]!;
        const impacts = impactsOf[probed]!;
        const weight = weights[probed]!;
        let p = advance(docs, position[probed]!, windowStart);
        for (; p < docs.length; p++) {
          const doc = docs[p]!;
          if (doc >= windowEnd) break;
          const d = doc - windowStart;
          if ((seen[d >>> 5]! & (1 << (d & 31))) !== 0) partialOf[d] = partialOf[d]! + weight * impacts[p]!;
        }
        position[probed] = p;
        probed++;
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
          let score = partialOf[d]!;
          partialOf[d] = 0;
          // A document the filter refuses is pruned like one that cannot pass θ.
          if (accept !== undefined && !accept(doc)) continue;
          let pruned = false;
          for (let j = probed; j < n; j++) {
            if (score + remainingInWindow[j]! <= threshold) {
              pruned = true;
              break;
            }
            const docs = docsOf[j]!;
            const p = advance(docs, position[j]!, doc);
            position[j] = p;
            if (p < docs.length && docs[p] === doc) score += weights[j]! * impactsOf[j]![p]!;
          }
          if (!pruned && score > threshold) {
            heap.offer(docBase + doc, score);
            if (heap.full && heap.threshold > threshold) threshold = heap.threshold;
          }
        }
      }
    }
  } catch (error) {
    partialOf.fill(0);
    seen.fill(0);
    throw error;
  }
}

/** The best of the block maxima over the blocks that documents [start, end) fall in. */
function blockMaximum(maxima: Float64Array, start: number, end: number, blockDocs: number): number {
  let best = 0;
  const last = Math.floor((end - 1) / blockDocs);
  for (let block = Math.floor(start / blockDocs); block <= last; block++) {
    if (maxima[block]! > best) best = maxima[block]!;
  }
  return best;
}

interface WindowScratch {
  /** partialOf[d]: the running sum of document windowStart + d over the lists added so far; seen: the candidates. */
  partialOf: Float64Array;
  seen: Int32Array;
}

let scratch: WindowScratch | undefined;

/**
 * Zeroed window arrays, reused across calls (search is synchronous per shard, and each call
 * leaves them zeroed): allocating and zeroing them for every shard of every query cost more
 * than scoring a top-10.
 */
function windowScratch(windowDocs: number): WindowScratch {
  if (!scratch || scratch.partialOf.length !== windowDocs) {
    scratch = { partialOf: new Float64Array(windowDocs), seen: new Int32Array(Math.ceil(windowDocs / 32)) };
  }
  return scratch;
}
