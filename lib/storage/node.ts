/**
 * The Node-only surface of lib/storage: backends and helpers that need the file system or the AWS
 * SDK, so they cannot run in a Cloudflare Worker. Everything that runs anywhere (ObjectStore,
 * errors, checksums, retries, the memory cache) is in ./index.ts; import both where both are used.
 */
export { FileStore } from './file-store.js';
export {
  S3_CONNECTION_TIMEOUT_MS,
  S3_REQUEST_TIMEOUT_MS,
  S3Store,
  endpointOverrideInEnv,
  type S3StoreOptions,
} from './s3-store.js';
export { DEFAULT_DISK_CACHE_BYTES, DiskCachedStore, type DiskCacheOptions } from './disk-cache.js';
export { openBackend, openStore, parseStoreUri, type ParsedStoreUri } from './open.js';
