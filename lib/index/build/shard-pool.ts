/**
 * Runs shard and segment builds, and merges, on worker threads, one job per worker at a time, so
 * a build uses every core while memory stays bounded by workers × segment size (the builder runs
 * a merge alone).
 */
import { Worker } from 'node:worker_threads';
import type { IndexJob } from './jobs.js';
import type { ShardResult } from './shard-builder.js';

interface Pending {
  resolve: (result: ShardResult) => void;
  reject: (error: Error) => void;
}

type WorkerReply =
  { ok: true; result: ShardResult } | { ok: false; name: string; message: string; stack?: string };

function startWorker(storeUri: string): Worker {
  const workerData = { storeUri };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./shard-worker.js', import.meta.url), { workerData });
  }
  // From TypeScript sources (tests, benchmarks) the worker must register the
  // TypeScript loader itself: Node 20 does not pass loader hooks to workers.
  const source = new URL('./shard-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class ShardWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly pending = new Map<Worker, Pending>();
  private readonly waiting: Array<{ resolve: (worker: Worker) => void; reject: (error: Error) => void }> = [];
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number, storeUri: string) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(storeUri);
      worker.on('message', (reply: WorkerReply) => {
        const job = this.pending.get(worker);
        this.pending.delete(worker);
        this.release(worker);
        if (!job) return;
        if (reply.ok) job.resolve(reply.result);
        // Class identity does not cross threads; the name and the worker's stack do.
        else job.reject(Object.assign(new Error(reply.message), { name: reply.name, stack: reply.stack }));
      });
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (!this.closing)
          this.fail(worker, new Error(`index build worker exited unexpectedly (code ${code})`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /**
   * Resolves once a worker has taken the job, which is how the reader gets
   * backpressure; `done` settles when the shard (or segment) is built or merged and uploaded.
   */
  async submit(job: IndexJob): Promise<{ done: Promise<ShardResult> }> {
    if (this.failure) throw this.failure;
    const worker =
      this.idle.pop() ??
      (await new Promise<Worker>((resolve, reject) => this.waiting.push({ resolve, reject })));
    const done = new Promise<ShardResult>((resolve, reject) => {
      this.pending.set(worker, { resolve, reject });
      worker.postMessage(job);
    });
    return { done };
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  /** A crashed worker fails its job and every later submission: a build never silently loses a shard. */
  private fail(worker: Worker, error: Error): void {
    this.failure ??= error;
    this.pending.get(worker)?.reject(error);
    this.pending.delete(worker);
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
