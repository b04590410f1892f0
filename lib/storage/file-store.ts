import { randomBytes } from 'node:crypto';
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ObjectNotFoundError, StorageError, errorCode, errorMessage } from './errors.js';
import { TEMP_SUFFIX, assertValidKey, assertValidPrefix, assertValidRange, sortKeys } from './keys.js';
import type { ObjectStore, RequestOptions } from './types.js';

/** Codes that describe a missing object: a path component may be missing, a directory, or a file. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);
/** Resource exhaustion that typically clears up by itself. */
const RETRYABLE_CODES = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'EINTR']);

/** A store rooted at a local directory; used for local builds, tests and the CLI demo. */
export class FileStore implements ObjectStore {
  readonly uri: string;
  readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
    this.uri = pathToFileURL(this.root).href;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    const file = this.pathFor(key);
    try {
      const buf = await fs.readFile(file, { signal: options?.signal });
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      throw this.mapError(err, key, 'get');
    }
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    const file = this.pathFor(key);
    assertValidRange(start, end);
    if (start >= end) return new Uint8Array(0);
    options?.signal?.throwIfAborted();
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(file, 'r');
      // Index shards can be large and callers read a few KiB of them: only touch the asked bytes.
      // A read past the end returns fewer bytes, so stat() is only needed for an open-ended range.
      const stop = Number.isFinite(end) ? end : (await handle.stat()).size;
      if (start >= stop) return new Uint8Array(0);
      const out = new Uint8Array(stop - start);
      let filled = 0;
      while (filled < out.length) {
        const { bytesRead } = await handle.read(out, filled, out.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === out.length ? out : out.subarray(0, filled);
    } catch (err) {
      throw this.mapError(err, key, 'getRange');
    } finally {
      await handle?.close();
    }
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    const file = this.pathFor(key);
    options?.signal?.throwIfAborted();
    // rename(2) within one directory is atomic, so readers see either the old or the new file.
    const temp = `${file}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(body);
        // Without this a crash right after rename can leave a renamed but empty file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw this.mapError(err, key, 'put', false);
    }
  }

  async list(prefix: string, options?: RequestOptions): Promise<string[]> {
    assertValidPrefix(prefix);
    // Start the walk at the deepest directory the prefix fully names, not at the root.
    const slash = prefix.lastIndexOf('/');
    const baseKey = slash < 0 ? '' : prefix.slice(0, slash);
    const keys: string[] = [];
    try {
      await this.walk(baseKey, prefix, keys, options?.signal);
    } catch (err) {
      throw this.mapError(err, prefix, 'list', false);
    }
    return sortKeys(keys);
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    const file = this.pathFor(key);
    options?.signal?.throwIfAborted();
    try {
      await fs.unlink(file);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw this.mapError(err, key, 'delete', false);
    }
  }

  private async walk(dirKey: string, prefix: string, out: string[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dirKey === '' ? this.root : this.pathFor(dirKey), { withFileTypes: true });
    } catch (err) {
      if (NOT_FOUND_CODES.has(errorCode(err) ?? '')) return;
      throw err;
    }
    for (const entry of entries) {
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        // Descend only where keys below could still match the prefix.
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) {
          await this.walk(key, prefix, out, signal);
        }
      } else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX) && key.startsWith(prefix)) {
        out.push(key);
      }
    }
  }

  private pathFor(key: string): string {
    assertValidKey(key);
    const file = path.join(this.root, ...key.split('/'));
    // Defence in depth: assertValidKey already rules out escaping the root.
    const rootPrefix = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
    if (!file.startsWith(rootPrefix)) throw new Error(`Key escapes store root: ${key}`);
    return file;
  }

  private mapError(err: unknown, key: string, op: string, notFoundMeansMissing = true): Error {
    if (err instanceof ObjectNotFoundError || err instanceof StorageError) return err;
    // Aborts carry the caller's (or RetryingStore's) reason; they are not storage faults.
    if (err instanceof Error && err.name === 'AbortError') return err;
    const code = errorCode(err);
    if (notFoundMeansMissing && code !== undefined && NOT_FOUND_CODES.has(code)) {
      return new ObjectNotFoundError(key, { storeUri: this.uri, cause: err });
    }
    if (code === undefined) return err instanceof Error ? err : new Error(String(err));
    return new StorageError(`${op} ${key} in ${this.uri} failed: ${errorMessage(err)}`, {
      retryable: RETRYABLE_CODES.has(code),
      cause: err,
    });
  }
}
