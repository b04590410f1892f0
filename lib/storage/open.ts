import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiskCachedStore, DEFAULT_DISK_CACHE_BYTES } from './disk-cache.js';
import { InvalidStoreUriError, errorMessage } from './errors.js';
import { FileStore } from './file-store.js';
import { assertValidKey } from './keys.js';
import { DEFAULT_MEMORY_CACHE_BYTES, MemoryCachedStore } from './memory-cache.js';
import { RetryingStore } from './retry.js';
import { S3Store } from './s3-store.js';
import type { ObjectStore, StoreOptions } from './types.js';

export type ParsedStoreUri = { kind: 'file'; path: string } | { kind: 's3'; bucket: string; prefix: string };

const SUPPORTED =
  "supported: 'file:///abs/dir', 'file:rel/dir', a plain directory path, or 's3://bucket[/prefix]'";
/** Two or more characters, so a Windows drive letter ('C:\idx') still reads as a plain path. */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):/;
/** S3 naming rules for general-purpose buckets (lowercase, 3-63 chars). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function invalid(uri: string, why: string): InvalidStoreUriError {
  return new InvalidStoreUriError(`Invalid store URI ${JSON.stringify(uri)}: ${why}; ${SUPPORTED}`);
}

export function parseStoreUri(uri: string): ParsedStoreUri {
  if (typeof uri !== 'string' || uri.trim() === '') throw invalid(String(uri), 'it is empty');
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'file', path: path.resolve(uri) };
  if (scheme === 'file') {
    if (!uri.slice(5).startsWith('//')) {
      const rest = uri.slice(5);
      if (rest === '') throw invalid(uri, 'no path after file:');
      return { kind: 'file', path: path.resolve(rest) };
    }
    try {
      return { kind: 'file', path: fileURLToPath(uri) };
    } catch (err) {
      throw invalid(uri, errorMessage(err));
    }
  }
  if (scheme === 's3') {
    if (!uri.slice(3).startsWith('//')) throw invalid(uri, "expected 's3://'");
    const rest = uri.slice(5);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    if (!BUCKET.test(bucket)) throw invalid(uri, `${JSON.stringify(bucket)} is not a valid bucket name`);
    if (prefix !== '') {
      try {
        assertValidKey(prefix);
      } catch (err) {
        throw invalid(uri, `bad prefix: ${errorMessage(err)}`);
      }
    }
    return { kind: 's3', bucket, prefix };
  }
  throw invalid(uri, `unsupported scheme '${scheme}:'`);
}

/** The backend alone, without retries or caches. */
export function openBackend(uri: string): FileStore | S3Store {
  const parsed = parseStoreUri(uri);
  return parsed.kind === 'file' ? new FileStore(parsed.path) : new S3Store(parsed.bucket, parsed.prefix);
}

/**
 * backend -> RetryingStore -> DiskCachedStore (if a dir is given) -> MemoryCachedStore.
 * Caches sit above retries so a cache hit never waits on a retry loop, and the memory cache is
 * outermost because it is the cheapest tier.
 */
export function openStore(uri: string, options: StoreOptions = {}): ObjectStore {
  const memoryBytes = options.memoryCacheBytes ?? DEFAULT_MEMORY_CACHE_BYTES;
  if (!(memoryBytes >= 0)) throw new RangeError(`memoryCacheBytes must be >= 0, got ${memoryBytes}`);
  let store: ObjectStore = new RetryingStore(openBackend(uri), options.retry);
  if (options.diskCacheDir) {
    store = new DiskCachedStore(store, {
      dir: options.diskCacheDir,
      maxBytes: options.diskCacheBytes ?? DEFAULT_DISK_CACHE_BYTES,
    });
  }
  if (memoryBytes > 0) store = new MemoryCachedStore(store, { maxBytes: memoryBytes });
  return store;
}
