/**
 * Cooperative yielding for long synchronous loops. Tokenising a 1,000-document rerank (or
 * detecting each document's language) is hundreds of milliseconds of JavaScript; run in one
 * go it holds the event loop, and every other request the process serves (a 5 ms search)
 * waits behind it. A loop that calls `pause()` between items gives the loop back whenever it
 * has run for a slice, so other requests' I/O and handlers run in between.
 */
import { YIELD_SLICE_MS } from './constants.js';

/** Resolves after the event loop has run its pending I/O callbacks (setImmediate, not a timer). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TimeSlicer {
  private sliceStart = performance.now();
  /** Milliseconds spent away (other work ran) during pauses: not this loop's own time. */
  yieldedMs = 0;

  constructor(private readonly sliceMs: number = YIELD_SLICE_MS) {}

  /** Yields when the current slice has lasted `sliceMs`; otherwise returns at once. */
  async pause(): Promise<void> {
    const now = performance.now();
    if (now - this.sliceStart < this.sliceMs) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
    this.yieldedMs += this.sliceStart - now;
  }
}
