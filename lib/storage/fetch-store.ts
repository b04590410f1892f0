/**
 * ObjectStore over any S3-compatible endpoint (AWS S3, R2's S3 API, MinIO) with nothing but
 * `fetch`: requests are signed with SigV4 by aws4fetch, reads use `Range` headers, lists are
 * ListObjectsV2 pages parsed by s3-xml.ts. Runtime-neutral (no `node:`, no Buffer, no AWS SDK), so
 * it serves the Worker when the index lives outside R2 (or in R2 under another account), and any
 * other runtime with a WHATWG fetch.
 *
 * It makes one attempt per call and does not time requests out itself: wrap it in RetryingStore,
 * whose per-attempt timeout aborts the request through the signal, which goes to fetch.
 */
import { AwsV4Signer } from 'aws4fetch';
import { ObjectNotFoundError, StorageError, errorCode, errorMessage } from './errors.js';
import { assertValidKey, assertValidPrefix, assertValidRange } from './keys.js';
import { XmlSyntaxError, childElements, childText, parseXml } from './s3-xml.js';
import type { ObjectStore, RequestOptions } from './types.js';
import { sortUtf8 } from './utf8-order.js';

export interface FetchStoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS, an assumed role). */
  sessionToken?: string;
}

export interface FetchStoreOptions {
  /** Service origin, e.g. `https://s3.eu-west-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`. */
  endpoint: string;
  bucket: string;
  /** Keys live under `<prefix>/` in the bucket, as with S3Store; '' (default) is the bucket root. */
  prefix?: string;
  /** Signing region. Default: aws4fetch's guess from the endpoint ('auto' for R2), else us-east-1. */
  region?: string;
  /** Without credentials requests go unsigned (a public bucket). */
  credentials?: FetchStoreCredentials;
  /**
   * 'path' (default): `<endpoint>/<bucket>/<key>`, which every S3-compatible server and AWS
   * accept. 'virtual': `<bucket>.<endpoint host>/<key>`, AWS's preferred form.
   */
  addressing?: 'path' | 'virtual';
  /** The fetch to send requests with; default the global one. */
  fetch?: typeof fetch;
  /** max-keys per ListObjectsV2 page; S3 caps it at 1000 (the default). Small values exercise paging. */
  listPageSize?: number;
}

const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'TooManyRequests',
  'TooManyRequestsException',
  'BandwidthLimitExceeded',
]);
const TRANSIENT_CODES = new Set([
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
]);
/** DNS-compatible bucket names, the only ones a virtual-hosted URL can carry. */
const DNS_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** encodeURIComponent leaves !'()* alone; SigV4 and S3 want them escaped (RFC 3986). */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** S3's `encoding-type=url` form: percent-encoding, with '+' for a space. */
function urlDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

interface S3ErrorBody {
  code: string;
  message: string;
}

/** Code and Message of an S3 <Error> body; empty strings when the body is not one. */
function parseErrorBody(text: string): S3ErrorBody {
  try {
    const root = parseXml(text);
    if (root.name === 'Error') {
      return {
        code: (childText(root, 'Code') ?? '').trim(),
        message: (childText(root, 'Message') ?? '').trim(),
      };
    }
  } catch {
    // Not XML (a proxy's HTML page, an empty body): the status alone must do.
  }
  return { code: '', message: '' };
}

export class FetchStore implements ObjectStore {
  readonly uri: string;
  readonly bucket: string;
  /** '' or a prefix ending in '/'. */
  readonly keyPrefix: string;
  /** Up to the bucket, with no trailing '/': object URLs append `/<key>`. */
  private readonly bucketUrl: string;
  private readonly credentials: FetchStoreCredentials | undefined;
  private readonly region: string | undefined;
  private readonly send: typeof fetch;
  private readonly listPageSize: number | undefined;
  /** aws4fetch caches the day's signing key here. */
  private readonly signingKeys = new Map<string, ArrayBuffer>();

  constructor(options: FetchStoreOptions) {
    const { bucket } = options;
    if (typeof bucket !== 'string' || bucket === '' || /[/\s]/.test(bucket)) {
      throw new RangeError(`Invalid bucket name ${JSON.stringify(bucket)}`);
    }
    const endpoint = new URL(options.endpoint);
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
      throw new RangeError(`FetchStore endpoint must be http(s), got ${endpoint.protocol}`);
    }
    if (endpoint.search || endpoint.hash) {
      throw new RangeError('FetchStore endpoint must have no query or fragment');
    }
    const basePath = endpoint.pathname.replace(/\/+$/, '');
    if (options.addressing === 'virtual') {
      if (!DNS_BUCKET.test(bucket)) {
        throw new RangeError(`Bucket ${JSON.stringify(bucket)} is not DNS-compatible; use path addressing`);
      }
      this.bucketUrl = `${endpoint.protocol}//${bucket}.${endpoint.host}${basePath}`;
    } else {
      this.bucketUrl = `${endpoint.origin}${basePath}/${encodeRfc3986(bucket)}`;
    }
    const pageSize = options.listPageSize;
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
      throw new RangeError(`listPageSize must be an integer in [1, 1000], got ${pageSize}`);
    }
    const trimmed = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (trimmed !== '') assertValidKey(trimmed);
    this.bucket = bucket;
    this.keyPrefix = trimmed === '' ? '' : `${trimmed}/`;
    this.uri = `s3://${bucket}${trimmed === '' ? '' : `/${trimmed}`}`;
    this.credentials = options.credentials;
    this.region = options.region;
    this.send = options.fetch ?? ((input, init) => fetch(input, init));
    this.listPageSize = pageSize;
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    return this.exchange(options, async (signal) => {
      const res = await this.request('get', key, 'GET', this.objectUrl(key), { signal });
      if (res.status === 200) return this.bytes(res, 'get', key);
      throw await this.failure(res, 'get', key);
    });
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    assertValidRange(start, end);
    if (start >= end) return new Uint8Array(0);
    const range = end === Infinity ? `bytes=${start}-` : `bytes=${start}-${end - 1}`;
    return this.exchange(options, async (signal) => {
      const res = await this.request('getRange', key, 'GET', this.objectUrl(key), {
        signal,
        headers: { range },
      });
      if (res.status === 206) return this.bytes(res, 'getRange', key);
      // A server that ignores Range answers 200 with the whole object; honour the contract anyway.
      if (res.status === 200) return (await this.bytes(res, 'getRange', key)).subarray(start, end);
      // 416: the range starts at or past the end (any range of an empty object included), which
      // the contract calls an empty slice. S3 checks the key first, so a missing key is a 404.
      if (res.status === 416) {
        await res.body?.cancel();
        return new Uint8Array(0);
      }
      throw await this.failure(res, 'getRange', key);
    });
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    assertValidKey(key);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return this.exchange(options, async (signal) => {
      // A PUT is atomic on S3: the object appears only once complete. Signing the payload's
      // sha256 (instead of UNSIGNED-PAYLOAD) has S3 reject a body that changed in transit.
      const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
      const res = await this.request('put', key, 'PUT', this.objectUrl(key), {
        signal,
        body: bytes,
        headers: { 'content-type': 'application/octet-stream', 'x-amz-content-sha256': sha256 },
      });
      if (res.status === 200) {
        await res.body?.cancel();
        return;
      }
      throw await this.failure(res, 'put', key, false);
    });
  }

  async list(prefix: string, options?: RequestOptions): Promise<string[]> {
    assertValidPrefix(prefix);
    return this.exchange(options, async (signal) => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const query: [string, string][] = [
          ['list-type', '2'],
          // Keys come back percent-encoded (decoded below when the page says so): XML 1.0 cannot
          // carry every character a key may hold.
          ['encoding-type', 'url'],
        ];
        const fullPrefix = this.keyPrefix + prefix;
        if (fullPrefix !== '') query.push(['prefix', fullPrefix]);
        if (this.listPageSize !== undefined) query.push(['max-keys', String(this.listPageSize)]);
        if (token !== undefined) query.push(['continuation-token', token]);
        const res = await this.request('list', prefix, 'GET', this.listUrl(query), { signal });
        if (res.status !== 200) throw await this.failure(res, 'list', prefix, false);
        const text = new TextDecoder().decode(await this.bytes(res, 'list', prefix));
        const page = this.parseListPage(text, prefix);
        for (const full of page.keys) {
          // Trailing-slash keys are console "folder" markers, not objects xlir wrote.
          if (!full.startsWith(this.keyPrefix) || full.endsWith('/')) continue;
          keys.push(full.slice(this.keyPrefix.length));
        }
        token = page.next;
      } while (token !== undefined);
      return sortUtf8(keys);
    });
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    assertValidKey(key);
    return this.exchange(options, async (signal) => {
      const res = await this.request('delete', key, 'DELETE', this.objectUrl(key), { signal });
      // S3 answers 204 for absent keys too; some compatible servers answer 404 NoSuchKey.
      if (res.status === 204 || res.status === 200) {
        await res.body?.cancel();
        return;
      }
      const failure = await this.failure(res, 'delete', key);
      if (failure instanceof ObjectNotFoundError) return;
      throw failure;
    });
  }

  private objectUrl(key: string): string {
    return `${this.bucketUrl}/${(this.keyPrefix + key).split('/').map(encodeRfc3986).join('/')}`;
  }

  /** Query pairs encoded as SigV4 canonicalizes them (RFC 3986, sorted), so no '+' means space. */
  private listUrl(query: [string, string][]): string {
    const search = query
      .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
      .sort()
      .join('&');
    return `${this.bucketUrl}/?${search}`;
  }

  private async request(
    op: string,
    key: string,
    method: string,
    url: string,
    init: { signal: AbortSignal | undefined; headers?: Record<string, string>; body?: Uint8Array },
  ): Promise<Response> {
    let headers: Headers = new Headers(init.headers);
    if (this.credentials) {
      const signer = new AwsV4Signer({
        method,
        url,
        headers,
        service: 's3',
        ...(this.region === undefined ? {} : { region: this.region }),
        accessKeyId: this.credentials.accessKeyId,
        secretAccessKey: this.credentials.secretAccessKey,
        ...(this.credentials.sessionToken === undefined
          ? {}
          : { sessionToken: this.credentials.sessionToken }),
        cache: this.signingKeys,
      });
      headers = (await signer.sign()).headers;
    }
    try {
      return await this.send(url, {
        method,
        headers,
        // A redirect (to another region's endpoint) is an error to fix in the configuration; a
        // signed request has no business following it to a host it was not signed for.
        redirect: 'manual',
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      });
    } catch (err) {
      throw this.networkError(err, op, key, init.signal);
    }
  }

  /** A success response's body; a connection cut while it streams is a network failure. */
  private async bytes(res: Response, op: string, key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw this.networkError(err, op, key, undefined);
    }
  }

  /**
   * fetch rejects without an answer (connection refused or reset, DNS, TLS, a body cut short):
   * retryable. The message names the failure's code, never the address, which only the cause has.
   */
  private networkError(err: unknown, op: string, key: string, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    const cause = (err as { cause?: unknown } | null)?.cause;
    const code = errorCode(cause) ?? errorCode(err);
    return new StorageError(
      `S3 ${op} ${key} in ${this.uri} failed (network${code ? ` ${code}` : ''}): ${errorMessage(err)}`,
      { retryable: true, cause: err },
    );
  }

  private parseListPage(text: string, prefix: string): { keys: string[]; next: string | undefined } {
    let root;
    try {
      root = parseXml(text);
    } catch (err) {
      if (!(err instanceof XmlSyntaxError)) throw err;
      throw new StorageError(
        `S3 list ${prefix} in ${this.uri} failed: unreadable ListObjectsV2 page (${err.message})`,
        {
          retryable: false,
          cause: err,
        },
      );
    }
    if (root.name !== 'ListBucketResult') {
      throw new StorageError(
        `S3 list ${prefix} in ${this.uri} failed: expected ListBucketResult, got <${root.name}>`,
        {
          retryable: false,
        },
      );
    }
    const encoded = (childText(root, 'EncodingType') ?? '').trim() === 'url';
    const keys: string[] = [];
    for (const contents of childElements(root, 'Contents')) {
      const raw = childText(contents, 'Key');
      if (raw === undefined) continue;
      try {
        keys.push(encoded ? urlDecode(raw) : raw);
      } catch (err) {
        throw new StorageError(`S3 list ${prefix} in ${this.uri} failed: a key is not valid URL encoding`, {
          retryable: false,
          cause: err,
        });
      }
    }
    const truncated = (childText(root, 'IsTruncated') ?? '').trim() === 'true';
    const next = childText(root, 'NextContinuationToken')?.trim();
    if (truncated && !next) {
      throw new StorageError(
        `S3 list ${prefix} in ${this.uri} failed: truncated page without a continuation token`,
        {
          retryable: false,
        },
      );
    }
    return { keys, next: truncated ? next : undefined };
  }

  /** The error a non-success response stands for, its body read and released. */
  private async failure(res: Response, op: string, key: string, notFoundMeansMissing = true): Promise<Error> {
    const { code, message } = parseErrorBody(await res.text().catch(() => ''));
    const status = res.status;
    // NoSuchBucket is also a 404, but it is a configuration error, not an absent object.
    if (notFoundMeansMissing && (code === 'NoSuchKey' || (status === 404 && code !== 'NoSuchBucket'))) {
      return new ObjectNotFoundError(key, { storeUri: this.uri });
    }
    const retryable =
      status >= 500 || status === 429 || THROTTLING_CODES.has(code) || TRANSIENT_CODES.has(code);
    const detail = [code, status].filter((x) => x !== '').join(' ');
    return new StorageError(
      `S3 ${op} ${key} in ${this.uri} failed (${detail}): ${message || res.statusText || 'error'}`,
      {
        retryable,
        status,
      },
    );
  }

  /** Runs one call's exchanges; once the signal has aborted, its reason is the only outcome. */
  private async exchange<T>(
    options: RequestOptions | undefined,
    run: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal;
    signal?.throwIfAborted();
    try {
      return await run(signal);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw err;
    }
  }
}

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, '0');
  return out;
}
