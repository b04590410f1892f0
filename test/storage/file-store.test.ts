import { mkdir, open, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectNotFoundError, StorageError, TEMP_SUFFIX } from '../../lib/storage/index.js';
import { FileStore } from '../../lib/storage/node.js';
import { dec, enc, makeTempDir } from './helpers.js';

let root: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: root, cleanup } = await makeTempDir('file-store'));
});

afterEach(async () => {
  await cleanup();
});

describe('FileStore', () => {
  it('names itself with a file:// URI and nests keys as directories', async () => {
    // Prepare
    const store = new FileStore(root);
    // Act
    await store.put('a/b/c.bin', 'x');
    // Assess
    expect(store.uri).toBe(pathToFileURL(root).href);
    expect(await readdir(path.join(root, 'a', 'b'))).toEqual(['c.bin']);
  });

  it('reads a range with a positioned read instead of loading the file', async () => {
    // Prepare: a sparse 3 GiB file, larger than any Buffer readFile could return.
    const big = path.join(root, 'huge.bin');
    const handle = await open(big, 'w');
    await handle.truncate(3 * 1024 ** 3);
    await handle.write(enc('tail'), 0, 4, 3 * 1024 ** 3 - 4);
    await handle.close();
    const store = new FileStore(root);
    // Act
    const tail = await store.getRange('huge.bin', 3 * 1024 ** 3 - 4, 3 * 1024 ** 3 + 100);
    // Assess
    expect(dec(tail)).toBe('tail');
  });

  it('leaves no temp file behind and never exposes a partial object to readers', async () => {
    // Prepare
    const store = new FileStore(root);
    const a = new Uint8Array(512 * 1024).fill(0x61);
    const b = new Uint8Array(256 * 1024).fill(0x62);
    await store.put('obj', a);
    // Act
    const writer = (async () => {
      for (let i = 0; i < 20; i++) await store.put('obj', i % 2 ? a : b);
    })();
    const seen: number[] = [];
    const reader = (async () => {
      for (let i = 0; i < 60; i++) {
        const got = await store.get('obj');
        const uniform = got.every((x) => x === got[0]);
        seen.push(uniform && (got.length === a.length || got.length === b.length) ? got.length : -1);
      }
    })();
    await Promise.all([writer, reader]);
    // Assess
    expect(seen).not.toContain(-1);
    expect((await readdir(root)).filter((f) => f.endsWith(TEMP_SUFFIX))).toEqual([]);
  });

  it('ignores temp files of in-progress writes when listing', async () => {
    // Prepare
    await mkdir(path.join(root, 'd'));
    await writeFile(path.join(root, 'd', `x.123abc${TEMP_SUFFIX}`), 'partial');
    await writeFile(path.join(root, 'd', 'x'), 'done');
    const store = new FileStore(root);
    // Act
    const keys = await store.list('');
    // Assess
    expect(keys).toEqual(['d/x']);
  });

  it('lists nothing for a missing root', async () => {
    // Prepare
    const store = new FileStore(path.join(root, 'does-not-exist'));
    // Act / Assess
    expect(await store.list('')).toEqual([]);
    expect(await store.list('a/b')).toEqual([]);
  });

  it('treats a directory or a path through a file as a missing object', async () => {
    // Prepare
    const store = new FileStore(root);
    await store.put('dir/file', 'x');
    // Act / Assess
    await expect(store.get('dir')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getRange('dir/file/deeper', 0, 1)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.delete('dir/file/deeper')).resolves.toBeUndefined();
  });

  it('reports a put that cannot succeed as a non-retryable StorageError without leftovers', async () => {
    // Prepare
    const store = new FileStore(root);
    await store.put('blocker', 'x');
    // Act
    const result = store.put('blocker/child', 'y');
    // Assess
    await expect(result).rejects.toBeInstanceOf(StorageError);
    await expect(result).rejects.toMatchObject({ retryable: false });
    expect(await readdir(root)).toEqual(['blocker']);
  });

  it('does not follow symlinked directories when listing', async () => {
    // Prepare
    const { dir: outside, cleanup: cleanOutside } = await makeTempDir('outside');
    await writeFile(path.join(outside, 'secret'), 's');
    await symlink(outside, path.join(root, 'link'));
    const store = new FileStore(root);
    // Act
    const keys = await store.list('');
    await cleanOutside();
    // Assess
    expect(keys).toEqual([]);
  });

  it('honours an already-aborted signal', async () => {
    // Prepare
    const store = new FileStore(root);
    await store.put('k', 'v');
    const signal = AbortSignal.abort(new Error('stop'));
    // Act / Assess
    await expect(store.get('k', { signal })).rejects.toThrow();
    await expect(store.getRange('k', 0, 1, { signal })).rejects.toThrow('stop');
  });
});
