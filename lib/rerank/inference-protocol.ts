/**
 * The messages between the inference thread (inference-worker.ts) and the thread that owns the
 * models (inference-host.ts). Types only, so the worker imports nothing at run time from the
 * rest of lib/rerank and bundles on its own (the Lambda package ships it beside the API).
 *
 * Tensors cross as typed arrays whose buffers are transferred, not copied: the host builds a
 * batch's feeds and gives them away, the worker gives back the scores it copied out of the
 * output tensor. Sessions are named by a number the host gives each load.
 */
import type * as ort from 'onnxruntime-node';

/** An input or output of a session, as onnxruntime describes it. */
export type ValueMetadata = ort.InferenceSession.ValueMetadata;

/** What the host reads of a loaded session to check the model's contract (session.ts). */
export interface SessionMetadata {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputMetadata: readonly ValueMetadata[];
  outputMetadata: readonly ValueMetadata[];
}

/**
 * One input of a batch: ids, a mask or type ids, [rows, width], int64 or int32 as the model
 * takes them; or the first-stage rows, float32 [rows, 2] (first-stage.ts).
 */
export interface FeedTensor {
  type: 'int64' | 'int32' | 'float32';
  data: BigInt64Array | Int32Array | Float32Array;
  dims: readonly [number, number];
}

/** A batch's inputs by input name. */
export type BatchFeeds = Record<string, FeedTensor>;

/** The output read from one run. */
export interface OutputTensor {
  dims: readonly number[];
  data: Float32Array | Float64Array;
}

export type HostMessage =
  | {
      kind: 'load';
      session: number;
      modelPath: string;
      sessionOptions: ort.InferenceSession.SessionOptions;
    }
  | { kind: 'run'; session: number; id: number; feeds: BatchFeeds; output: string }
  | { kind: 'release'; session: number }
  /** Every session is released: end the thread. */
  | { kind: 'close' };

export type WorkerMessage =
  | { kind: 'loaded'; session: number; metadata: SessionMetadata }
  | { kind: 'load-failed'; session: number; message: string }
  /** `runMs`: time in session.run alone, which the host's cost estimate is made of. */
  | { kind: 'scored'; id: number; output: OutputTensor; runMs: number }
  | { kind: 'run-failed'; id: number; message: string }
  | { kind: 'released'; session: number };
