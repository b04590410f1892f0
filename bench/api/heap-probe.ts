/**
 * Preloaded into the benchmarked server only (`node --expose-gc --import …/heap-probe.ts`): on
 * SIGUSR2 it runs a full GC and prints the live heap. Resident memory under load mostly shows
 * how far V8 lets the heap grow between collections; the live heap after a collection, taken
 * while idle before and after a phase, is what tells a leak from lazy collection.
 */
export const HEAP_LINE_PREFIX = 'xlir-bench-live-heap-bytes ';

const gc = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => {
  gc?.();
  process.stdout.write(`${HEAP_LINE_PREFIX}${gc ? process.memoryUsage().heapUsed : -1}\n`);
});
