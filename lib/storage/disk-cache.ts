import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  ENTRY_NAME,
  HEADER_BYTES,
  STALE_TEMP_MS,
  TEMP_NAME,
  decodeEntry,
  encodeEntry,
  entryName,
  keyTag,
} from './disk-entry.js';
import { SingleFlight, raceSignal } from './flight.js';
import { assertValidKey, assertValidRange } from './keys.js';
import { cacheId, type CacheOptions } from './memory-cache.js';
import { defaultIsMutable, type ObjectStore, type RequestOptions } from './types.js';

export const DEFAULT_DISK_CACHE_BYTES = 256 * 1024 * 1024;

export interface DiskCacheOptions extends CacheOptions {
  dir: string;
  /** Upper bound on the total size of cache files (headers included). */
  maxBytes?: number;
}

/**
 * LRU cache of read results on local disk (e.g. Lambda's /tmp), surviving process restarts
 * that keep the disk. Safe for the same reason as MemoryCachedStore: data keys are immutable
 * and mutable keys (the manifest) always go to the backend. The LRU index lives in memory and
 * is rebuilt from file mtimes on startup, so it assumes one process per directory; files another
 * process writes are simply not tracked. Cache I/O failures degrade to misses, never errors.
 */
export class DiskCachedStore implements ObjectStore {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly isMutable: (key: string) => boolean;
  /** name -> file size, in LRU order (first = least recently used). */
  private readonly index = new Map<string, number>();
  private readonly flights = new SingleFlight<Uint8Array>();
  private readonly writes = new Map<string, Promise<void>>();
  private ready: Promise<void> | undefined;
  private disabled = false;
  private bytes = 0;

  constructor(
    readonly inner: ObjectStore,
    options: DiskCacheOptions,
  ) {
    this.dir = path.resolve(options.dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_DISK_CACHE_BYTES;
    this.isMutable = options.isMutable ?? defaultIsMutable;
  }

  get uri(): string {
    return this.inner.uri;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.index.size;
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
    return this.read(
      key,
      cacheId(key, start, end),
      (signal) => this.inner.getRange(key, start, end, { signal }),
      options,
    );
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    await this.invalidate(key);
    try {
      await this.inner.put(key, body, options);
    } finally {
      await this.invalidate(key);
    }
  }

  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.inner.list(prefix, options);
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    await this.invalidate(key);
    try {
      await this.inner.delete(key, options);
    } finally {
      await this.invalidate(key);
    }
  }

  /** Waits for background cache writes; reads never wait for them. */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes.values());
  }

  private async read(
    key: string,
    id: string,
    fetch: (signal: AbortSignal | undefined) => Promise<Uint8Array>,
    options: RequestOptions | undefined,
  ): Promise<Uint8Array> {
    await this.init();
    if (this.disabled) return raceSignal(fetch(options?.signal), options?.signal);
    const name = entryName(key, id);
    const hit = await this.readEntry(name, id);
    if (hit) return hit;
    return this.flights.run(id, key, fetch, (bytes) => this.startWrite(name, id, bytes), options?.signal);
  }

  private async readEntry(name: string, id: string): Promise<Uint8Array | undefined> {
    const size = this.index.get(name);
    if (size === undefined) return undefined;
    const file = path.join(this.dir, name);
    const payload = await fs.readFile(file).then(
      (buf) => decodeEntry(buf, id),
      () => undefined,
    );
    if (!payload) {
      this.drop(name);
      await fs.rm(file, { force: true }).catch(() => undefined);
      return undefined;
    }
    this.index.delete(name);
    this.index.set(name, size);
    // Recency survives a restart only through mtime; best effort.
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
    return payload;
  }

  private startWrite(name: string, id: string, payload: Uint8Array): void {
    const size = HEADER_BYTES + Buffer.byteLength(id) + payload.byteLength;
    if (size > this.maxBytes || payload.byteLength > 0xffff_ffff || this.writes.has(name)) return;
    const encoded = encodeEntry(id, payload);
    const write = this.writeEntry(name, encoded)
      .catch(() => undefined)
      .finally(() => {
        if (this.writes.get(name) === write) this.writes.delete(name);
      });
    this.writes.set(name, write);
  }

  private async writeEntry(name: string, encoded: Buffer): Promise<void> {
    const file = path.join(this.dir, name);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temp, encoded, { flag: 'wx' });
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
    this.drop(name);
    this.index.set(name, encoded.length);
    this.bytes += encoded.length;
    await this.evict();
  }

  private async evict(): Promise<void> {
    const victims: string[] = [];
    for (const [name] of this.index) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(name);
      victims.push(name);
    }
    await Promise.all(victims.map((name) => fs.rm(path.join(this.dir, name), { force: true })));
  }

  private drop(name: string): void {
    const size = this.index.get(name);
    if (size === undefined) return;
    this.index.delete(name);
    this.bytes -= size;
  }

  private async invalidate(key: string): Promise<void> {
    await this.init();
    this.flights.invalidate(key);
    if (this.disabled) return;
    const tag = `${keyTag(key)}-`;
    // A write of the old bytes may still be landing; let it land, then remove it.
    await Promise.all([...this.writes].filter(([name]) => name.startsWith(tag)).map(([, w]) => w));
    const names = [...this.index.keys()].filter((name) => name.startsWith(tag));
    for (const name of names) this.drop(name);
    await Promise.all(names.map((name) => fs.rm(path.join(this.dir, name), { force: true })));
  }

  /** An unusable cache directory turns the cache off rather than failing reads. */
  private init(): Promise<void> {
    this.ready ??= this.load().catch(() => {
      this.disabled = true;
    });
    return this.ready;
  }

  private async load(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const found: { name: string; size: number; mtimeMs: number }[] = [];
    const now = Date.now();
    for (const name of await fs.readdir(this.dir)) {
      const isEntry = ENTRY_NAME.test(name);
      if (!isEntry && !TEMP_NAME.test(name)) continue;
      const stat = await fs.stat(path.join(this.dir, name)).catch(() => undefined);
      if (!stat?.isFile()) continue;
      if (isEntry) found.push({ name, size: stat.size, mtimeMs: stat.mtimeMs });
      else if (now - stat.mtimeMs > STALE_TEMP_MS) await fs.rm(path.join(this.dir, name), { force: true });
    }
    found.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const { name, size } of found) {
      this.index.set(name, size);
      this.bytes += size;
    }
    await this.evict();
  }
}
