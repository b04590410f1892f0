import { describe, expect, it } from 'vitest';
import { MemoryCachedStore, ObjectNotFoundError, StorageError } from '../../lib/storage/index.js';
import { FakeStore, dec, deferred, enc } from './helpers.js';

function setup(maxBytes = 1024, isMutable?: (key: string) => boolean) {
  const inner = new FakeStore();
  const cache = new MemoryCachedStore(inner, isMutable ? { maxBytes, isMutable } : { maxBytes });
  return { inner, cache };
}

describe('MemoryCachedStore', () => {
  it('serves a repeated read from memory', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('shards/a', enc('0123456789'));
    // Act
    const first = await cache.getRange('shards/a', 2, 6);
    const second = await cache.getRange('shards/a', 2, 6);
    const other = await cache.getRange('shards/a', 0, 2);
    await cache.get('shards/a');
    await cache.get('shards/a');
    // Assess
    expect(dec(first)).toBe('2345');
    expect(dec(second)).toBe('2345');
    expect(dec(other)).toBe('01');
    expect(inner.count('getRange')).toBe(2);
    expect(inner.count('get')).toBe(1);
  });

  it('answers ranges from a cached whole object', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('abcdef'));
    await cache.get('k');
    // Act
    const range = await cache.getRange('k', 1, 100);
    // Assess
    expect(dec(range)).toBe('bcdef');
    expect(inner.count('getRange')).toBe(0);
  });

  it('evicts least recently used entries to stay within the byte bound', async () => {
    // Prepare
    const { inner, cache } = setup(100);
    for (const k of ['a', 'b', 'c']) inner.objects.set(k, new Uint8Array(40));
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // 'a' is now more recent than 'b'
    // Act
    await cache.get('c');
    // Assess
    expect(cache.sizeBytes).toBe(80);
    expect(cache.sizeBytes).toBeLessThanOrEqual(cache.maxBytes);
    inner.calls.length = 0;
    await cache.get('a');
    await cache.get('c');
    expect(inner.count()).toBe(0);
    await cache.get('b');
    expect(inner.count('get')).toBe(1);
  });

  it('does not cache an object larger than the bound', async () => {
    // Prepare
    const { inner, cache } = setup(10);
    inner.objects.set('big', new Uint8Array(11));
    // Act
    await cache.get('big');
    await cache.get('big');
    // Assess
    expect(inner.count('get')).toBe(2);
    expect(cache.sizeBytes).toBe(0);
  });

  it('never caches manifest.json, so a new generation is seen at once', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('idx/manifest.json', enc('{"gen":1}'));
    await cache.get('idx/manifest.json');
    await cache.getRange('idx/manifest.json', 0, 4);
    // Act: another writer (not through this cache) flips the manifest.
    inner.objects.set('idx/manifest.json', enc('{"gen":2}'));
    const seen = await cache.get('idx/manifest.json');
    // Assess
    expect(dec(seen)).toBe('{"gen":2}');
    expect(inner.count('get')).toBe(2);
    expect(inner.count('getRange')).toBe(1);
    expect(cache.entryCount).toBe(0);
  });

  it('honours a custom isMutable', async () => {
    // Prepare
    const { inner, cache } = setup(1024, (key) => key.startsWith('live/'));
    inner.objects.set('live/x', enc('1'));
    inner.objects.set('manifest.json', enc('m'));
    // Act
    await cache.get('live/x');
    await cache.get('live/x');
    await cache.get('manifest.json');
    await cache.get('manifest.json');
    // Assess
    expect(inner.calls.filter((c) => c.key === 'live/x')).toHaveLength(2);
    expect(inner.calls.filter((c) => c.key === 'manifest.json')).toHaveLength(1);
  });

  it('invalidates every entry of a key on put and on delete', async () => {
    // Prepare
    const { inner, cache } = setup();
    await cache.put('k', 'old-value');
    await cache.get('k');
    await cache.getRange('k', 0, 3);
    // Act
    await cache.put('k', 'new-value');
    const afterPut = [dec(await cache.get('k')), dec(await cache.getRange('k', 0, 3))];
    await cache.delete('k');
    const afterDelete = cache.get('k');
    // Assess
    expect(afterPut).toEqual(['new-value', 'new']);
    await expect(afterDelete).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(inner.count('get')).toBe(3);
  });

  it('coalesces concurrent identical requests into one inner call', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('shared'));
    const gate = deferred();
    inner.hook = () => gate.promise;
    // Act
    const reads = Array.from({ length: 5 }, () => cache.getRange('k', 0, 6));
    gate.resolve();
    const results = await Promise.all(reads);
    // Assess
    expect(inner.count('getRange')).toBe(1);
    expect(results.map(dec)).toEqual(Array(5).fill('shared'));
  });

  it('does not cache failures, so the next read tries again', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('v'));
    let fail = true;
    inner.hook = async () => {
      if (fail) throw new StorageError('flaky', { retryable: true, status: 503 });
    };
    // Act
    const first = await Promise.allSettled([cache.get('k'), cache.get('k')]);
    fail = false;
    const second = await cache.get('k');
    // Assess
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(dec(second)).toBe('v');
    expect(inner.count('get')).toBe(2);
  });

  it('does not let a read that raced a put cache the old bytes', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('old'));
    const gate = deferred();
    inner.hook = (call) => (call.op === 'get' ? gate.promise : undefined);
    const racing = cache.get('k');
    // Act
    inner.hook = undefined;
    await cache.put('k', 'new');
    gate.resolve();
    await racing;
    const after = await cache.get('k');
    // Assess
    expect(dec(after)).toBe('new');
  });

  it('lets one waiter abort without failing the others', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('v'));
    const gate = deferred();
    inner.hook = () => gate.promise;
    const controller = new AbortController();
    // Act
    const aborted = cache.get('k', { signal: controller.signal });
    const patient = cache.get('k');
    controller.abort(new Error('no longer needed'));
    gate.resolve();
    // Assess
    await expect(aborted).rejects.toThrow('no longer needed');
    expect(dec(await patient)).toBe('v');
    expect(inner.count('get')).toBe(1);
  });

  it('aborts the backend read once every waiter has given up, and starts afresh after', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('v'));
    const gate = deferred();
    inner.hook = (call) => (call.op === 'get' ? gate.promise : undefined);
    const [first, second] = [new AbortController(), new AbortController()];
    const a = cache.get('k', { signal: first.signal });
    const b = cache.get('k', { signal: second.signal });
    await Promise.resolve();
    const backend = inner.calls[0]!.signal!;
    // Act
    first.abort(new Error('first gave up'));
    const abortedAfterFirst = backend.aborted;
    second.abort(new Error('second gave up'));
    inner.hook = undefined;
    const fresh = await cache.get('k');
    gate.resolve();
    // Assess
    await expect(a).rejects.toThrow('first gave up');
    await expect(b).rejects.toThrow('second gave up');
    expect(abortedAfterFirst).toBe(false);
    expect(backend.aborted).toBe(true);
    expect((backend.reason as Error).message).toBe('second gave up');
    expect(dec(fresh)).toBe('v');
    expect(inner.count('get')).toBe(2);
  });

  it('caches nothing when maxBytes is 0', async () => {
    // Prepare
    const { inner, cache } = setup(0);
    inner.objects.set('k', enc('v'));
    // Act
    await cache.get('k');
    await cache.get('k');
    // Assess
    expect(inner.count('get')).toBe(2);
  });
});
