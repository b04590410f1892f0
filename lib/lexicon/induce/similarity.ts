/**
 * Blocked cosine similarity between two embedding tables with per-row top-k selection. Rows are unit
 * vectors, so cosine is the dot product. Scores are produced one tile (block of rows × tile of
 * columns) at a time and folded into small top-k tables, so memory is O(rows × k), never rows × cols.
 */
import { COLUMN_TILE } from './constants.js';
import type { Embeddings } from './embeddings.js';

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

  /** Keeps (score, id) if it beats the row's floor. Ties keep the earlier id: deterministic output. */
  offer(row: number, score: number, id: number): void {
    if (score <= this.floor[row]!) return;
    const base = row * this.k;
    const slot = base + this.floorSlot[row]!;
    this.scores[slot] = score;
    this.ids[slot] = id;
    let worst = 0;
    for (let s = 1; s < this.k; s += 1) {
      if (this.scores[base + s]! < this.scores[base + worst]!) worst = s;
    }
    this.floorSlot[row] = worst;
    this.floor[row] = this.scores[base + worst]!;
  }

  /** Mean of the row's kept scores (fewer than k when there were fewer columns). */
  mean(row: number): number {
    let sum = 0;
    let filled = 0;
    for (let s = row * this.k; s < (row + 1) * this.k; s += 1) {
      if (this.ids[s]! < 0) continue;
      sum += this.scores[s]!;
      filled += 1;
    }
    return filled === 0 ? 0 : sum / filled;
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

/** Called once per tile: `tile[(i - rowStart) * (colEnd - colStart) + (j - colStart)]` = cos(a_i, b_j). */
export type TileVisitor = (
  rowStart: number,
  rowEnd: number,
  colStart: number,
  colEnd: number,
  tile: Float64Array,
) => void;

/** Dot products of rows [rowStart, rowEnd) of `a` with rows [colStart, colEnd) of `b`. */
function scoreTile(
  a: Float32Array,
  b: Float32Array,
  dim: number,
  rowStart: number,
  rowEnd: number,
  colStart: number,
  colEnd: number,
  tile: Float64Array,
): void {
  const width = colEnd - colStart;
  const unrolled = dim - (dim % 4);
  for (let i = rowStart; i < rowEnd; i += 1) {
    const ai = i * dim;
    const out = (i - rowStart) * width - colStart;
    for (let j = colStart; j < colEnd; j += 1) {
      const bj = j * dim;
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
      tile[out + j] = s0 + s1 + s2 + s3;
    }
  }
}

/** Visits every cos(a_i, b_j) exactly once, a block of `blockRows` rows of `a` at a time. */
export function sweep(a: Embeddings, b: Embeddings, blockRows: number, visit: TileVisitor): void {
  const rowsA = a.words.length;
  const rowsB = b.words.length;
  const tile = new Float64Array(blockRows * COLUMN_TILE);
  for (let rowStart = 0; rowStart < rowsA; rowStart += blockRows) {
    const rowEnd = Math.min(rowsA, rowStart + blockRows);
    for (let colStart = 0; colStart < rowsB; colStart += COLUMN_TILE) {
      const colEnd = Math.min(rowsB, colStart + COLUMN_TILE);
      scoreTile(a.vectors, b.vectors, a.dim, rowStart, rowEnd, colStart, colEnd, tile);
      visit(rowStart, rowEnd, colStart, colEnd, tile);
    }
  }
}
