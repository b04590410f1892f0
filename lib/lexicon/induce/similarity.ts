/**
 * What both induction backends share: per-row top-k tables, so memory is O(rows × k), never
 * rows × cols; the float64 dot product every reported similarity comes from (rows are unit vectors,
 * so it is the cosine); and the CSLS formula.
 */

/** The k best (score, column) pairs of every row; unfilled slots hold -Infinity and -1. */
export class TopK {
  readonly k: number;
  readonly scores: Float64Array;
  readonly ids: Int32Array;
  /** The worst score kept per row: a candidate must beat it, which rejects almost all in one compare. */
  readonly floor: Float64Array;
  private readonly floorSlot: Int32Array;

  constructor(rows: number, k: number) {
    this.k = k;
    this.scores = new Float64Array(rows * k).fill(-Infinity);
    this.ids = new Int32Array(rows * k).fill(-1);
    this.floor = new Float64Array(rows).fill(-Infinity);
    this.floorSlot = new Int32Array(rows);
  }

  /**
   * Keeps (score, id) if it beats the row's floor. Among equal scores the lower id wins, whatever
   * the order of offers, so both backends keep the same set. Callers offer a row's ids in ascending
   * order, so an equal score never displaces and `score > floor` is a sufficient pre-check.
   */
  offer(row: number, score: number, id: number): void {
    const base = row * this.k;
    const slot = base + this.floorSlot[row]!;
    if (
      score < this.floor[row]! ||
      (score === this.floor[row]! && !(id < this.ids[slot]! || this.ids[slot]! < 0))
    ) {
      return;
    }
    this.scores[slot] = score;
    this.ids[slot] = id;
    // The new floor is the worst kept: lowest score, and of equal scores the highest id.
    let worst = base;
    for (let s = base + 1; s < base + this.k; s += 1) {
      const below = this.scores[s]! < this.scores[worst]!;
      if (below || (this.scores[s] === this.scores[worst] && this.ids[s]! > this.ids[worst]!)) worst = s;
    }
    this.floorSlot[row] = worst - base;
    this.floor[row] = this.scores[worst]!;
  }

  /**
   * Mean of the row's kept scores (fewer than k when there were fewer columns), summed best first so
   * the result does not depend on the order candidates were offered in.
   */
  mean(row: number): number {
    const kept = this.best(row);
    let sum = 0;
    for (const { score } of kept) sum += score;
    return kept.length === 0 ? 0 : sum / kept.length;
  }

  /** Replaces every kept score by `score(row, id)`; the floors are stale afterwards, so offer no more. */
  rescore(score: (row: number, id: number) => number): void {
    for (let slot = 0; slot < this.ids.length; slot += 1) {
      const id = this.ids[slot]!;
      if (id >= 0) this.scores[slot] = score(Math.floor(slot / this.k), id);
    }
  }

  /** A table of each row's `k` best, for candidates gathered with a safety margin then rescored. */
  keep(k: number): TopK {
    const kept = new TopK(this.scores.length / this.k, k);
    for (let row = 0; row < kept.floor.length; row += 1) {
      for (const { id, score } of this.best(row).slice(0, k)) kept.offer(row, score, id);
    }
    return kept;
  }

  /** The row's kept (id, score) pairs, best first, ties by id. */
  best(row: number): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let s = row * this.k; s < (row + 1) * this.k; s += 1) {
      if (this.ids[s]! >= 0) out.push({ id: this.ids[s]!, score: this.scores[s]! });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}

/**
 * CSLS(x, y) = 2cos(x, y) − r_T(x) − r_S(y), in the one evaluation order both backends use, so
 * their scores agree to the bit.
 */
export function cslsScore(cos: number, rT: number, rS: number): number {
  return 2 * cos - rT - rS;
}

/**
 * Dot product of row `i` of `a` with row `j` of `b`, accumulated in float64. Every similarity xlir
 * reports goes through here, whichever backend chose the candidates, so scores agree to the bit.
 */
export function dot(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  const ai = i * dim;
  const bj = j * dim;
  const unrolled = dim - (dim % 4);
  // Four independent accumulators let the CPU overlap the multiply-adds.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t < unrolled; t += 4) {
    s0 += a[ai + t]! * b[bj + t]!;
    s1 += a[ai + t + 1]! * b[bj + t + 1]!;
    s2 += a[ai + t + 2]! * b[bj + t + 2]!;
    s3 += a[ai + t + 3]! * b[bj + t + 3]!;
  }
  for (; t < dim; t += 1) s0 += a[ai + t]! * b[bj + t]!;
  return s0 + s1 + s2 + s3;
}
