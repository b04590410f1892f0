import { afterAll, beforeAll } from 'vitest';
import { FileStore, S3Store, openStore } from '../../lib/storage/node.js';
import { describeStoreContract } from './contract.js';
import { makeTempDir } from './helpers.js';
import { startS3rver, type S3rverHandle } from './s3rver-harness.js';

const cleanups: (() => Promise<void>)[] = [];
let s3: S3rverHandle;
let prefixCounter = 0;
/** Each test gets its own prefix in the shared bucket, which is cheaper than a server per test. */
const freshPrefix = (label: string): string => `${label}-${++prefixCounter}`;

beforeAll(async () => {
  s3 = await startS3rver();
});

afterAll(async () => {
  await s3.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function freshDir(label: string): Promise<string> {
  const { dir, cleanup } = await makeTempDir(label);
  cleanups.push(cleanup);
  return dir;
}

describeStoreContract('FileStore', {
  makeStore: async () => new FileStore(await freshDir('file')),
});

describeStoreContract('S3Store on s3rver (5 keys per list page)', {
  makeStore: async () => new S3Store(s3.bucket, freshPrefix('s3'), { listPageSize: 5 }),
  supportsRangedGetOfEmptyObject: false,
});

describeStoreContract('openStore(file:) with retries, disk and memory caches', {
  makeStore: async () =>
    openStore(`file://${await freshDir('open-file')}`, {
      diskCacheDir: await freshDir('open-file-cache'),
      memoryCacheBytes: 1 << 20,
    }),
});

describeStoreContract('openStore(s3:) with retries, disk and memory caches', {
  makeStore: async () =>
    openStore(`s3://${s3.bucket}/${freshPrefix('open-s3')}/`, {
      diskCacheDir: await freshDir('open-s3-cache'),
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    }),
  supportsRangedGetOfEmptyObject: false,
});
