/**
 * Work that several requests wait on at once (opening an index on a cold server): it runs once,
 * under a signal of its own, and each request waits on it with its own deadline. The work's
 * signal aborts only when every request waiting on it has given up, so one request's deadline
 * never fails the others, while work nobody waits for any more stops instead of holding
 * sockets. A waiter without a signal (an internal caller) keeps the work alive for good.
 */
export class SharedTask<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private waiting = 0;
  private unbounded = false;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.promise = run(this.controller.signal);
    // Each waiter observes the outcome; the task itself must not count as unhandled.
    this.promise.catch(() => {});
  }

  /** Whether the work was abandoned because every waiter gave up. */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  /** Settles with the work, or rejects with `signal`'s reason as soon as it aborts. */
  join(signal?: AbortSignal): Promise<T> {
    if (signal === undefined) {
      this.unbounded = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    this.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting--;
        if (this.waiting === 0 && !this.unbounded) this.controller.abort(signal.reason);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => {
        if (signal.aborted) return;
        signal.removeEventListener('abort', onAbort);
        this.waiting--;
      };
      this.promise.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error as Error);
        },
      );
    });
  }
}
