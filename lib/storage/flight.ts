import { whenAborted } from './abort.js';

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const stopWaiting = whenAborted(signal, () => reject(signal.reason as Error));
    promise.then(
      (value) => {
        stopWaiting();
        resolve(value);
      },
      (err: unknown) => {
        stopWaiting();
        reject(err as Error);
      },
    );
  });
}

interface Flight<T> {
  readonly group: string;
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  stale: boolean;
  /** Callers with a signal still waiting. */
  waiting: number;
  /** A caller without a signal joined: the read is never abandoned. */
  unbounded: boolean;
}

/**
 * Coalesces concurrent identical requests into one backend call. A flight is shared by several
 * callers, so it is never tied to any one caller's AbortSignal: each caller races its own signal
 * against it, and the backend call gets a signal of the flight's, which aborts once every caller
 * has given up (a caller without a signal never does). So a request's deadline reaches the
 * backend (an S3 GET stops holding its socket) without failing another request's read.
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

  run(
    id: string,
    group: string,
    fetch: (signal: AbortSignal) => Promise<T>,
    store: (value: T) => void,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const flight = this.flights.get(id) ?? this.start(id, group, fetch, store);
    return this.join(id, flight, signal);
  }

  invalidate(group: string): void {
    for (const [id, flight] of this.flights) {
      if (flight.group === group) {
        flight.stale = true;
        this.flights.delete(id);
      }
    }
  }

  private start(
    id: string,
    group: string,
    fetch: (signal: AbortSignal) => Promise<T>,
    store: (value: T) => void,
  ): Flight<T> {
    const controller = new AbortController();
    const flight: Omit<Flight<T>, 'promise'> & { promise?: Promise<T> } = {
      group,
      controller,
      stale: false,
      waiting: 0,
      unbounded: false,
    };
    flight.promise = new Promise<T>((resolve) => resolve(fetch(controller.signal)))
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
    // Callers observe the outcome; an abandoned flight's rejection is nobody's to handle.
    flight.promise.catch(() => {});
    this.flights.set(id, flight as Flight<T>);
    return flight as Flight<T>;
  }

  private join(id: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) {
      flight.unbounded = true;
      return flight.promise;
    }
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        flight.waiting--;
        if (flight.waiting === 0 && !flight.unbounded) {
          // Nobody wants the bytes any more: stop the backend call, and let the next caller
          // start afresh rather than join a read that is being torn down.
          flight.stale = true;
          if (this.flights.get(id) === flight) this.flights.delete(id);
          flight.controller.abort(signal.reason);
        }
        reject(signal.reason as Error);
      };
      const stopWaiting = whenAborted(signal, onAbort);
      const settled = (): boolean => {
        if (signal.aborted) return false;
        stopWaiting();
        flight.waiting--;
        return true;
      };
      flight.promise.then(
        (value) => {
          if (settled()) resolve(value);
        },
        (err: unknown) => {
          if (settled()) reject(err as Error);
        },
      );
    });
  }
}
