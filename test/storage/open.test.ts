import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidStoreUriError, MemoryCachedStore, RetryingStore } from '../../lib/storage/index.js';
import {
  DiskCachedStore,
  FileStore,
  S3Store,
  openBackend,
  openStore,
  parseStoreUri,
} from '../../lib/storage/node.js';

describe('parseStoreUri / openBackend', () => {
  it('maps file URIs and plain paths to a FileStore', () => {
    // Prepare
    const abs = path.resolve('/var/data/idx');
    // Act
    const fromUrl = openBackend(pathToFileURL(abs).href);
    const fromRel = parseStoreUri('file:rel/idx');
    const fromPlainRel = parseStoreUri('rel/idx');
    const fromPlainAbs = parseStoreUri(abs);
    const fromFileAbs = parseStoreUri(`file:${abs}`);
    // Assess
    expect(fromUrl).toBeInstanceOf(FileStore);
    expect((fromUrl as FileStore).root).toBe(abs);
    expect(fromRel).toEqual({ kind: 'file', path: path.resolve('rel/idx') });
    expect(fromPlainRel).toEqual({ kind: 'file', path: path.resolve('rel/idx') });
    expect(fromPlainAbs).toEqual({ kind: 'file', path: abs });
    expect(fromFileAbs).toEqual({ kind: 'file', path: abs });
  });

  it('decodes percent-escapes in file:// URLs', () => {
    // Act / Assess
    expect(parseStoreUri('file:///tmp/with%20space')).toEqual({ kind: 'file', path: '/tmp/with space' });
  });

  it('maps s3 URIs to an S3Store with an optional prefix', () => {
    // Act
    const bare = openBackend('s3://my-bucket');
    const prefixed = openBackend('s3://my-bucket/indexes/wiki/');
    // Assess
    expect(bare).toBeInstanceOf(S3Store);
    expect(bare.uri).toBe('s3://my-bucket');
    expect((prefixed as S3Store).keyPrefix).toBe('indexes/wiki/');
    expect(prefixed.uri).toBe('s3://my-bucket/indexes/wiki');
  });

  it.each([
    'http://example.com/idx',
    'gs://bucket/idx',
    's3://',
    's3:bucket',
    's3://Bad_Bucket/x',
    's3://bucket/../escape',
    's3://bucket/a//b',
    'file://remote-host/share',
    'file:',
    '',
  ])('rejects %j with a one-line message naming the supported schemes', (uri) => {
    // Act
    let error: unknown;
    try {
      openStore(uri);
    } catch (err) {
      error = err;
    }
    // Assess
    expect(error).toBeInstanceOf(InvalidStoreUriError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/file:\/\//);
    expect(message).toMatch(/s3:\/\/bucket/);
  });
});

describe('openStore composition', () => {
  it('layers backend -> retry -> disk cache -> memory cache', () => {
    // Act
    const store = openStore('s3://bucket/p', {
      diskCacheDir: '/tmp/xlir-never-created',
      diskCacheBytes: 1000,
    });
    // Assess
    expect(store).toBeInstanceOf(MemoryCachedStore);
    const memory = store as MemoryCachedStore;
    expect(memory.maxBytes).toBe(64 * 1024 * 1024);
    expect(memory.inner).toBeInstanceOf(DiskCachedStore);
    const disk = memory.inner as DiskCachedStore;
    expect(disk.maxBytes).toBe(1000);
    expect(disk.inner).toBeInstanceOf(RetryingStore);
    expect((disk.inner as RetryingStore).inner).toBeInstanceOf(S3Store);
    expect(store.uri).toBe('s3://bucket/p');
  });

  it('skips the disk cache by default and the memory cache when its size is 0', () => {
    // Act
    const store = openStore('idx', { memoryCacheBytes: 0, retry: { maxAttempts: 2 } });
    // Assess
    expect(store).toBeInstanceOf(RetryingStore);
    expect((store as RetryingStore).options.maxAttempts).toBe(2);
    expect((store as RetryingStore).options.baseDelayMs).toBe(50);
    expect((store as RetryingStore).inner).toBeInstanceOf(FileStore);
  });
});
