/**
 * Per-call options. `signal` lets a caller (or RetryingStore, per attempt) abandon a request;
 * backends forward it to the transport so an abandoned request stops consuming a socket.
 */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * A flat key/value object store rooted at `uri`. Keys are '/'-separated relative paths
 * (see keys.ts for the rules, which are enforced identically by every backend).
 *
 * Returned bytes must be treated as read-only: caching layers hand the same buffer to
 * every caller that hits the same entry.
 */
export interface ObjectStore {
  readonly uri: string;
  /** Whole object; throws ObjectNotFoundError if absent. */
  get(key: string, options?: RequestOptions): Promise<Uint8Array>;
  /**
   * Bytes [start, end). If the object is shorter the shorter slice is returned (callers detect
   * truncation by length); a range starting at or past the end yields an empty slice. Throws
   * ObjectNotFoundError if absent, except that an empty range (start >= end) returns an empty
   * slice without contacting the backend.
   */
  getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array>;
  /** Atomic replace: a concurrent reader sees the old or the new object, never a partial one. */
  put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void>;
  /** Keys under `prefix` (relative to the store root), sorted by UTF-8 bytes, all pages. */
  list(prefix: string, options?: RequestOptions): Promise<string[]>;
  /** Idempotent: deleting an absent key succeeds. */
  delete(key: string, options?: RequestOptions): Promise<void>;
}

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  attemptTimeoutMs: number;
}

export interface StoreOptions {
  /** Bounded in-process LRU byte cache (0 disables); default 64 MiB. */
  memoryCacheBytes?: number;
  /** Optional local-disk cache directory (e.g. Lambda /tmp); off by default. */
  diskCacheDir?: string;
  /** Bound for the disk cache; default 256 MiB. */
  diskCacheBytes?: number;
  retry?: Partial<RetryOptions>;
}

/**
 * xlir writes index data (shards) under unique, never-rewritten keys; the only object that is
 * replaced in place is the manifest, which points readers at the current generation of shards.
 */
export function defaultIsMutable(key: string): boolean {
  return key.endsWith('manifest.json');
}
