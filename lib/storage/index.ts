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
  verifyManifestChecksum,
  type ChecksumVerdict,
} from './checksum.js';
export { TEMP_SUFFIX, assertValidKey, assertValidPrefix, sortKeys } from './keys.js';
export { FileStore } from './file-store.js';
export {
  S3_CONNECTION_TIMEOUT_MS,
  S3_REQUEST_TIMEOUT_MS,
  S3Store,
  endpointOverrideInEnv,
  type S3StoreOptions,
} from './s3-store.js';
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
export { DEFAULT_DISK_CACHE_BYTES, DiskCachedStore, type DiskCacheOptions } from './disk-cache.js';
export { LatencyStore, withLatency } from './latency.js';
export { openBackend, openStore, parseStoreUri, type ParsedStoreUri } from './open.js';
export { raceSignal } from './flight.js';
