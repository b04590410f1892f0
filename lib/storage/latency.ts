import { sleep } from './sleep.js';
import type { ObjectStore, RequestOptions } from './types.js';

/**
 * Simulates object-storage round trips over a fast backend and counts GETs, so benchmarks and
 * tests can measure how many requests a query really makes (the cost driver on S3) and how
 * many bytes it transfers. With `bytesPerSecond`, each GET's body also takes its size over that
 * rate to arrive, as one stream from S3 or R2 carries tens of MB/s: parallel GETs each get the
 * rate (separate connections).
 */
export class LatencyStore implements ObjectStore {
  private gets = 0;
  private bytes = 0;

  constructor(
    readonly inner: ObjectStore,
    readonly delayMs: number,
    readonly bytesPerSecond = Infinity,
  ) {}

  get uri(): string {
    return this.inner.uri;
  }

  /** get + getRange calls so far, counted when issued. */
  get requestCount(): number {
    return this.gets;
  }

  /** Bytes returned by get + getRange so far. */
  get bytesRead(): number {
    return this.bytes;
  }

  resetCount(): void {
    this.gets = 0;
    this.bytes = 0;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    this.gets++;
    await this.delay(options);
    return this.transferred(await this.inner.get(key, options), options);
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    this.gets++;
    await this.delay(options);
    return this.transferred(await this.inner.getRange(key, start, end, options), options);
  }

  put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    return this.inner.put(key, body, options);
  }

  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.inner.list(prefix, options);
  }

  delete(key: string, options?: RequestOptions): Promise<void> {
    return this.inner.delete(key, options);
  }

  private async transferred(body: Uint8Array, options: RequestOptions | undefined): Promise<Uint8Array> {
    this.bytes += body.length;
    if (Number.isFinite(this.bytesPerSecond)) {
      await sleep((body.length / this.bytesPerSecond) * 1000, options?.signal);
    }
    return body;
  }

  private async delay(options: RequestOptions | undefined): Promise<void> {
    if (this.delayMs > 0) await sleep(this.delayMs, options?.signal);
  }
}

export function withLatency(inner: ObjectStore, delayMs: number, bytesPerSecond?: number): LatencyStore {
  return new LatencyStore(inner, delayMs, bytesPerSecond);
}
