/**
 * The host side of a model's inference worker (inference-worker.ts): starts the thread, loads
 * the session there, and turns a batch's feeds into a promise of its output. The thread that
 * tokenises and plans (a server's event loop) never runs the model itself, so a long rerank no
 * longer stalls small requests beside it.
 *
 * One worker per loaded model: a session is not shared across threads, and a model's batches
 * run one after another anyway. The worker is unref'd while it has nothing to run, so a CLI
 * that never releases its models still exits, and ref'd while a run or the release is under
 * way, so a process does not exit with a batch half scored. A worker that dies fails its runs
 * with a RerankModelError naming the model, and tells whoever asked (the model cache forgets
 * the model, so the next request loads it again).
 */
import { Worker } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { INFERENCE_WORKER_BUNDLE } from './constants.js';
import { RerankModelError } from './errors.js';
import type {
  BatchFeeds,
  HostMessage,
  InferenceWorkerStart,
  OutputTensor,
  SessionMetadata,
  WorkerMessage,
} from './inference-protocol.js';

/** Where the worker's code is, and whether it is TypeScript (tests, benchmarks under tsx). */
export interface InferenceWorkerEntry {
  url: URL;
  typescript: boolean;
}

/**
 * The worker's code beside the module at `moduleUrl`: the TypeScript source under tsx or
 * vitest, the compiled `inference-worker.js` in dist/, and in an esbuild bundle (the Lambda
 * package's index.mjs, which inlines this module) the worker bundle infra/functions.ts writes
 * beside it.
 */
export function inferenceWorkerEntry(moduleUrl: string): InferenceWorkerEntry {
  if (moduleUrl.endsWith('.ts'))
    return { url: new URL('./inference-worker.ts', moduleUrl), typescript: true };
  if (moduleUrl.endsWith('.mjs'))
    return { url: new URL(`./${INFERENCE_WORKER_BUNDLE}`, moduleUrl), typescript: false };
  return { url: new URL('./inference-worker.js', moduleUrl), typescript: false };
}

function startThread(entry: InferenceWorkerEntry, start: InferenceWorkerStart): Worker {
  if (!entry.typescript) return new Worker(entry.url, { workerData: start });
  // Node 20 does not pass loader hooks to workers: the worker registers tsx itself.
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: start });
}

/** One batch's output and the time session.run took in the worker. */
export interface RunResult {
  output: OutputTensor;
  runMs: number;
}

interface PendingRun {
  resolve: (result: RunResult) => void;
  reject: (error: Error) => void;
}

export class InferenceWorker {
  private nextId = 0;
  private readonly pending = new Map<number, PendingRun>();
  /** Set once the thread is gone without being released; every later run fails with it. */
  private lost: RerankModelError | undefined;
  private released: Promise<void> | undefined;
  private readonly lostListeners: Array<(error: RerankModelError) => void> = [];

  private constructor(
    private readonly thread: Worker,
    /** The model's URI, which every error names. */
    readonly uri: string,
    readonly metadata: SessionMetadata,
  ) {
    thread.on('message', (message: WorkerMessage) => this.receive(message));
    thread.on('error', (error: Error) => this.lose(`it failed: ${error.message}`));
    thread.on('exit', (code: number) => this.lose(`it exited with code ${code}`));
    thread.unref();
  }

  /**
   * Starts a worker and loads the model there; rejects with a RerankModelError naming `uri` when
   * onnxruntime cannot load it or the thread cannot start.
   */
  static start(
    modelPath: string,
    uri: string,
    sessionOptions: ort.InferenceSession.SessionOptions,
    entry: InferenceWorkerEntry = inferenceWorkerEntry(import.meta.url),
  ): Promise<InferenceWorker> {
    const thread = startThread(entry, { modelPath, sessionOptions });
    return new Promise<InferenceWorker>((resolve, reject) => {
      const settle = () => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage) => {
        settle();
        if (message.kind === 'loaded') resolve(new InferenceWorker(thread, uri, message.metadata));
        else if (message.kind === 'load-failed')
          reject(new RerankModelError(`model ${uri}: onnxruntime cannot load it (${message.message})`));
        else
          reject(
            new RerankModelError(
              `model ${uri}: the inference worker answered ${message.kind} before loading`,
            ),
          );
      };
      const onError = (error: Error) => {
        settle();
        void thread.terminate();
        reject(
          new RerankModelError(`model ${uri}: the inference worker failed to start (${error.message})`, {
            cause: error,
          }),
        );
      };
      const onExit = (code: number) => {
        settle();
        reject(
          new RerankModelError(
            `model ${uri}: the inference worker exited (code ${code}) before the model loaded`,
          ),
        );
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
    });
  }

  get inputNames(): readonly string[] {
    return this.metadata.inputNames;
  }

  /** Calls `listener` if the thread dies without being released. */
  onLost(listener: (error: RerankModelError) => void): void {
    this.lostListeners.push(listener);
  }

  /**
   * Runs one batch and reads `output`. The feeds' buffers are transferred to the worker: the
   * typed arrays are empty here afterwards.
   */
  run(feeds: BatchFeeds, output: string): Promise<RunResult> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.released)
      return Promise.reject(new RerankModelError(`model ${this.uri}: released; acquire it again`));
    const id = this.nextId++;
    const transfer = [...new Set(Object.values(feeds).map((f) => f.data.buffer as ArrayBuffer))];
    return new Promise<RunResult>((resolve, reject) => {
      if (this.pending.size === 0) this.thread.ref();
      this.pending.set(id, { resolve, reject });
      const message: HostMessage = { kind: 'run', id, feeds, output };
      this.thread.postMessage(message, transfer);
    });
  }

  /** Releases the session and ends the thread, after the runs already sent. */
  release(): Promise<void> {
    if (this.lost) return Promise.resolve();
    this.released ??= new Promise<void>((resolve) => {
      this.thread.ref();
      this.thread.once('exit', () => resolve());
      const message: HostMessage = { kind: 'release' };
      this.thread.postMessage(message);
    });
    return this.released;
  }

  private receive(message: WorkerMessage): void {
    if (message.kind !== 'scored' && message.kind !== 'run-failed') return;
    const run = this.pending.get(message.id);
    if (!run) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0 && !this.released) this.thread.unref();
    if (message.kind === 'scored') run.resolve({ output: message.output, runMs: message.runMs });
    else run.reject(new RerankModelError(`model ${this.uri}: inference failed (${message.message})`));
  }

  private lose(reason: string): void {
    if (this.lost) return;
    if (this.released && this.pending.size === 0) return;
    this.lost = new RerankModelError(`model ${this.uri}: the inference worker stopped (${reason})`);
    for (const run of this.pending.values()) run.reject(this.lost);
    this.pending.clear();
    for (const listener of this.lostListeners) listener(this.lost);
  }
}
