import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ObjectNotFoundError, type ObjectStore, type RequestOptions } from '../../lib/storage/index.js';

export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
export const dec = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export async function makeTempDir(label: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `xlir-storage-${label}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

type Call = { op: string; key: string; start?: number; end?: number; signal?: AbortSignal };

/**
 * In-memory ObjectStore that records every call and can be told to fail or stall, so wrapper
 * behaviour (retries, caching, coalescing) is observable without timing tricks.
 */
export class FakeStore implements ObjectStore {
  readonly uri = 'fake://store';
  readonly objects = new Map<string, Uint8Array>();
  readonly calls: Call[] = [];
  /** Consulted before each call; return a promise to delay or fail that call. */
  hook: ((call: Call) => Promise<void> | undefined) | undefined;

  count(op?: string): number {
    return op === undefined ? this.calls.length : this.calls.filter((c) => c.op === op).length;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    await this.enter({ op: 'get', key, signal: options?.signal });
    const value = this.objects.get(key);
    if (!value) throw new ObjectNotFoundError(key);
    return value;
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    await this.enter({ op: 'getRange', key, start, end, signal: options?.signal });
    const value = this.objects.get(key);
    if (!value) throw new ObjectNotFoundError(key);
    return value.slice(start, end);
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    await this.enter({ op: 'put', key, signal: options?.signal });
    this.objects.set(key, typeof body === 'string' ? enc(body) : body.slice());
  }

  async list(prefix: string, options?: RequestOptions): Promise<string[]> {
    await this.enter({ op: 'list', key: prefix, signal: options?.signal });
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    await this.enter({ op: 'delete', key, signal: options?.signal });
    this.objects.delete(key);
  }

  private async enter(call: Call): Promise<void> {
    this.calls.push(call);
    await this.hook?.(call);
  }
}

/** A promise with its resolve exposed, for holding a fake call open until the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
