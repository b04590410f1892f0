/**
 * Nearest neighbours and CSLS in plain JavaScript over blocked tiles: no native code, one core, and
 * hours at 200k words. Kept as the reference the onnxruntime backend is checked against, and for
 * platforms where onnxruntime-node has no binary (`backend: 'js'`).
 */
import { COLUMN_TILE } from './constants.js';
import type { Embeddings } from './embeddings.js';
import { cslsScore, dot, TopK } from './similarity.js';

/** Called once per tile: `tile[(i - rowStart) * (colEnd - colStart) + (j - colStart)]` = cos(a_i, b_j). */
type TileVisitor = (
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
  for (let i = rowStart; i < rowEnd; i += 1) {
    const out = (i - rowStart) * width - colStart;
    for (let j = colStart; j < colEnd; j += 1) tile[out + j] = dot(a, i, b, j, dim);
  }
}

/** Visits every cos(a_i, b_j) exactly once, a block of `blockRows` rows of `a` at a time. */
function sweep(a: Embeddings, b: Embeddings, blockRows: number, visit: TileVisitor): void {
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

/** Plain nearest neighbours: top `topK` targets of each source row by cosine. */
export function nearestJs(src: Embeddings, tgt: Embeddings, topK: number, blockRows: number): TopK {
  const best = new TopK(src.words.length, topK);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      let floor = best.floor[i]!;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = tile[base + j]!;
        if (score > floor) {
          best.offer(i, score, j);
          floor = best.floor[i]!;
        }
      }
    }
  });
  return best;
}

/**
 * CSLS(x, y) = 2cos(x, y) − r_T(x) − r_S(y). One pass over S×T fills both neighbourhoods (row top-k
 * gives r_T, column top-k gives r_S, as cos is symmetric); a second pass ranks by CSLS, which needs
 * every r_S before any row can be ranked.
 */
export function cslsJs(src: Embeddings, tgt: Embeddings, k: number, topK: number, blockRows: number): TopK {
  const rowNeighbours = new TopK(src.words.length, k);
  const colNeighbours = new TopK(tgt.words.length, k);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = tile[base + j]!;
        if (score > rowNeighbours.floor[i]!) rowNeighbours.offer(i, score, j);
        if (score > colNeighbours.floor[j]!) colNeighbours.offer(j, score, i);
      }
    }
  });
  const rT = Float64Array.from({ length: src.words.length }, (_, i) => rowNeighbours.mean(i));
  const rS = Float64Array.from({ length: tgt.words.length }, (_, j) => colNeighbours.mean(j));
  const best = new TopK(src.words.length, topK);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      const penalty = rT[i]!;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = cslsScore(tile[base + j]!, penalty, rS[j]!);
        if (score > best.floor[i]!) best.offer(i, score, j);
      }
    }
  });
  return best;
}
