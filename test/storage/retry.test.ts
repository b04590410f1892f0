import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_OPTIONS,
  ObjectNotFoundError,
  RetryingStore,
  StorageError,
  backoffDelayMs,
  type RetryingStoreOptions,
} from '../../lib/storage/index.js';
import { FakeStore, dec, enc } from './helpers.js';

/** A RetryingStore whose sleeps are recorded instead of waited for. */
function retrying(inner: FakeStore, options: RetryingStoreOptions = {}) {
  const sleeps: number[] = [];
  const store = new RetryingStore(inner, {
    baseDelayMs: 50,
    maxDelayMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { store, sleeps };
}

/** Fails the first `n` calls with `error`, then lets calls through. */
function failFirst(inner: FakeStore, n: number, error: () => Error): void {
  let failures = 0;
  inner.hook = async () => {
    if (failures < n) {
      failures++;
      throw error();
    }
  };
}

const serverError = (): StorageError => new StorageError('boom', { retryable: true, status: 500 });

describe('RetryingStore', () => {
  it('uses the documented defaults', () => {
    // Act
    const store = new RetryingStore(new FakeStore());
    // Assess
    expect(store.options).toEqual({
      maxAttempts: 4,
      baseDelayMs: 50,
      maxDelayMs: 2000,
      attemptTimeoutMs: 10_000,
    });
    expect(DEFAULT_RETRY_OPTIONS).toEqual(store.options);
  });

  it('succeeds on the third attempt after two 500s, with full-jitter delays', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('value'));
    failFirst(inner, 2, serverError);
    const randoms = [0.5, 0.25];
    const { store, sleeps } = retrying(inner, { random: () => randoms.shift() ?? 0 });
    // Act
    const value = await store.get('k');
    // Assess
    expect(dec(value)).toBe('value');
    expect(inner.count('get')).toBe(3);
    // random * min(max, base * 2^(failed - 1)): 0.5 * 50 and 0.25 * 100
    expect(sleeps).toEqual([25, 25]);
  });

  it('keeps every delay within [0, min(maxDelay, base * 2^n)) for any random draw', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('v'));
    failFirst(inner, 7, serverError);
    const { store, sleeps } = retrying(inner, {
      maxAttempts: 8,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.999,
    });
    // Act
    await store.get('k');
    // Assess
    const caps = [100, 200, 400, 800, 1000, 1000, 1000];
    expect(sleeps).toHaveLength(7);
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(caps[i] ?? 0);
      expect(ms).toBeGreaterThan((caps[i] ?? 0) * 0.99);
    });
  });

  it('computes full-jitter bounds for arbitrary options (property)', () => {
    // Prepare / Act / Assess
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failed, base, max, r) => {
          const delay = backoffDelayMs(
            failed,
            { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: base, maxDelayMs: max },
            () => r,
          );
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** (failed - 1)));
        },
      ),
    );
  });

  it('does not retry non-retryable errors', async () => {
    // Prepare
    const inner = new FakeStore();
    failFirst(inner, 5, () => new StorageError('denied', { retryable: false, status: 403 }));
    const { store, sleeps } = retrying(inner);
    // Act
    const result = store.get('k');
    // Assess
    await expect(result).rejects.toMatchObject({ name: 'StorageError', status: 403, retryable: false });
    expect(inner.count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry ObjectNotFoundError', async () => {
    // Prepare
    const inner = new FakeStore();
    const { store } = retrying(inner);
    // Act
    const result = store.getRange('missing', 0, 10);
    // Assess
    await expect(result).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(inner.count()).toBe(1);
  });

  it('does not retry plain programming errors', async () => {
    // Prepare
    const inner = new FakeStore();
    failFirst(inner, 5, () => new TypeError('bug'));
    const { store } = retrying(inner);
    // Act / Assess
    await expect(store.list('')).rejects.toBeInstanceOf(TypeError);
    expect(inner.count()).toBe(1);
  });

  it('times out a hanging attempt, aborts it, and retries', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('late'));
    let first = true;
    inner.hook = () => {
      if (!first) return undefined;
      first = false;
      return new Promise<void>(() => undefined); // never settles and ignores the signal
    };
    const { store, sleeps } = retrying(inner, { attemptTimeoutMs: 30 });
    // Act
    const value = await store.get('k');
    // Assess
    expect(dec(value)).toBe('late');
    expect(inner.count('get')).toBe(2);
    expect(inner.calls[0]?.signal?.aborted).toBe(true);
    expect(inner.calls[0]?.signal?.reason).toBeInstanceOf(StorageError);
    expect(inner.calls[1]?.signal?.aborted).toBe(false);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after maxAttempts with a retryable StorageError naming the attempt count', async () => {
    // Prepare
    const inner = new FakeStore();
    failFirst(inner, 100, serverError);
    const { store, sleeps } = retrying(inner, { maxAttempts: 4 });
    // Act
    const result = store.put('k', 'v');
    // Assess
    await expect(result).rejects.toThrow(/gave up after 4 attempts/);
    await expect(result).rejects.toMatchObject({ retryable: true, status: 500 });
    expect(inner.count('put')).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it('stops at once when the caller aborts', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.hook = () => new Promise<void>(() => undefined);
    const { store } = retrying(inner, { attemptTimeoutMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    // Act
    const result = store.get('k', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    // Assess
    await expect(result).rejects.toBe(reason);
    expect(inner.count()).toBe(1);
    expect(inner.calls[0]?.signal?.aborted).toBe(true);
  });

  it('really sleeps by default', async () => {
    // Prepare
    const inner = new FakeStore();
    inner.objects.set('k', enc('v'));
    failFirst(inner, 1, serverError);
    const store = new RetryingStore(inner, { baseDelayMs: 40, random: () => 0.99 });
    // Act
    const started = performance.now();
    await store.get('k');
    // Assess
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('rejects a maxAttempts below 1', () => {
    // Act / Assess
    expect(() => new RetryingStore(new FakeStore(), { maxAttempts: 0 })).toThrow(RangeError);
  });
});
