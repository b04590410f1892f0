import { describe, expect, it } from 'vitest';
import { withLatency } from '../../lib/storage/index.js';
import { FakeStore, enc } from './helpers.js';

describe('withLatency', () => {
  it('counts GETs (get and getRange) but not writes or lists', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('value'));
    const store = withLatency(inner, 0);
    // Act
    await store.get('k');
    await store.getRange('k', 0, 2);
    await store.getRange('k', 2, 4);
    await store.put('other', 'x');
    await store.list('');
    await store.delete('other');
    // Assess
    expect(store.requestCount).toBe(3);
    expect(store.bytesRead).toBe(5 + 2 + 2);
    expect(store.uri).toBe(inner.uri);
  });

  it('starts counting again from zero after a reset', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('value'));
    const store = withLatency(inner, 0);
    await store.get('k');
    // Act
    store.resetCount();
    await store.getRange('k', 1, 4);
    // Assess
    expect([store.requestCount, store.bytesRead]).toEqual([1, 3]);
  });

  it('counts a GET even when it fails', async () => {
    // Prepare
    const store = withLatency(new FakeStore(), 0);
    // Act
    await store.get('missing').catch(() => undefined);
    // Assess
    expect(store.requestCount).toBe(1);
  });

  it('adds the delay to every GET', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('value'));
    const store = withLatency(inner, 30);
    // Act
    const started = performance.now();
    await store.get('k');
    await store.getRange('k', 0, 1);
    const elapsed = performance.now() - started;
    // Assess: timers may fire a millisecond early, never much.
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(store.requestCount).toBe(2);
  });

  it('runs concurrent GETs in parallel, like a real network', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('value'));
    const store = withLatency(inner, 40);
    // Act
    const started = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => store.get('k')));
    const elapsed = performance.now() - started;
    // Assess
    expect(store.requestCount).toBe(10);
    expect(elapsed).toBeLessThan(400);
  });

  it('takes a body its size over the rate to arrive, each parallel GET at the full rate', async () => {
    // Prepare: 100 kB objects at 1 MB/s: 100 ms each
    const inner = new FakeStore();
    inner.objects.set('a', new Uint8Array(100_000));
    inner.objects.set('b', new Uint8Array(100_000));
    const store = withLatency(inner, 0, 1_000_000);
    // Act
    let started = performance.now();
    await store.get('a');
    const one = performance.now() - started;
    started = performance.now();
    await Promise.all([store.get('a'), store.getRange('b', 0, 100_000)]);
    const two = performance.now() - started;
    // Assess
    expect(one).toBeGreaterThanOrEqual(95);
    expect(two).toBeGreaterThanOrEqual(95);
    expect(two).toBeLessThan(180);
  });
});
