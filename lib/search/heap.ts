/** A scored document in one shard's local numbering. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/** True when `a` ranks above `b`: higher score, then earlier document (index order). */
export function ranksAbove(a: ScoredDoc, b: ScoredDoc): boolean {
  return a.score > b.score || (a.score === b.score && a.doc < b.doc);
}

/**
 * Bounded min-heap that keeps the k best documents; the root is the weakest kept. Scores and
 * documents sit in two typed arrays, and a document that does not beat the root is turned away
 * before anything is written: at top-1000 over ten shards a query makes tens of thousands of
 * offers, and a heap of objects spent more time allocating and collecting them than comparing.
 * Documents are doubles, so a caller can number them across shards (searcher.ts).
 */
export class TopKHeap {
  private readonly scores: Float64Array;
  private readonly docs: Float64Array;
  private count = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.docs = new Float64Array(k);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.k;
  }

  /** Score a newcomer must beat; -Infinity until the heap is full. */
  get threshold(): number {
    return this.full ? this.scores[0]! : -Infinity;
  }

  offer(doc: number, score: number): void {
    if (this.count < this.k) {
      this.siftUp(this.count++, doc, score);
    } else if (this.above(doc, score, 0)) {
      this.siftDown(0, doc, score);
    }
  }

  /**
   * Best first, leaving the heap as it is. A copy of it is emptied root by root, weakest first,
   * into the list from the back: a top-1000 sorted as objects through a comparator was a seventh
   * of the query at 100k documents.
   */
  sorted(): ScoredDoc[] {
    const copy = new TopKHeap(this.k);
    copy.scores.set(this.scores.subarray(0, this.count));
    copy.docs.set(this.docs.subarray(0, this.count));
    copy.count = this.count;
    const items = new Array<ScoredDoc>(this.count);
    for (let i = this.count - 1; i >= 0; i--) {
      items[i] = { doc: copy.docs[0]!, score: copy.scores[0]! };
      const last = --copy.count;
      if (last > 0) copy.siftDown(0, copy.docs[last]!, copy.scores[last]!);
    }
    return items;
  }

  /** Whether (doc, score) ranks above the item at i. */
  private above(doc: number, score: number, i: number): boolean {
    const other = this.scores[i]!;
    return score > other || (score === other && doc < this.docs[i]!);
  }

  /** Puts (doc, score) at the free slot i, moving it towards the root past stronger-ranked parents. */
  private siftUp(i: number, doc: number, score: number): void {
    const { scores, docs } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // The root is the weakest: the newcomer rises past parents that rank above it, and stops
      // at one it ranks above (documents are distinct, so one of the two always holds).
      if (this.above(doc, score, parent)) break;
      scores[i] = scores[parent]!;
      docs[i] = docs[parent]!;
      i = parent;
    }
    scores[i] = score;
    docs[i] = doc;
  }

  /** Replaces the item at i by (doc, score) and restores the heap below it. */
  private siftDown(i: number, doc: number, score: number): void {
    const { scores, docs, count } = this;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= count) break;
      const right = left + 1;
      // The weaker-ranked child: the right one when the left ranks above it.
      const child = right < count && this.above(docs[left]!, scores[left]!, right) ? right : left;
      // (doc, score) settles here once it no longer ranks above the weaker child.
      if (!this.above(doc, score, child)) break;
      scores[i] = scores[child]!;
      docs[i] = docs[child]!;
      i = child;
    }
    scores[i] = score;
    docs[i] = doc;
  }
}
