/** A scored document in one shard's local numbering. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/** True when `a` ranks above `b`: higher score, then earlier document (index order). */
export function ranksAbove(a: ScoredDoc, b: ScoredDoc): boolean {
  return a.score > b.score || (a.score === b.score && a.doc < b.doc);
}

/** Bounded min-heap that keeps the k best documents; the root is the weakest kept. */
export class TopKHeap {
  private readonly items: ScoredDoc[] = [];

  constructor(readonly k: number) {}

  get size(): number {
    return this.items.length;
  }

  get full(): boolean {
    return this.items.length >= this.k;
  }

  /** Score a newcomer must beat; -Infinity until the heap is full. */
  get threshold(): number {
    return this.full ? this.items[0]!.score : -Infinity;
  }

  offer(doc: number, score: number): void {
    const item = { doc, score };
    if (!this.full) {
      this.items.push(item);
      this.siftUp(this.items.length - 1);
    } else if (ranksAbove(item, this.items[0]!)) {
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): ScoredDoc[] {
    return [...this.items].sort((a, b) => (ranksAbove(a, b) ? -1 : ranksAbove(b, a) ? 1 : 0));
  }

  private siftUp(i: number): void {
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!ranksAbove(items[parent]!, items[i]!)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < items.length && ranksAbove(items[weakest]!, items[left]!)) weakest = left;
      if (right < items.length && ranksAbove(items[weakest]!, items[right]!)) weakest = right;
      if (weakest === i) return;
      [items[weakest], items[i]] = [items[i]!, items[weakest]!];
      i = weakest;
    }
  }
}
