/**
 * Public surface of lib/storage that runs anywhere: in Node and Lambda, and in Cloudflare Workers.
 * It holds the ObjectStore interface, its errors and key rules, manifest checksums, and the layers
 * any backend is wrapped in (retries, the memory cache, simulated latency, single flights). It
 * imports nothing from Node (eslint.config.js enforces it); the Worker bundles it.
 *
 * The backends and helpers that need Node (the file system or the AWS SDK) are in ./node.ts:
 * FileStore, S3Store, DiskCachedStore, and openStore/openBackend/parseStoreUri for file:// and
 * s3:// URIs.
 */
export type { ObjectStore, RequestOptions, RetryOptions, StoreOptions } from './types.js';
export { defaultIsMutable } from './types.js';
export {
  InvalidKeyError,
  InvalidStoreUriError,
  ObjectNotFoundError,
  StorageError,
  isRetryableError,
} from './errors.js';
export {
  CHECKSUM_FIELD,
  CHECKSUM_PREFIX,
  canonicalJson,
  manifestChecksum,
  sha256Hex,
  verifyManifestChecksum,
  type ChecksumVerdict,
} from './checksum.js';
export { TEMP_SUFFIX, assertValidKey, assertValidPrefix, sortKeys } from './keys.js';
export {
  DEFAULT_RETRY_OPTIONS,
  RetryingStore,
  backoffDelayMs,
  type RetryEvent,
  type RetryingStoreOptions,
} from './retry.js';
export {
  DEFAULT_MEMORY_CACHE_BYTES,
  MemoryCachedStore,
  type CacheOptions,
  type MemoryCacheOptions,
} from './memory-cache.js';
export { LatencyStore, withLatency } from './latency.js';
export { raceSignal } from './flight.js';
export { R2Store, type R2BucketBinding, type R2StoreOptions } from './r2-store.js';
export { FetchStore, type FetchStoreCredentials, type FetchStoreOptions } from './fetch-store.js';
