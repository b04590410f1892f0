/**
 * The onnxruntime side of a cross-encoder: session options, the input/output contract checked
 * at load, padded feeds for a batch, and one score per pair from the output. The session itself
 * lives in the inference thread (inference-host.ts); this module reads what the thread reports
 * and builds what it is sent, as plain typed arrays.
 *
 * Accepted exports (torch.onnx, HF Optimum, fp32 or int8-quantised):
 *   inputs  input_ids, attention_mask, optionally token_type_ids; int64 or int32
 *           optionally first_stage, float32 [batch, 2]: each pair's [present, value] of its
 *           candidate's first-stage score (first-stage.ts), for models trained to read it
 *   output  "logits" (or the one output, or xlir-model.json's `output`), float32/float64, one of
 *           [batch, 1]  a regression / BCE head (sentence-transformers CrossEncoder, num_labels 1)
 *           [batch]     the same, squeezed (some Optimum exports)
 *           [batch, 2]  a two-class head: the score is the positive ("relevant", index 1) logit,
 *                       not log-softmax; calibration, if any, applies to that logit.
 */
import { availableParallelism, endianness } from 'node:os';
import type * as ort from 'onnxruntime-node';
import {
  ATTENTION_MASK,
  DEFAULT_OUTPUT,
  FIRST_STAGE,
  FIRST_STAGE_WIDTH,
  INPUT_IDS,
  POSITIVE_CLASS,
  TOKEN_TYPE_IDS,
} from './constants.js';
import { RerankModelError } from './errors.js';
import { NO_FIRST_STAGE } from './first-stage.js';
import type { BatchFeeds, FeedTensor, OutputTensor, SessionMetadata } from './inference-protocol.js';
import type { EncodedPair } from './tokenizer.js';

export type IdType = 'int64' | 'int32';

export interface SessionContract {
  /** Every token input is int64 or every one is int32, as exporters write them. */
  idType: IdType;
  hasTokenTypeIds: boolean;
  /** Whether the model reads each pair's first-stage row (float32 [batch, 2]). */
  hasFirstStage: boolean;
  output: string;
}

export interface SessionSettings {
  /** Intra-op threads; default: the CPUs this process may actually use. */
  threads?: number;
}

export function sessionOptions(settings: SessionSettings = {}): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: settings.threads ?? availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: true,
    logSeverityLevel: 3,
  };
}

function tensorMeta(session: SessionMetadata, name: string, outputs = false) {
  const list = outputs ? session.outputMetadata : session.inputMetadata;
  const meta = list.find((m) => m.name === name);
  return meta && meta.isTensor ? meta : undefined;
}

export function readContract(
  session: SessionMetadata,
  uri: string,
  requestedOutput?: string,
): SessionContract {
  const expected = `expected ${INPUT_IDS}, ${ATTENTION_MASK} and optionally ${TOKEN_TYPE_IDS} and ${FIRST_STAGE}`;
  const names = session.inputNames;
  const known = [INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS, FIRST_STAGE];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0 || !names.includes(INPUT_IDS) || !names.includes(ATTENTION_MASK)) {
    const which = unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : '';
    throw new RerankModelError(`model ${uri}: inputs are [${names.join(', ')}]; ${expected}${which}`);
  }
  const hasFirstStage = names.includes(FIRST_STAGE);
  if (hasFirstStage) checkFirstStage(session, uri);
  const tokenInputs = names.filter((n) => n !== FIRST_STAGE);
  const types = new Set(tokenInputs.map((n) => tensorMeta(session, n)?.type));
  const idType = [...types][0];
  if (types.size !== 1 || (idType !== 'int64' && idType !== 'int32')) {
    throw new RerankModelError(
      `model ${uri}: inputs ${tokenInputs.join(', ')} must all be int64 or all int32, got ${[...types].join(', ')}`,
    );
  }
  const output = pickOutput(session, uri, requestedOutput);
  const meta = tensorMeta(session, output, true);
  if (!meta || (meta.type !== 'float32' && meta.type !== 'float64')) {
    throw new RerankModelError(
      `model ${uri}: output ${output} must be a float32 tensor, got ${meta?.type ?? 'a non-tensor'}`,
    );
  }
  checkDeclaredShape(meta.shape, uri, output);
  return { idType, hasTokenTypeIds: names.includes(TOKEN_TYPE_IDS), hasFirstStage, output };
}

/** first_stage must be float32 [batch, 2] where the metadata says; an export may declare less. */
function checkFirstStage(session: SessionMetadata, uri: string): void {
  const meta = tensorMeta(session, FIRST_STAGE);
  if (meta?.type !== undefined && meta.type !== 'float32') {
    throw new RerankModelError(`model ${uri}: input ${FIRST_STAGE} must be float32, got ${meta.type}`);
  }
  const shape = meta?.shape ?? [];
  const last = shape[shape.length - 1];
  if (shape.length > 0 && (shape.length !== 2 || (typeof last === 'number' && last !== FIRST_STAGE_WIDTH))) {
    throw new RerankModelError(
      `model ${uri}: input ${FIRST_STAGE} has shape [${shape.join(', ')}]; expected [batch, ${FIRST_STAGE_WIDTH}]`,
    );
  }
}

function pickOutput(session: SessionMetadata, uri: string, requested: string | undefined): string {
  const names = session.outputNames;
  if (requested !== undefined) {
    if (!names.includes(requested))
      throw new RerankModelError(`model ${uri}: no output "${requested}"; outputs are [${names.join(', ')}]`);
    return requested;
  }
  if (names.includes(DEFAULT_OUTPUT)) return DEFAULT_OUTPUT;
  if (names.length === 1) return names[0]!;
  throw new RerankModelError(
    `model ${uri}: outputs are [${names.join(', ')}]; name the score output in xlir-model.json ("output")`,
  );
}

const SHAPES = '[batch, 1], [batch] or [batch, 2]';

function checkDeclaredShape(shape: ReadonlyArray<number | string>, uri: string, output: string): void {
  // An empty shape means the exporter declared none; the probe batch at load settles it.
  if (shape.length === 0) return;
  const last = shape[shape.length - 1];
  const fits =
    shape.length === 1 || (shape.length === 2 && (typeof last !== 'number' || last === 1 || last === 2));
  if (!fits) {
    throw new RerankModelError(
      `model ${uri}: output ${output} has shape [${shape.join(', ')}]; expected ${SHAPES}`,
    );
  }
}

/** One score per pair; throws if the shape is not one of the accepted ones. */
export function readScores(tensor: OutputTensor, batch: number, uri: string): Float64Array {
  const dims = tensor.dims;
  const width = dims.length === 1 ? 1 : dims.length === 2 ? dims[1]! : -1;
  if (dims[0] !== batch || (width !== 1 && width !== 2)) {
    throw new RerankModelError(
      `model ${uri}: output shape [${dims.join(', ')}] for ${batch} pairs; expected ${SHAPES}`,
    );
  }
  const data = tensor.data;
  const scores = new Float64Array(batch);
  for (let i = 0; i < batch; i++) scores[i] = data[width === 1 ? i : i * 2 + POSITIVE_CLASS]!;
  return scores;
}

/** Index of the low 32-bit word of an int64 in an Int32Array over the same bytes. */
const LOW_WORD = endianness() === 'LE' ? 0 : 1;

/**
 * A [rows, width] int64 or int32 tensor buffer written as int32: ids, mask values and type ids
 * are small and non-negative, so an int64's high word stays 0 and no BigInt is ever made.
 */
function idMatrix(
  type: IdType,
  size: number,
  fill: number,
): { data: BigInt64Array | Int32Array; set: (i: number, v: number) => void } {
  const data = type === 'int64' ? new BigInt64Array(size) : new Int32Array(size);
  const view = type === 'int64' ? new Int32Array(data.buffer) : (data as Int32Array);
  const stride = type === 'int64' ? 2 : 1;
  const offset = type === 'int64' ? LOW_WORD : 0;
  const set = (i: number, v: number) => {
    view[i * stride + offset] = v;
  };
  if (fill !== 0) for (let i = 0; i < size; i++) set(i, fill);
  return { data, set };
}

/**
 * Feeds for one batch, padded to its longest pair (dynamic padding), each in a buffer of its
 * own, which is transferred to the inference worker.
 */
export function batchFeeds(
  pairs: readonly EncodedPair[],
  contract: SessionContract,
  padId: number,
  padTypeId: number,
): BatchFeeds {
  let width = 0;
  for (const p of pairs) width = Math.max(width, p.ids.length);
  const size = pairs.length * width;
  const ids = idMatrix(contract.idType, size, padId);
  const mask = idMatrix(contract.idType, size, 0);
  const types = contract.hasTokenTypeIds ? idMatrix(contract.idType, size, padTypeId) : undefined;
  pairs.forEach((pair, r) => {
    const base = r * width;
    for (let c = 0; c < pair.ids.length; c++) {
      ids.set(base + c, pair.ids[c]!);
      mask.set(base + c, 1);
      types?.set(base + c, pair.typeIds[c]!);
    }
  });
  const dims = [pairs.length, width] as const;
  const tensor = (m: { data: BigInt64Array | Int32Array }): FeedTensor => ({
    type: m.data instanceof BigInt64Array ? 'int64' : 'int32',
    data: m.data,
    dims,
  });
  const feeds: BatchFeeds = { [INPUT_IDS]: tensor(ids), [ATTENTION_MASK]: tensor(mask) };
  if (types) feeds[TOKEN_TYPE_IDS] = tensor(types);
  if (contract.hasFirstStage) feeds[FIRST_STAGE] = firstStageFeed(pairs);
  return feeds;
}

/** Each pair's [present, value] row, in batch order: [0, 0] for a pair without one. */
function firstStageFeed(pairs: readonly EncodedPair[]): FeedTensor {
  const data = new Float32Array(pairs.length * FIRST_STAGE_WIDTH);
  pairs.forEach((pair, r) => data.set(pair.firstStage ?? NO_FIRST_STAGE, r * FIRST_STAGE_WIDTH));
  return { type: 'float32', data, dims: [pairs.length, FIRST_STAGE_WIDTH] };
}
