/**
 * One 'abort' listener per signal, however many reads wait on it. A request's deadline signal
 * reaches every GET of its search, and each GET (its in-flight join, its retry attempt, its
 * back-off sleep) listens for the abort: over an index of more than a few shards that is dozens
 * of listeners on one signal, and Node then prints a MaxListenersExceededWarning ("possible
 * memory leak") for every such request, into a server's or Lambda's logs. Here the callbacks of a
 * signal sit in a set of their own behind a single listener, and each is taken out again when
 * its read settles, so nothing is held once the reads are done. Runtime-neutral: the Worker reads
 * through the same code.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once when `signal` aborts (never if it already has: callers check `aborted`
 * first). Returns the function that takes the callback out again.
 */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const set = (callbacks = new Set<() => void>());
    waiting.set(signal, set);
    const runAll = (): void => {
      waiting.delete(signal);
      for (const run of [...set]) {
        // As an event listener's would be, an error is reported and the other callbacks still run.
        try {
          run();
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
      set.clear();
    };
    signal.addEventListener('abort', runAll, { once: true });
  }
  const own = callbacks;
  own.add(callback);
  return () => own.delete(callback);
}
