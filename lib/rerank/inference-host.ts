/**
 * The host side of the inference thread (inference-worker.ts): starts it, loads sessions there,
 * and turns a batch's feeds into a promise of its output. The thread that tokenises and plans (a
 * server's event loop) never runs a model itself, so a long rerank no longer stalls the small
 * requests beside it.
 *
 * One thread holds every model of the process (sharedInferenceThread): starting a thread and
 * loading onnxruntime's binding in it costs ~80 ms, paid once rather than per model, and batches
 * of all models take turns on it as they did on the main thread; each session keeps its own
 * intra-op threads. The thread is unref'd while it has nothing to do, so a CLI that never
 * releases its models still exits, and ref'd while a load, run or release is under way, so a
 * process does not exit with a batch half scored; it ends once its last session is released. A
 * thread that dies fails every run in flight with a RerankModelError naming the run's model, and
 * tells each session's owner (the model cache forgets the model, so the next request loads it
 * again, on a new thread).
 */
import { Worker } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { INFERENCE_WORKER_BUNDLE } from './constants.js';
import { RerankModelError } from './errors.js';
import type {
  BatchFeeds,
  HostMessage,
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

function startWorker(entry: InferenceWorkerEntry): Worker {
  if (!entry.typescript) return new Worker(entry.url);
  // Node 20 does not pass loader hooks to workers: the worker registers tsx itself.
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.url.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/** One batch's output and the time session.run took in the worker. */
export interface RunResult {
  output: OutputTensor;
  runMs: number;
}

interface PendingLoad {
  uri: string;
  resolve: (session: WorkerSession) => void;
  reject: (error: Error) => void;
}

interface PendingRun {
  session: WorkerSession;
  resolve: (result: RunResult) => void;
  reject: (error: Error) => void;
}

/** A model's session in the inference thread: what RerankModel runs its batches on. */
export class WorkerSession {
  private lost: RerankModelError | undefined;
  private released: Promise<void> | undefined;
  private readonly lostListeners: Array<(error: RerankModelError) => void> = [];

  constructor(
    private readonly thread: InferenceThread,
    readonly id: number,
    /** The model's URI, which every error names. */
    readonly uri: string,
    readonly metadata: SessionMetadata,
  ) {}

  get inputNames(): readonly string[] {
    return this.metadata.inputNames;
  }

  /** Calls `listener` if the thread dies before this session is released. */
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
    return this.thread.run(this, feeds, output);
  }

  /** Releases the session, after the runs already sent. */
  release(): Promise<void> {
    if (this.lost) return Promise.resolve();
    this.released ??= this.thread.release(this.id);
    return this.released;
  }

  /** The thread is gone: the error this session's runs fail with from now on. */
  lose(reason: string): RerankModelError {
    if (!this.lost) {
      this.lost = new RerankModelError(`model ${this.uri}: the inference worker stopped (${reason})`);
      if (!this.released) for (const listener of this.lostListeners) listener(this.lost);
    }
    return this.lost;
  }
}

/** One inference worker thread and the sessions it holds. */
export class InferenceThread {
  private nextSession = 0;
  private nextRun = 0;
  private readonly loads = new Map<number, PendingLoad>();
  private readonly sessions = new Map<number, WorkerSession>();
  private readonly runs = new Map<number, PendingRun>();
  private readonly releases = new Map<number, () => void>();
  /** Loads, runs and releases awaiting an answer: the thread is ref'd while there are any. */
  private outstanding = 0;
  private closing = false;
  /** Why the thread is gone, once it is. */
  private ended: string | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (error: Error) => this.fail(`it failed: ${error.message}`));
    worker.on('exit', (code: number) => {
      if (this.closing) this.ended = 'closed';
      else this.fail(`it exited with code ${code}`);
    });
    worker.unref();
  }

  static start(entry: InferenceWorkerEntry = inferenceWorkerEntry(import.meta.url)): InferenceThread {
    return new InferenceThread(startWorker(entry));
  }

  /** Whether new sessions may be loaded here (not closing, not dead). */
  get usable(): boolean {
    return !this.closing && this.ended === undefined;
  }

  /**
   * Loads the model file into a session on this thread; rejects with a RerankModelError naming
   * `uri` when onnxruntime cannot load it or the thread dies first.
   */
  load(
    modelPath: string,
    uri: string,
    sessionOptions: ort.InferenceSession.SessionOptions,
  ): Promise<WorkerSession> {
    if (!this.usable)
      return Promise.reject(new RerankModelError(`model ${uri}: the inference worker has ended`));
    const session = this.nextSession++;
    return new Promise<WorkerSession>((resolve, reject) => {
      this.loads.set(session, { uri, resolve, reject });
      this.post({ kind: 'load', session, modelPath, sessionOptions });
    });
  }

  /** WorkerSession.run's work: one batch of `session`. */
  run(session: WorkerSession, feeds: BatchFeeds, output: string): Promise<RunResult> {
    if (this.ended !== undefined) return Promise.reject(session.lose(this.ended));
    const id = this.nextRun++;
    const transfer = [...new Set(Object.values(feeds).map((f) => f.data.buffer as ArrayBuffer))];
    return new Promise<RunResult>((resolve, reject) => {
      this.runs.set(id, { session, resolve, reject });
      this.post({ kind: 'run', session: session.id, id, feeds, output }, transfer);
    });
  }

  /** WorkerSession.release's work; the thread ends with its last session. */
  release(session: number): Promise<void> {
    if (this.ended !== undefined || !this.sessions.has(session)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.releases.set(session, resolve);
      this.post({ kind: 'release', session });
    });
  }

  private post(message: HostMessage, transfer: ArrayBuffer[] = []): void {
    if (this.outstanding++ === 0) this.worker.ref();
    this.worker.postMessage(message, transfer);
  }

  private answered(): void {
    if (--this.outstanding === 0) this.worker.unref();
  }

  private receive(message: WorkerMessage): void {
    this.answered();
    switch (message.kind) {
      case 'loaded': {
        const load = this.loads.get(message.session)!;
        this.loads.delete(message.session);
        const session = new WorkerSession(this, message.session, load.uri, message.metadata);
        this.sessions.set(message.session, session);
        load.resolve(session);
        return;
      }
      case 'load-failed': {
        const load = this.loads.get(message.session)!;
        this.loads.delete(message.session);
        load.reject(
          new RerankModelError(`model ${load.uri}: onnxruntime cannot load it (${message.message})`),
        );
        this.closeIfIdle();
        return;
      }
      case 'scored':
      case 'run-failed': {
        const run = this.runs.get(message.id)!;
        this.runs.delete(message.id);
        if (message.kind === 'scored') run.resolve({ output: message.output, runMs: message.runMs });
        else
          run.reject(new RerankModelError(`model ${run.session.uri}: inference failed (${message.message})`));
        return;
      }
      case 'released': {
        this.sessions.delete(message.session);
        this.releases.get(message.session)?.();
        this.releases.delete(message.session);
        this.closeIfIdle();
        return;
      }
    }
  }

  /** Ends the thread once it holds no session and loads none. */
  private closeIfIdle(): void {
    if (this.closing || this.sessions.size > 0 || this.loads.size > 0) return;
    this.closing = true;
    this.post({ kind: 'close' });
  }

  private fail(reason: string): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    for (const load of this.loads.values())
      load.reject(
        new RerankModelError(
          `model ${load.uri}: the inference worker stopped before the model loaded (${reason})`,
        ),
      );
    for (const run of this.runs.values()) run.reject(run.session.lose(reason));
    for (const session of this.sessions.values()) session.lose(reason);
    for (const resolve of this.releases.values()) resolve();
    this.loads.clear();
    this.runs.clear();
    this.sessions.clear();
    this.releases.clear();
  }
}

let shared: InferenceThread | undefined;

/** The process's inference thread: started with the first model, again after it has ended. */
export function sharedInferenceThread(): InferenceThread {
  if (!shared?.usable) shared = InferenceThread.start();
  return shared;
}
