import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidKeyError, ObjectNotFoundError, type ObjectStore } from '../../lib/storage/index.js';
import { dec, enc } from './helpers.js';

export interface ContractTarget {
  /** A fresh, empty store per test. */
  makeStore: () => Promise<ObjectStore>;
  /** s3rver sends a wrong Content-Length for ranged GETs of empty objects (real S3 answers 416). */
  supportsRangedGetOfEmptyObject?: boolean;
}

const BAD_KEYS = ['', '/abs', 'a/../b', '..', '../x', 'a//b', './a', 'a/.', 'a\\b', 'a/', 'x.xlir-partial'];

/** The ObjectStore contract that every backend and every composed stack must satisfy. */
export function describeStoreContract(name: string, target: ContractTarget): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    beforeEach(async () => {
      store = await target.makeStore();
    });

    it('round-trips bytes and strings', async () => {
      // Prepare
      const binary = new Uint8Array([0, 1, 2, 250, 255]);
      // Act
      await store.put('shards/0001.bin', binary);
      await store.put('docs/é.txt', 'héllo wörld');
      // Assess
      expect(await store.get('shards/0001.bin')).toEqual(binary);
      expect(dec(await store.get('docs/é.txt'))).toBe('héllo wörld');
    });

    it('throws ObjectNotFoundError with the key for a missing object', async () => {
      // Prepare
      await store.put('present', 'x');
      // Act
      const get = store.get('absent/key');
      const range = store.getRange('absent/key', 0, 10);
      // Assess (all at once: a rejection left unobserved while another is awaited is unhandled)
      await Promise.all([
        expect(get).rejects.toBeInstanceOf(ObjectNotFoundError),
        expect(get).rejects.toMatchObject({ key: 'absent/key' }),
        expect(range).rejects.toBeInstanceOf(ObjectNotFoundError),
      ]);
    });

    it('returns byte ranges [start, end), clipped at the end of the object', async () => {
      // Prepare
      await store.put('obj', '0123456789');
      // Act
      const middle = await store.getRange('obj', 2, 5);
      const tail = await store.getRange('obj', 7, 100);
      const exactEnd = await store.getRange('obj', 0, 10);
      const pastEnd = await store.getRange('obj', 10, 20);
      const farPastEnd = await store.getRange('obj', 50, 60);
      const empty = await store.getRange('obj', 4, 4);
      const inverted = await store.getRange('obj', 6, 3);
      // Assess
      expect(dec(middle)).toBe('234');
      expect(dec(tail)).toBe('789');
      expect(dec(exactEnd)).toBe('0123456789');
      expect(pastEnd.length).toBe(0);
      expect(farPastEnd.length).toBe(0);
      expect(empty.length).toBe(0);
      expect(inverted.length).toBe(0);
    });

    it('stores empty objects', async () => {
      // Prepare / Act
      await store.put('empty', new Uint8Array(0));
      // Assess
      expect((await store.get('empty')).length).toBe(0);
      if (target.supportsRangedGetOfEmptyObject !== false) {
        expect((await store.getRange('empty', 0, 10)).length).toBe(0);
      }
    });

    it('replaces an object on put, including with shorter content', async () => {
      // Prepare
      await store.put('manifest.json', '{"generation":1,"padding":"xxxxxxxx"}');
      // Act
      await store.put('manifest.json', '{"generation":2}');
      // Assess
      expect(dec(await store.get('manifest.json'))).toBe('{"generation":2}');
      expect(dec(await store.getRange('manifest.json', 0, 100))).toBe('{"generation":2}');
    });

    it('lists keys under a prefix, sorted by UTF-8 bytes', async () => {
      // Prepare
      const keys = ['b', 'a/2', 'ab', 'a/b/3', 'a/1', 'é', 'Z'];
      for (const key of keys) await store.put(key, key);
      // Act
      const all = await store.list('');
      const dir = await store.list('a/');
      const partial = await store.list('a');
      const nested = await store.list('a/b/');
      const none = await store.list('zzz/');
      // Assess
      expect(all).toEqual(['Z', 'a/1', 'a/2', 'a/b/3', 'ab', 'b', 'é']);
      expect(dir).toEqual(['a/1', 'a/2', 'a/b/3']);
      expect(partial).toEqual(['a/1', 'a/2', 'a/b/3', 'ab']);
      expect(nested).toEqual(['a/b/3']);
      expect(none).toEqual([]);
    });

    it('lists every key across pages', async () => {
      // Prepare
      const keys = Array.from({ length: 23 }, (_, i) => `p/${String(i).padStart(3, '0')}`);
      await Promise.all(keys.map((key) => store.put(key, key)));
      // Act
      const listed = await store.list('p/');
      // Assess
      expect(listed).toEqual(keys);
    });

    it('deletes idempotently', async () => {
      // Prepare
      await store.put('gone/soon', 'x');
      // Act
      await store.delete('gone/soon');
      await store.delete('gone/soon');
      await store.delete('never/existed');
      // Assess
      await expect(store.get('gone/soon')).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await store.list('gone/')).toEqual([]);
    });

    it('rejects invalid keys and prefixes before any I/O', async () => {
      // Prepare / Act / Assess
      for (const key of BAD_KEYS) {
        await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.getRange(key, 0, 1), key).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.put(key, 'x'), key).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidKeyError);
      }
      for (const prefix of ['/abs', '../', '..', 'a/../', 'a//']) {
        await expect(store.list(prefix), prefix).rejects.toBeInstanceOf(InvalidKeyError);
      }
    });

    it('keeps binary content intact for a larger object', async () => {
      // Prepare
      const big = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
      // Act
      await store.put('big.bin', big);
      // Assess
      expect(await store.get('big.bin')).toEqual(big);
      expect(await store.getRange('big.bin', 123_456, 123_556)).toEqual(big.slice(123_456, 123_556));
    });

    it('exposes a URI naming the backend', () => {
      // Assess
      expect(store.uri).toMatch(/^(file|s3|r2):\/\//);
    });

    it('makes no request for invalid ranges and rejects negative bounds', async () => {
      // Prepare
      await store.put('r', 'abc');
      // Act / Assess
      await expect(store.getRange('r', -1, 2)).rejects.toBeInstanceOf(RangeError);
      await expect(store.getRange('r', 0.5, 2)).rejects.toBeInstanceOf(RangeError);
      expect(enc('abc')).toEqual(await store.getRange('r', 0, Infinity));
    });
  });
}
