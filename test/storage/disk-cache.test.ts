import { readFile, readdir, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectNotFoundError } from '../../lib/storage/index.js';
import { DiskCachedStore } from '../../lib/storage/node.js';
import { FakeStore, dec, deferred, enc, makeTempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
const caches: DiskCachedStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('disk-cache'));
});

afterEach(async () => {
  // Background cache writes must land before the directory is removed.
  for (const cache of caches.splice(0)) await cache.flush();
  await cleanup();
});

const entryFiles = async (): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith('.bin'));

async function totalSize(): Promise<number> {
  let sum = 0;
  for (const f of await entryFiles()) sum += (await stat(path.join(dir, f))).size;
  return sum;
}

function setup(inner = new FakeStore(), maxBytes = 1 << 20) {
  const cache = new DiskCachedStore(inner, { dir, maxBytes });
  caches.push(cache);
  return { inner, cache };
}

describe('DiskCachedStore', () => {
  it('serves a repeated read from disk', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('shards/a', enc('0123456789'));
    // Act
    const first = await cache.getRange('shards/a', 3, 7);
    await cache.flush();
    const second = await cache.getRange('shards/a', 3, 7);
    // Assess
    expect(dec(first)).toBe('3456');
    expect(dec(second)).toBe('3456');
    expect(inner.count('getRange')).toBe(1);
    expect(await entryFiles()).toHaveLength(1);
  });

  it('survives a new instance on the same directory', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('persisted'));
    await cache.get('k');
    await cache.getRange('k', 0, 4);
    await cache.flush();
    // Act
    const fresh = setup(new FakeStore());
    const whole = await fresh.cache.get('k');
    const range = await fresh.cache.getRange('k', 0, 4);
    // Assess
    expect(dec(whole)).toBe('persisted');
    expect(dec(range)).toBe('pers');
    expect(fresh.inner.count()).toBe(0);
    expect(fresh.cache.entryCount).toBe(2);
  });

  it('keeps the files within the byte bound, evicting least recently used first', async () => {
    // Prepare: each entry is 1000 payload bytes plus a small header.
    const { inner, cache } = setup(new FakeStore(), 3500);
    for (const k of ['a', 'b', 'c', 'd']) inner.objects.set(k, new Uint8Array(1000).fill(k.charCodeAt(0)));
    for (const k of ['a', 'b', 'c']) {
      await cache.get(k);
      await cache.flush();
    }
    await cache.get('a'); // 'b' is now the least recently used
    // Act
    await cache.get('d');
    await cache.flush();
    // Assess
    expect(await totalSize()).toBeLessThanOrEqual(3500);
    expect(cache.sizeBytes).toBe(await totalSize());
    inner.calls.length = 0;
    for (const k of ['a', 'c', 'd']) await cache.get(k);
    expect(inner.count()).toBe(0);
    await cache.get('b');
    expect(inner.count('get')).toBe(1);
  });

  it('enforces the bound on startup when the directory holds more than allowed', async () => {
    // Prepare
    const { inner, cache } = setup();
    for (const k of ['a', 'b', 'c']) {
      inner.objects.set(k, new Uint8Array(1000));
      await cache.get(k);
      await cache.flush();
    }
    // Act
    const smaller = setup(new FakeStore(), 2200);
    await smaller.cache.get('c').catch(() => undefined);
    // Assess
    expect(await totalSize()).toBeLessThanOrEqual(2200);
  });

  it('treats a corrupt or truncated cache file as a miss and repairs it', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('the real bytes'));
    inner.objects.set('t', enc('more real bytes'));
    await cache.get('k');
    await cache.get('t');
    await cache.flush();
    const [fileK, fileT] = await entryFiles();
    await writeFile(
      path.join(dir, fileK ?? ''),
      enc('garbage that is long enough to look like a header....'),
    );
    await truncate(path.join(dir, fileT ?? ''), 50);
    // Act
    const fresh = setup(inner);
    const k = await fresh.cache.get('k');
    const t = await fresh.cache.get('t');
    await fresh.cache.flush();
    const again = await fresh.cache.get('k');
    // Assess
    expect(dec(k)).toBe('the real bytes');
    expect(dec(t)).toBe('more real bytes');
    expect(dec(again)).toBe('the real bytes');
    expect(inner.count('get')).toBe(4);
  });

  it('treats a flipped payload byte as a miss', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('payload!'));
    await cache.get('k');
    await cache.flush();
    const [file] = await entryFiles();
    const bytes = await readFile(path.join(dir, file ?? ''));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(path.join(dir, file ?? ''), bytes);
    // Act
    const read = await cache.get('k');
    // Assess
    expect(dec(read)).toBe('payload!');
    expect(inner.count('get')).toBe(2);
  });

  it('never caches manifest.json', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('idx/manifest.json', enc('{"gen":1}'));
    // Act
    await cache.get('idx/manifest.json');
    await cache.getRange('idx/manifest.json', 0, 3);
    await cache.flush();
    // Assess
    expect(await entryFiles()).toEqual([]);
  });

  it('drops cached entries of a key on put and delete, even ones from an earlier process', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('old'));
    await cache.get('k');
    await cache.flush();
    const fresh = setup(inner);
    // Act
    await fresh.cache.put('k', 'new');
    const afterPut = await fresh.cache.get('k');
    await fresh.cache.flush();
    await fresh.cache.delete('k');
    // Assess
    expect(dec(afterPut)).toBe('new');
    expect(await entryFiles()).toEqual([]);
    await expect(fresh.cache.get('k')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('coalesces concurrent identical requests', async () => {
    // Prepare
    const { inner, cache } = setup();
    inner.objects.set('k', enc('v'));
    const gate = deferred();
    inner.hook = () => gate.promise;
    // Act
    const reads = [cache.get('k'), cache.get('k'), cache.get('k')];
    await new Promise((r) => setTimeout(r, 10));
    gate.resolve();
    await Promise.all(reads);
    // Assess
    expect(inner.count('get')).toBe(1);
  });

  it('removes stale temp files on startup but leaves unrelated files alone', async () => {
    // Prepare
    const stale = path.join(dir, `${'a'.repeat(24)}-${'b'.repeat(40)}.bin.0123abcd.tmp`);
    const unrelated = path.join(dir, 'README.txt');
    await writeFile(stale, 'partial');
    await writeFile(unrelated, 'keep me');
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(stale, old, old);
    const { inner, cache } = setup();
    inner.objects.set('k', enc('v'));
    // Act
    await cache.get('k');
    // Assess
    const files = await readdir(dir);
    expect(files).not.toContain(path.basename(stale));
    expect(files).toContain('README.txt');
  });

  it('degrades to pass-through when the directory is unusable', async () => {
    // Prepare
    const blocker = path.join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const inner = new FakeStore();
    inner.objects.set('k', enc('v'));
    const cache = new DiskCachedStore(inner, { dir: path.join(blocker, 'cache') });
    caches.push(cache);
    // Act
    const first = await cache.get('k');
    const second = await cache.get('k');
    // Assess
    expect(dec(first)).toBe('v');
    expect(dec(second)).toBe('v');
    expect(inner.count('get')).toBe(2);
  });
});
