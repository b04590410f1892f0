/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}

interface Flight<T> {
  readonly group: string;
  readonly promise: Promise<T>;
  stale: boolean;
}

/**
 * Coalesces concurrent identical requests into one backend call. A flight is shared by several
 * callers, so it is never tied to any one caller's AbortSignal; callers race their own signal
 * against it instead (raceSignal).
 *
 * `invalidate(group)` exists for writes: a read that was already in flight when a put/delete of
 * the same key started may return the old bytes to its callers (they raced the write), but it
 * must not populate a cache afterwards, or the old bytes would outlive the write.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  get size(): number {
    return this.flights.size;
  }

  run(id: string, group: string, fetch: () => Promise<T>, store: (value: T) => void): Promise<T> {
    const existing = this.flights.get(id);
    if (existing) return existing.promise;
    const flight: { group: string; promise?: Promise<T>; stale: boolean } = { group, stale: false };
    flight.promise = new Promise<T>((resolve) => resolve(fetch()))
      .then((value) => {
        // Cache bookkeeping must never turn a successful read into a failure.
        if (!flight.stale) {
          try {
            store(value);
          } catch {
            // The value is still returned; it just is not cached.
          }
        }
        return value;
      })
      .finally(() => {
        if (this.flights.get(id) === flight) this.flights.delete(id);
      });
    this.flights.set(id, flight as Flight<T>);
    return flight.promise;
  }

  invalidate(group: string): void {
    for (const [id, flight] of this.flights) {
      if (flight.group === group) {
        flight.stale = true;
        this.flights.delete(id);
      }
    }
  }
}
