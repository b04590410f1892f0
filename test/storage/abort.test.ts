/**
 * Many reads waiting on one request's signal: one real 'abort' listener for all of them
 * (lib/storage/abort.ts), so Node never warns of a listener leak, and every read still stops when
 * the signal aborts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { raceSignal } from '../../lib/storage/index.js';
import { whenAborted } from '../../lib/storage/abort.js';
import { sleep } from '../../lib/storage/sleep.js';

/** An AbortController whose signal counts the 'abort' listeners added to it. */
function countingController(): { controller: AbortController; added: () => number } {
  const controller = new AbortController();
  let added = 0;
  const add = controller.signal.addEventListener.bind(controller.signal);
  controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
    if (args[0] === 'abort') added++;
    add(...args);
  }) as typeof add;
  return { controller, added: () => added };
}

const warnings: Error[] = [];
const onWarning = (warning: Error): void => {
  warnings.push(warning);
};

afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('waiting for one signal from many reads', () => {
  it('adds one listener to the signal however many wait, and runs each waiting callback once', () => {
    // Prepare
    const { controller, added } = countingController();
    const calls: number[] = [];
    // Act
    const stops = Array.from({ length: 50 }, (_, i) => whenAborted(controller.signal, () => calls.push(i)));
    stops[7]!();
    controller.abort(new Error('deadline'));
    controller.abort(new Error('again'));
    // Assess: the one taken out is not called; the rest once each.
    expect(added()).toBe(1);
    expect(calls).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 7));
  });

  it('rejects every raced read and sleep with the signal’s reason, without a listener-leak warning', async () => {
    // Prepare
    process.on('warning', onWarning);
    const controller = new AbortController();
    const reason = new Error('the deadline passed');
    const never = new Promise<never>(() => {});
    // Act: more waiters than Node's default of 10 listeners per event target.
    const reads = Array.from({ length: 30 }, () => raceSignal(never, controller.signal));
    const sleeps = Array.from({ length: 30 }, () => sleep(60_000, controller.signal));
    controller.abort(reason);
    const settled = await Promise.allSettled([...reads, ...sleeps]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Assess
    expect(settled.every((s) => s.status === 'rejected' && s.reason === reason)).toBe(true);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
