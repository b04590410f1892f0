import { whenAborted } from './abort.js';
import { StorageError, isRetryableError } from './errors.js';
import { raceSignal } from './flight.js';
import { sleep as defaultSleep } from './sleep.js';
import type { ObjectStore, RequestOptions, RetryOptions } from './types.js';

export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 50,
  maxDelayMs: 2000,
  attemptTimeoutMs: 10_000,
});

export interface RetryEvent {
  operation: string;
  key: string;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryingStoreOptions extends Partial<RetryOptions> {
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  /** Injectable so tests need not wait; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Full jitter: uniform in [0, min(maxDelay, base * 2^failedAttempts)). Spreading retries over
 * the whole window is what keeps many Lambda instances that failed together (throttling) from
 * retrying together; see the AWS Architecture Blog, "Exponential Backoff And Jitter".
 */
export function backoffDelayMs(failedAttempts: number, options: RetryOptions, random: () => number): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return random() * cap;
}

/**
 * Retries transient failures (StorageError.retryable, including attempt timeouts). All
 * ObjectStore operations are idempotent (put of the same body, delete, reads), so every one of
 * them is safe to repeat. ObjectNotFoundError and other errors pass through on the first attempt.
 */
export class RetryingStore implements ObjectStore {
  readonly options: Readonly<RetryOptions>;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(
    readonly inner: ObjectStore,
    options: RetryingStoreOptions = {},
  ) {
    const { random, sleep, onRetry, ...retry } = options;
    const merged = { ...DEFAULT_RETRY_OPTIONS };
    for (const [name, value] of Object.entries(retry) as [keyof RetryOptions, number | undefined][]) {
      if (value !== undefined) merged[name] = value;
    }
    if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
      throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${merged.maxAttempts}`);
    }
    this.options = Object.freeze(merged);
    this.random = random ?? Math.random;
    this.sleep = sleep ?? defaultSleep;
    this.onRetry = onRetry;
  }

  get uri(): string {
    return this.inner.uri;
  }

  get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.run('get', key, options, (signal) => this.inner.get(key, { signal }));
  }

  getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    return this.run('getRange', key, options, (signal) => this.inner.getRange(key, start, end, { signal }));
  }

  put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    return this.run('put', key, options, (signal) => this.inner.put(key, body, { signal }));
  }

  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.run('list', prefix, options, (signal) => this.inner.list(prefix, { signal }));
  }

  delete(key: string, options?: RequestOptions): Promise<void> {
    return this.run('delete', key, options, (signal) => this.inner.delete(key, { signal }));
  }

  private async run<T>(
    operation: string,
    key: string,
    options: RequestOptions | undefined,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const caller = options?.signal;
    for (let attempt = 1; ; attempt++) {
      caller?.throwIfAborted();
      try {
        return await this.attempt(operation, key, call, caller);
      } catch (error) {
        if (caller?.aborted || !isRetryableError(error)) throw error;
        if (attempt >= this.options.maxAttempts) throw this.giveUp(error as StorageError, attempt);
        const delayMs = backoffDelayMs(attempt, this.options, this.random);
        this.onRetry?.({ operation, key, attempt, delayMs, error });
        await this.sleep(delayMs, caller);
      }
    }
  }

  /**
   * The abort tells a cooperative backend to drop the request; the race bounds the attempt even
   * when the backend ignores the signal (the abandoned promise is left to settle unobserved).
   */
  private async attempt<T>(
    operation: string,
    key: string,
    call: (signal: AbortSignal) => Promise<T>,
    caller: AbortSignal | undefined,
  ): Promise<T> {
    const controller = new AbortController();
    const stopWaiting = caller && whenAborted(caller, () => controller.abort(caller.reason));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const ms = this.options.attemptTimeoutMs;
        const error = new StorageError(`${operation} ${key} in ${this.uri} timed out after ${ms} ms`, {
          retryable: true,
        });
        controller.abort(error);
        reject(error);
      }, this.options.attemptTimeoutMs);
    });
    try {
      return await raceSignal(Promise.race([call(controller.signal), timeout]), caller);
    } finally {
      clearTimeout(timer);
      stopWaiting?.();
    }
  }

  private giveUp(error: StorageError, attempts: number): StorageError {
    return new StorageError(`${error.message} (gave up after ${attempts} attempts)`, {
      retryable: true,
      status: error.status,
      cause: error,
    });
  }
}
