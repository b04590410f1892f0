import { SingleFlight } from './flight.js';
import { assertValidKey, assertValidRange } from './keys.js';
import { defaultIsMutable, type ObjectStore, type RequestOptions } from './types.js';

export const DEFAULT_MEMORY_CACHE_BYTES = 64 * 1024 * 1024;

export interface CacheOptions {
  /** Keys whose content can change in place; never served from cache. Default: manifest.json. */
  isMutable?: (key: string) => boolean;
}

export interface MemoryCacheOptions extends CacheOptions {
  /** Upper bound on cached payload bytes; 0 disables caching (single flight still applies). */
  maxBytes?: number;
}

/** Entry id for a read: the key plus the byte range ('*' for the whole object). */
export function cacheId(key: string, start?: number, end?: number): string {
  return start === undefined ? `${key}\0*` : `${key}\0${start}-${end}`;
}

/**
 * Bounded LRU of read results, in process. A warm Lambda serves repeated queries from here.
 *
 * Why caching is safe: xlir writes index data objects (shards, dictionaries) under unique keys
 * and never rewrites them, so any bytes once read for such a key stay valid. The one mutable
 * object is the manifest (`manifest.json`), which flips readers to a new index generation; it is
 * always read through (`isMutable`), so a reader notices a new generation on its next query.
 * Writes through this store (put/delete) also drop every cached entry of that key, as a safety
 * net for anything that breaks the immutability convention from within this process.
 */
export class MemoryCachedStore implements ObjectStore {
  readonly maxBytes: number;
  private readonly isMutable: (key: string) => boolean;
  /** Map iteration order is insertion order, so re-inserting on hit makes the first entry LRU. */
  private readonly entries = new Map<string, { key: string; bytes: Uint8Array }>();
  private readonly idsByKey = new Map<string, Set<string>>();
  private readonly flights = new SingleFlight<Uint8Array>();
  private bytes = 0;

  constructor(
    readonly inner: ObjectStore,
    options: MemoryCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MEMORY_CACHE_BYTES;
    this.isMutable = options.isMutable ?? defaultIsMutable;
  }

  get uri(): string {
    return this.inner.uri;
  }

  /** Cached payload bytes, for tests and metrics. */
  get sizeBytes(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    if (this.isMutable(key)) return this.inner.get(key, options);
    return this.read(key, cacheId(key), (signal) => this.inner.get(key, { signal }), options);
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    assertValidRange(start, end);
    if (start >= end) return new Uint8Array(0);
    if (this.isMutable(key)) return this.inner.getRange(key, start, end, options);
    const whole = this.lookup(cacheId(key));
    if (whole) return whole.subarray(start, end);
    return this.read(
      key,
      cacheId(key, start, end),
      (signal) => this.inner.getRange(key, start, end, { signal }),
      options,
    );
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    this.invalidate(key);
    try {
      await this.inner.put(key, body, options);
    } finally {
      // Again afterwards: a read that started during the put may have cached the old bytes.
      this.invalidate(key);
    }
  }

  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.inner.list(prefix, options);
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    this.invalidate(key);
    try {
      await this.inner.delete(key, options);
    } finally {
      this.invalidate(key);
    }
  }

  private read(
    key: string,
    id: string,
    fetch: (signal: AbortSignal) => Promise<Uint8Array>,
    options: RequestOptions | undefined,
  ): Promise<Uint8Array> {
    const hit = this.lookup(id);
    if (hit) return Promise.resolve(hit);
    return this.flights.run(id, key, fetch, (bytes) => this.insert(key, id, bytes), options?.signal);
  }

  private lookup(id: string): Uint8Array | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.bytes;
  }

  private insert(key: string, id: string, bytes: Uint8Array): void {
    if (bytes.byteLength > this.maxBytes) return;
    // A small view would pin its whole backing buffer while only its own length is counted.
    if (bytes.byteLength * 2 < bytes.buffer.byteLength) bytes = bytes.slice();
    this.remove(id);
    this.entries.set(id, { key, bytes });
    let ids = this.idsByKey.get(key);
    if (!ids) this.idsByKey.set(key, (ids = new Set()));
    ids.add(id);
    this.bytes += bytes.byteLength;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes.byteLength;
    const ids = this.idsByKey.get(entry.key);
    ids?.delete(id);
    if (ids?.size === 0) this.idsByKey.delete(entry.key);
  }

  private invalidate(key: string): void {
    this.flights.invalidate(key);
    for (const id of [...(this.idsByKey.get(key) ?? [])]) this.remove(id);
  }
}
