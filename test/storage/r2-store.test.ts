import type { R2Bucket } from '@cloudflare/workers-types/experimental/index.ts';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryCachedStore,
  ObjectNotFoundError,
  RetryingStore,
  StorageError,
} from '../../lib/storage/index.js';
import { R2Store, type R2BucketBinding } from '../../lib/storage/r2-store.js';
import { describeStoreContract } from './contract.js';
import { deferred, dec } from './helpers.js';

// The real binding's type must satisfy the structural one R2Store asks for.
const _bindingFits = (bucket: R2Bucket): R2BucketBinding => bucket;

let mf: Miniflare;
let bucket: R2BucketBinding;
let prefixCounter = 0;
/** Each test gets its own prefix in the one bucket, which is cheaper than a workerd per test. */
const freshPrefix = (label: string): string => `${label}-${++prefixCounter}`;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    r2Buckets: ['BUCKET'],
    compatibilityDate: '2025-01-01',
  });
  bucket = await mf.getR2Bucket('BUCKET');
});

afterAll(async () => {
  await mf?.dispose();
});

describeStoreContract('R2Store on Miniflare (5 keys per list page)', {
  makeStore: async () => new R2Store(bucket, { prefix: freshPrefix('r2'), name: 'test', listPageSize: 5 }),
});

describeStoreContract('R2Store with retries and a memory cache', {
  makeStore: async () =>
    new MemoryCachedStore(
      new RetryingStore(new R2Store(bucket, { prefix: freshPrefix('r2-stack'), name: 'test' }), {
        maxAttempts: 2,
        baseDelayMs: 1,
      }),
      { maxBytes: 1 << 20 },
    ),
});

type Op = keyof R2BucketBinding;

/** Wraps a binding so a test can count, stall or fail its calls. */
function instrument(
  inner: R2BucketBinding,
  hook: (op: Op, args: unknown[]) => Promise<void> | undefined = () => undefined,
) {
  const calls: Op[] = [];
  const wrap =
    <A extends unknown[], R>(op: Op, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.push(op);
      await hook(op, args);
      return fn(...args);
    };
  const binding: R2BucketBinding = {
    head: wrap('head', (key) => inner.head(key)),
    get: wrap('get', (key, options) => inner.get(key, options)),
    put: wrap('put', (key, value) => inner.put(key, value)),
    delete: wrap('delete', (key) => inner.delete(key)),
    list: wrap('list', (options) => inner.list(options)),
  };
  return { binding, calls };
}

const r2Error = (message: string) => new Error(message);

describe('R2Store', () => {
  it('names the bucket and prefix in its URI and keeps keys under the prefix', async () => {
    // Prepare
    const prefix = freshPrefix('uri');
    const store = new R2Store(bucket, { prefix: `/${prefix}/idx/`, name: 'indexes' });
    const sibling = new R2Store(bucket, { prefix: `${prefix}/idx2` });
    // Act
    await store.put('manifest.json', '{}');
    await sibling.put('manifest.json', '[]');
    // Assess
    expect(store.uri).toBe(`r2://indexes/${prefix}/idx`);
    expect(sibling.uri).toBe(`r2://bucket/${prefix}/idx2`);
    expect(dec(await store.get('manifest.json'))).toBe('{}');
    expect(await bucket.head(`${prefix}/idx/manifest.json`)).toMatchObject({ size: 2 });
    expect(await store.list('')).toEqual(['manifest.json']);
  });

  it('reads the last bytes of an object and an open-ended range', async () => {
    // Prepare
    const store = new R2Store(bucket, { prefix: freshPrefix('tail') });
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    await store.put('blob', bytes);
    // Act
    const last = await store.getRange('blob', 990, 1000);
    const open = await store.getRange('blob', 995, Infinity);
    // Assess
    expect(last).toEqual(bytes.slice(990));
    expect(open).toEqual(bytes.slice(995));
  });

  it('follows list cursors page by page and skips folder markers', async () => {
    // Prepare
    const prefix = freshPrefix('pages');
    const { binding, calls } = instrument(bucket);
    const store = new R2Store(binding, { prefix, listPageSize: 2 });
    for (const key of ['d', 'c/1', 'b', 'a', 'e']) await store.put(key, key);
    await bucket.put(`${prefix}/folder/`, '');
    calls.length = 0;
    // Act
    const keys = await store.list('');
    // Assess
    expect(keys).toEqual(['a', 'b', 'c/1', 'd', 'e']);
    expect(calls.filter((op) => op === 'list').length).toBeGreaterThanOrEqual(3);
  });

  it('rejects with the reason of an already aborted signal without calling the binding', async () => {
    // Prepare
    const { binding, calls } = instrument(bucket);
    const store = new R2Store(binding, { prefix: freshPrefix('aborted') });
    const reason = new Error('deadline');
    // Act
    const results = await Promise.allSettled([
      store.get('k', { signal: AbortSignal.abort(reason) }),
      store.getRange('k', 0, 5, { signal: AbortSignal.abort(reason) }),
      store.put('k', 'v', { signal: AbortSignal.abort(reason) }),
      store.list('', { signal: AbortSignal.abort(reason) }),
      store.delete('k', { signal: AbortSignal.abort(reason) }),
    ]);
    // Assess
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(
      Array(5).fill(reason),
    );
    expect(calls).toEqual([]);
  });

  it('rejects at once when the signal aborts during a binding call', async () => {
    // Prepare
    const stall = deferred();
    const { binding } = instrument(bucket, (op) => (op === 'get' ? stall.promise : undefined));
    const store = new R2Store(binding, { prefix: freshPrefix('mid') });
    await store.put('k', 'value');
    const controller = new AbortController();
    const reason = new Error('client went away');
    // Act
    const read = store.get('k', { signal: controller.signal });
    controller.abort(reason);
    // Assess
    await expect(read).rejects.toBe(reason);
    stall.resolve();
  });

  it('tells a missing object from an unsatisfiable range when a ranged get fails', async () => {
    // Prepare
    const { binding, calls } = instrument(bucket, (op) =>
      op === 'get'
        ? Promise.reject(r2Error('get: The requested range is not satisfiable (10039)'))
        : undefined,
    );
    const store = new R2Store(binding, { prefix: freshPrefix('range') });
    await store.put('short', '0123');
    // Act
    const past = await store.getRange('short', 4, 8);
    const missing = store.getRange('absent', 4, 8);
    const inside = store.getRange('short', 1, 3);
    // Assess
    expect(past.length).toBe(0);
    await expect(missing).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(inside).rejects.toMatchObject({ name: 'StorageError', retryable: false });
    expect(calls.filter((op) => op === 'head').length).toBe(3);
  });

  it.each([
    ['internal error (10001)', 'get: We encountered an internal error. Please try again. (10001)', true],
    [
      'too many requests (10058)',
      'get: Reduce your concurrent request rate for the same object. (10058)',
      true,
    ],
    ['a network failure', 'Network connection lost.', true],
    ['access denied (10003)', 'get: Access denied. (10003)', false],
    ['an invalid object name (10020)', 'get: The specified object name is not valid. (10020)', false],
  ])('maps %s to a StorageError of the right retryability', async (_label, message, retryable) => {
    // Prepare
    const { binding } = instrument(bucket, () => Promise.reject(r2Error(message)));
    const store = new R2Store(binding, { prefix: freshPrefix('errors'), name: 'b' });
    // Act
    const err = await store.get('k').catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable });
    expect((err as Error).message).toContain('r2://b/');
  });

  it('reads the code workerd puts on its R2 errors', async () => {
    // Prepare
    const failing = Object.assign(new Error('get: Service unavailable'), { code: 10043 });
    const { binding } = instrument(bucket, () => Promise.reject(failing));
    // Act
    const err = await new R2Store(binding).get('k').catch((e: unknown) => e);
    // Assess
    expect(err).toMatchObject({ name: 'StorageError', retryable: true });
  });

  it('lets RetryingStore ride out a transient failure', async () => {
    // Prepare
    let failures = 1;
    const { binding, calls } = instrument(bucket, (op) =>
      op === 'get' && failures-- > 0 ? Promise.reject(r2Error('get: internal error (10001)')) : undefined,
    );
    const inner = new R2Store(binding, { prefix: freshPrefix('retry') });
    await inner.put('k', 'value');
    const store = new RetryingStore(inner, { maxAttempts: 3, baseDelayMs: 1 });
    // Act
    const bytes = await store.get('k');
    // Assess
    expect(dec(bytes)).toBe('value');
    expect(calls.filter((op) => op === 'get').length).toBe(2);
  });

  it('rejects a list page size R2 would refuse', () => {
    // Act / Assess
    expect(() => new R2Store(bucket, { listPageSize: 0 })).toThrow(RangeError);
    expect(() => new R2Store(bucket, { listPageSize: 1001 })).toThrow(RangeError);
  });
});
