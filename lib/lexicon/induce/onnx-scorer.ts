/**
 * Best keys per query row by onnxruntime: the query table goes through in blocks of rows, the key
 * table in chunks of rows, and each (block, chunk) run returns only its top k per row, which is
 * merged into a `TopK`. Score memory is one block × chunk of float32s (64 MB at the defaults),
 * whatever the vocabulary sizes; the tables themselves are passed as zero-copy views.
 */
import type * as Ort from 'onnxruntime-node';
import { LexiconError } from '../errors.js';
import type { Embeddings } from './embeddings.js';
import {
  BEST_IDS,
  BEST_SCORES,
  KEYS,
  NEIGHBOUR_IDS,
  NEIGHBOUR_SCORES,
  PENALTY,
  QUERIES,
  scoreModel,
  TOP_K,
  TOP_NEIGHBOURS,
} from './onnx-model.js';
import { TopK } from './similarity.js';

export interface BestKeysRequest {
  /** Keys kept per query row. */
  k: number;
  /** Ranks by dot − penalty[key] instead of the plain dot product. */
  penalty?: Float32Array;
  /** Also keep this many keys per row by the plain dot product (CSLS's r_T neighbourhood). */
  neighbours?: number;
}

export interface BestKeys {
  /** Ids of the best keys; scores are onnxruntime's float32 ones until rescored. */
  best: TopK;
  neighbours?: TopK;
}

export interface ScorerOptions {
  threads: number;
  blockRows: number;
  blockCols: number;
  /** Called after every run with the query × key pairs scored so far in this call. */
  onPairs?: (pairs: number) => void;
}

type OrtModule = typeof Ort;

/** Loaded on first use: the native runtime costs time and memory that lexicon users without induction never need. */
async function loadOrt(): Promise<OrtModule> {
  try {
    return await import('onnxruntime-node');
  } catch (error) {
    throw new LexiconError(`cannot load onnxruntime-node for induction: ${(error as Error).message}`);
  }
}

function mergeRun(
  into: TopK,
  rowStart: number,
  colStart: number,
  k: number,
  scores: Float32Array,
  ids: BigInt64Array,
): void {
  const rows = scores.length / k;
  for (let r = 0; r < rows; r += 1) {
    const row = rowStart + r;
    // A run's top k come best first, so the first one that fails the floor ends the row.
    for (let s = r * k; s < (r + 1) * k; s += 1) {
      if (!(scores[s]! > into.floor[row]!)) break;
      into.offer(row, scores[s]!, colStart + Number(ids[s]!));
    }
  }
}

/** Best `request.k` rows of `keys` for every row of `queries`. Rows must share one dimension. */
export async function bestKeys(
  queries: Embeddings,
  keys: Embeddings,
  request: BestKeysRequest,
  options: ScorerOptions,
): Promise<BestKeys> {
  const ort = await loadOrt();
  const { dim } = queries;
  const rows = queries.words.length;
  const cols = keys.words.length;
  const model = scoreModel({
    penalty: request.penalty !== undefined,
    neighbours: request.neighbours !== undefined,
  });
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    // Threads that spin between runs steal the cores the merge step and other processes need,
    // and measured no faster.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  const best = new TopK(rows, request.k);
  const neighbours = request.neighbours === undefined ? undefined : new TopK(rows, request.neighbours);
  let pairs = 0;
  try {
    for (let colStart = 0; colStart < cols; colStart += options.blockCols) {
      const colEnd = Math.min(cols, colStart + options.blockCols);
      const width = colEnd - colStart;
      const feeds: Record<string, Ort.Tensor> = {
        [KEYS]: new ort.Tensor('float32', keys.vectors.subarray(colStart * dim, colEnd * dim), [width, dim]),
        // TopK refuses k larger than its axis, and the last chunk can be narrow.
        [TOP_K]: new ort.Tensor('int64', BigInt64Array.of(BigInt(Math.min(request.k, width))), [1]),
      };
      if (request.penalty !== undefined) {
        feeds[PENALTY] = new ort.Tensor('float32', request.penalty.subarray(colStart, colEnd), [width]);
      }
      if (request.neighbours !== undefined) {
        const n = Math.min(request.neighbours, width);
        feeds[TOP_NEIGHBOURS] = new ort.Tensor('int64', BigInt64Array.of(BigInt(n)), [1]);
      }
      for (let rowStart = 0; rowStart < rows; rowStart += options.blockRows) {
        const rowEnd = Math.min(rows, rowStart + options.blockRows);
        const block = queries.vectors.subarray(rowStart * dim, rowEnd * dim);
        feeds[QUERIES] = new ort.Tensor('float32', block, [rowEnd - rowStart, dim]);
        const out = await session.run(feeds);
        const mergeOutput = (target: TopK, scoresName: string, idsName: string) => {
          const scores = out[scoresName]!.data as Float32Array;
          const ids = out[idsName]!.data as BigInt64Array;
          mergeRun(target, rowStart, colStart, scores.length / (rowEnd - rowStart), scores, ids);
        };
        mergeOutput(best, BEST_SCORES, BEST_IDS);
        if (neighbours !== undefined) mergeOutput(neighbours, NEIGHBOUR_SCORES, NEIGHBOUR_IDS);
        pairs += (rowEnd - rowStart) * width;
        options.onPairs?.(pairs);
      }
    }
  } finally {
    await session.release();
  }
  return neighbours === undefined ? { best } : { best, neighbours };
}
