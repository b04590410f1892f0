/**
 * One deadline per request (API, edge Worker, CLI). API Gateway cuts a Lambda integration at 29 s with a bare 504 of
 * its own, and a client gives up sooner still; a request that is going to be late should say so
 * itself, as JSON, while there is time to answer. The deadline starts when the handler does, is
 * the server's (XLIR_REQUEST_DEADLINE_MS) or the request's `deadline_ms` when that is shorter,
 * and reaches the work as an AbortSignal: every storage GET of the first stage gets it, and the
 * rerank gets what is left of it as its own time budget.
 */
import { DEFAULT_REQUEST_DEADLINE_MS } from './constants.js';

/** The request ran out of time before anything useful was ready: 504 deadline_exceeded. */
export class DeadlineExceededError extends Error {
  constructor(readonly deadlineMs: number) {
    super(
      `the request did not finish within its deadline of ${deadlineMs} ms; retry, or send a simpler request (fewer document languages, a smaller top_k or rerank depth)`,
    );
    this.name = 'DeadlineExceededError';
  }
}

/** The deadline a request gets: its own `deadline_ms` when given, never more than the server's. */
export function requestDeadlineMs(serverMs: number, requestedMs: number | undefined): number {
  return requestedMs === undefined ? serverMs : Math.min(requestedMs, serverMs);
}

export class RequestDeadline {
  private readonly controller = new AbortController();
  private readonly startedAt: number;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;

  /** `clock` is performance.now-like: milliseconds since an arbitrary origin. */
  constructor(
    readonly ms: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
    // No deadline at all (the CLI's default): no timer, which could not hold more than 2^31 ms anyway.
    if (!Number.isFinite(ms)) return;
    this.timer = setTimeout(() => this.controller.abort(new DeadlineExceededError(ms)), ms);
    // A pending deadline must not keep a Node process alive that has nothing else to do
    // (workerd's timers are numbers without unref).
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Aborts with a DeadlineExceededError when the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  elapsedMs(): number {
    return this.clock() - this.startedAt;
  }

  /** Milliseconds left, never below 0. */
  remainingMs(): number {
    return this.expired ? 0 : Math.max(0, this.ms - this.elapsedMs());
  }

  /**
   * Settles with `work`, or rejects with the DeadlineExceededError as soon as the deadline passes
   * (the work is abandoned, not awaited: it was given the signal and stops on its own). Whatever
   * `work` rejects with after the deadline has passed is the deadline too: an aborted GET rejects
   * with the abort, which says less.
   */
  async race<T>(work: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) {
      work.catch(() => {});
      throw signal.reason;
    }
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, aborted]);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort!);
      work.catch(() => {});
    }
  }

  /** Stops the timer; the request is answered. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}

/**
 * A request's deadline from the server's setting (`XLIR_REQUEST_DEADLINE_MS`, default
 * DEFAULT_REQUEST_DEADLINE_MS) and its own `deadline_ms`, when it sent one.
 */
export function startRequestDeadline(serverMs: number | undefined, requestedMs?: number): RequestDeadline {
  return new RequestDeadline(requestDeadlineMs(serverMs ?? DEFAULT_REQUEST_DEADLINE_MS, requestedMs));
}

/** `work` under a request deadline: its result, or a DeadlineExceededError (504) when time runs out. */
export async function withinDeadline<T>(
  serverMs: number | undefined,
  work: (deadline: RequestDeadline) => Promise<T>,
): Promise<T> {
  const deadline = startRequestDeadline(serverMs);
  try {
    return await deadline.race(work(deadline));
  } finally {
    deadline.dispose();
  }
}
