/**
 * A timer promise that honours an AbortSignal, for the retry backoff and the simulated latency.
 * node:timers/promises has one, but the read path also runs in Cloudflare Workers, where only
 * the web platform's setTimeout and AbortSignal exist.
 */
import { whenAborted } from './abort.js';

/**
 * Resolves after `ms` milliseconds; rejects with the signal's reason as soon as it aborts (at
 * once if it already has), as raceSignal and fetch do, and clears the timer so nothing lingers.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      stopWaiting?.();
      resolve();
    }, ms);
    const stopWaiting = signal && whenAborted(signal, onAbort);
  });
}
