import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ObjectNotFoundError, StorageError, errorCode, errorMessage } from './errors.js';
import { assertValidKey, assertValidPrefix, assertValidRange, sortKeys } from './keys.js';
import type { ObjectStore, RequestOptions } from './types.js';

export interface S3StoreOptions {
  /** Injected client (tests, custom credentials); by default one is built from the environment. */
  client?: S3Client;
  /** MaxKeys per ListObjectsV2 page; S3 caps it at 1000. Small values exercise pagination. */
  listPageSize?: number;
  /** Defaults to true exactly when an endpoint override is configured in the environment. */
  forcePathStyle?: boolean;
  /** The SDK's connection timeout (default S3_CONNECTION_TIMEOUT_MS); ignored with `client`. */
  connectionTimeoutMs?: number;
  /** The SDK's whole-request timeout (default S3_REQUEST_TIMEOUT_MS); ignored with `client`. */
  requestTimeoutMs?: number;
}

/**
 * How long the SDK may take to connect to the endpoint. A reachable S3 endpoint connects in
 * milliseconds (tens under load, TLS included); one that takes seconds is down or unroutable, and
 * waiting longer only spends the request's deadline. Without it the SDK waits as long as the OS
 * does (minutes for a blackholed address).
 */
export const S3_CONNECTION_TIMEOUT_MS = 3_000;
/**
 * How long one request may take, response included (throwOnRequestTimeout: an error, not a
 * warning). Ranged GETs of shard heads, postings and stored documents are at most a few MB; S3
 * delivers those well within this. It is a backstop for a stopped or hung endpoint when the
 * caller passes no signal (the CLI, builds); API requests are cut sooner by their deadline, and
 * RetryingStore's attemptTimeoutMs bounds each attempt as well.
 */
export const S3_REQUEST_TIMEOUT_MS = 10_000;

const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'BandwidthLimitExceeded',
]);
const TRANSIENT_CODES = new Set([
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'InternalError',
  'ServiceUnavailable',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

/**
 * The SDK reads AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set (@smithy getEndpointUrlConfig). It never turns on
 * path-style addressing by itself, but S3-compatible servers (MinIO, s3rver, LocalStack) do not
 * serve virtual-hosted buckets, so an endpoint override implies path style. An `endpoint_url`
 * in ~/.aws/config is not detected here; pass `forcePathStyle` explicitly for that case.
 */
export function endpointOverrideInEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  if (/^(1|true)$/i.test(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '')) return false;
  return Boolean(env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL']);
}

interface SdkErrorShape {
  name?: string;
  Code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function sdkFields(err: unknown): { name: string; status?: number; fault?: string; throttling: boolean } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const name = errorCode(err) ?? e.Code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  return { name, status, fault: e.$fault, throttling: e.$retryable?.throttling === true };
}

export class S3Store implements ObjectStore {
  readonly uri: string;
  readonly bucket: string;
  /** '' or a prefix ending in '/'. */
  readonly keyPrefix: string;
  private readonly client: S3Client;
  private readonly listPageSize: number | undefined;

  constructor(bucket: string, prefix = '', options: S3StoreOptions = {}) {
    const trimmed = prefix.replace(/^\/+|\/+$/g, '');
    if (trimmed !== '') assertValidKey(trimmed);
    this.bucket = bucket;
    this.keyPrefix = trimmed === '' ? '' : `${trimmed}/`;
    this.uri = `s3://${bucket}${trimmed === '' ? '' : `/${trimmed}`}`;
    this.listPageSize = options.listPageSize;
    // maxAttempts 1: RetryingStore owns retries, and stacking two retry loops multiplies attempts.
    this.client =
      options.client ??
      new S3Client({
        maxAttempts: 1,
        forcePathStyle: options.forcePathStyle ?? endpointOverrideInEnv(),
        requestHandler: {
          connectionTimeout: options.connectionTimeoutMs ?? S3_CONNECTION_TIMEOUT_MS,
          requestTimeout: options.requestTimeoutMs ?? S3_REQUEST_TIMEOUT_MS,
          throwOnRequestTimeout: true,
        },
      });
  }

  async get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key) }), {
        abortSignal: options?.signal,
      });
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
    } catch (err) {
      throw this.mapError(err, key, 'get');
    }
  }

  async getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    assertValidKey(key);
    assertValidRange(start, end);
    if (start >= end) return new Uint8Array(0);
    const range = end === Infinity ? `bytes=${start}-` : `bytes=${start}-${end - 1}`;
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key), Range: range }),
        { abortSignal: options?.signal },
      );
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
      // A server that ignores Range answers 200 with the whole object; honour the contract anyway.
      return out.$metadata.httpStatusCode === 200 ? bytes.subarray(start, end) : bytes;
    } catch (err) {
      const { name, status } = sdkFields(err);
      // S3 answers 416 when the range starts at or past the end (including any range of an
      // empty object); the contract calls that an empty slice, not an error.
      if (name === 'InvalidRange' || status === 416) return new Uint8Array(0);
      throw this.mapError(err, key, 'getRange');
    }
  }

  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    assertValidKey(key);
    // S3 PUTs are atomic: the new object becomes visible only once fully received. Bytes with
    // an explicit length keep the SDK from treating the body as a stream of unknown length.
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.full(key),
          Body: bytes,
          ContentLength: bytes.byteLength,
        }),
        { abortSignal: options?.signal },
      );
    } catch (err) {
      throw this.mapError(err, key, 'put', false);
    }
  }

  async list(prefix: string, options?: RequestOptions): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.full(prefix),
            ContinuationToken: token,
            MaxKeys: this.listPageSize,
          }),
          { abortSignal: options?.signal },
        );
        for (const object of page.Contents ?? []) {
          const full = object.Key;
          // Trailing-slash keys are console "folder" markers, not objects xlir wrote.
          if (full === undefined || !full.startsWith(this.keyPrefix) || full.endsWith('/')) continue;
          keys.push(full.slice(this.keyPrefix.length));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw this.mapError(err, prefix, 'list', false);
    }
    return sortKeys(keys);
  }

  async delete(key: string, options?: RequestOptions): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }), {
        abortSignal: options?.signal,
      });
    } catch (err) {
      const { name } = sdkFields(err);
      if (name === 'NoSuchKey') return;
      throw this.mapError(err, key, 'delete', false);
    }
  }

  private full(key: string): string {
    return this.keyPrefix + key;
  }

  private mapError(err: unknown, key: string, op: string, notFoundMeansMissing = true): Error {
    if (err instanceof ObjectNotFoundError || err instanceof StorageError) return err;
    if (err instanceof Error && err.name === 'AbortError') return err;
    const { name, status, fault, throttling } = sdkFields(err);
    // NoSuchBucket is also a 404, but it is a configuration error, not an absent object.
    if (notFoundMeansMissing && (name === 'NoSuchKey' || (status === 404 && name !== 'NoSuchBucket'))) {
      return new ObjectNotFoundError(key, { storeUri: this.uri, cause: err });
    }
    const retryable =
      throttling ||
      THROTTLING_CODES.has(name) ||
      TRANSIENT_CODES.has(name) ||
      status === 429 ||
      (status !== undefined && status >= 500) ||
      (status === undefined && fault === 'server');
    const detail = [name, status].filter((x) => x !== undefined && x !== '').join(' ');
    return new StorageError(
      `S3 ${op} ${key} in ${this.uri} failed${detail ? ` (${detail})` : ''}: ${errorMessage(err)}`,
      {
        retryable,
        status,
        cause: err,
      },
    );
  }
}
