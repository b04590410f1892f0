/**
 * ObjectStore over a Cloudflare R2 bucket binding (`env.BUCKET` inside a Worker), so the edge
 * reads an index straight from R2 with no HTTP, signing or credentials. Runtime-neutral: nothing
 * from `node:`, no Buffer, no AWS SDK. The binding is typed structurally (R2BucketBinding): the
 * real `R2Bucket` of @cloudflare/workers-types and Miniflare's Node-side proxy both satisfy it,
 * so no global Workers types are needed to compile this file.
 */
import { ObjectNotFoundError, StorageError, errorMessage } from './errors.js';
import { raceSignal } from './flight.js';
import { assertValidKey, assertValidPrefix, assertValidRange } from './keys.js';
import type { ObjectStore, RequestOptions } from './types.js';
import { sortUtf8 } from './utf8-order.js';

/** The object metadata R2Store reads: `head()` and `list()` give these. */
export interface R2ObjectInfo {
  readonly key: string;
  readonly size: number;
}

/** An object with its body, as `get()` gives it. */
export interface R2ObjectBodyLike extends R2ObjectInfo {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** One page of `list()`: `cursor` is set exactly when `truncated` is. */
export interface R2ListPage {
  readonly objects: readonly R2ObjectInfo[];
  readonly truncated: boolean;
  readonly cursor?: string;
}

/** The subset of the Workers `R2Bucket` binding R2Store calls. */
export interface R2BucketBinding {
  head(key: string): Promise<R2ObjectInfo | null>;
  get(
    key: string,
    options?: { range?: { offset: number; length?: number } },
  ): Promise<R2ObjectBodyLike | null>;
  put(key: string, value: Uint8Array | string): Promise<unknown>;
  delete(keys: string): Promise<void>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<R2ListPage>;
}

export interface R2StoreOptions {
  /** Keys live under `<prefix>/` in the bucket, as with S3Store; '' (default) is the bucket root. */
  prefix?: string;
  /** Names the bucket in `uri` (`r2://<name>[/<prefix>]`) and so in errors; default 'bucket'. */
  name?: string;
  /** `limit` per list page; R2 caps it at 1000 (the default). Small values exercise paging. */
  listPageSize?: number;
}

/**
 * R2's Workers API appends its error code to the message ("get: ... (10039)"); workerd also sets
 * `code`. These ask for another attempt: InternalError, ServiceUnavailable, TooManyRequests.
 */
const RETRYABLE_R2_CODES = new Set([10001, 10043, 10058]);
const R2_CODE_IN_MESSAGE = /\((\d{4,6})\)\s*$/;

function r2Code(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && code > 0) return code;
  const match = R2_CODE_IN_MESSAGE.exec(errorMessage(err));
  const parsed = match ? Number(match[1]) : 0;
  return parsed > 0 ? parsed : undefined;
}

export class R2Store implements ObjectStore {
  readonly uri: string;
  /** '' or a prefix ending in '/'. */
  readonly keyPrefix: string;
  private readonly bucket: R2BucketBinding;
  private readonly listPageSize: number | undefined;

  constructor(bucket: R2BucketBinding, options: R2StoreOptions = {}) {
    const trimmed = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (trimmed !== '') assertValidKey(trimmed);
    const pageSize = options.listPageSize;
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
      throw new RangeError(`listPageSize must be an integer in [1, 1000], got ${pageSize}`);
    }
    this.bucket = bucket;
    this.keyPrefix = trimmed === '' ? '' : `${trimmed}/`;
    this.uri = `r2://${options.name ?? 'bucket'}${trimmed === '' ? '' : `/${trimmed}`}`;
    this.listPageSize = pageSize;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    const object = await this.call('get', key, options, () => this.bucket.get(this.full(key)));
    if (object === null) throw new ObjectNotFoundError(key, { storeUri: this.uri });
    return this.body('get', key, object, options);
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    assertValidRange(start, end);
    if (start >= end) return new Uint8Array(0);
    const range = end === Infinity ? { offset: start } : { offset: start, length: end - start };
    let object: R2ObjectBodyLike | null;
    try {
      object = await this.call('getRange', key, options, () => this.bucket.get(this.full(key), { range }));
    } catch (err) {
      // R2 refuses a range that starts at or past the end (10039; Miniflare fails some such
      // ranges, those of an empty object among them, with no code at all). The contract calls
      // that an empty slice, so ask the object's size before deciding which failure it was.
      if (options?.signal?.aborted) throw err;
      const head = await this.call('getRange', key, options, () => this.bucket.head(this.full(key)));
      if (head === null) throw new ObjectNotFoundError(key, { storeUri: this.uri });
      if (start >= head.size) return new Uint8Array(0);
      throw err;
    }
    if (object === null) throw new ObjectNotFoundError(key, { storeUri: this.uri });
    const bytes = await this.body('getRange', key, object, options);
    // A binding that ignored the range would hand back the whole object; honour the contract.
    const whole = bytes.length === object.size && (start > 0 || bytes.length > end);
    return whole ? bytes.subarray(start, end) : bytes;
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    assertValidKey(key);
    // An R2 put is atomic: readers see the old object until the new one is complete. An abort
    // cannot recall a put already handed to the binding; it only stops the caller waiting.
    await this.call('put', key, options, () => this.bucket.put(this.full(key), body), false);
  }

  async list(prefix: string, options?: RequestOptions): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page: R2ListPage = await this.call(
        'list',
        prefix,
        options,
        () =>
          this.bucket.list({
            prefix: this.full(prefix),
            ...(cursor === undefined ? {} : { cursor }),
            ...(this.listPageSize === undefined ? {} : { limit: this.listPageSize }),
          }),
        false,
      );
      for (const object of page.objects) {
        const full = object.key;
        // Trailing-slash keys are console "folder" markers, not objects xlir wrote.
        if (!full.startsWith(this.keyPrefix) || full.endsWith('/')) continue;
        keys.push(full.slice(this.keyPrefix.length));
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    // R2 lists in UTF-8 byte order already; sorting again keeps the contract whatever it does.
    return sortUtf8(keys);
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    // R2 deletes an absent key without complaint, which is the contract's idempotence.
    assertValidKey(key);
    await this.call('delete', key, options, () => this.bucket.delete(this.full(key)), false);
  }

  private full(key: string): string {
    return this.keyPrefix + key;
  }

  private async body(
    op: string,
    key: string,
    object: R2ObjectBodyLike,
    options: RequestOptions | undefined,
  ): Promise<Uint8Array> {
    return new Uint8Array(await this.call(op, key, options, () => object.arrayBuffer()));
  }

  /**
   * One binding call. Bindings take no AbortSignal, so the signal is checked before the call and
   * raced against it: an abort rejects at once with the signal's reason, and the abandoned call
   * settles unobserved.
   */
  private async call<T>(
    op: string,
    key: string,
    options: RequestOptions | undefined,
    fn: () => Promise<T>,
    notFoundMeansMissing = true,
  ): Promise<T> {
    const signal = options?.signal;
    signal?.throwIfAborted();
    let result: T;
    try {
      result = await raceSignal(fn(), signal);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw this.mapError(err, key, op, notFoundMeansMissing);
    }
    signal?.throwIfAborted();
    return result;
  }

  private mapError(err: unknown, key: string, op: string, notFoundMeansMissing: boolean): Error {
    if (err instanceof ObjectNotFoundError || err instanceof StorageError) return err;
    const code = r2Code(err);
    // 10007 NoSuchKey: the Workers API answers absence with null, but be ready for the error too.
    if (notFoundMeansMissing && code === 10007)
      return new ObjectNotFoundError(key, { storeUri: this.uri, cause: err });
    // Without an R2 code the failure is the runtime's or the network's ("Network connection
    // lost"), worth another attempt; a TypeError or RangeError is a bug in the call, not a fault.
    const retryable =
      code === undefined
        ? !(err instanceof TypeError || err instanceof RangeError)
        : RETRYABLE_R2_CODES.has(code);
    const detail = code === undefined ? '' : ` (${code})`;
    return new StorageError(`R2 ${op} ${key} in ${this.uri} failed${detail}: ${errorMessage(err)}`, {
      retryable,
      cause: err,
    });
  }
}
