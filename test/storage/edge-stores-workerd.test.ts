import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, type S3rverHandle } from './s3rver-harness.js';

/*
 * R2Store and FetchStore inside workerd, the Workers runtime, without nodejs_compat: bundled by
 * esbuild for the worker condition, with every `node:` import an error, then run on Miniflare
 * against its R2 and, through fetch, against s3rver.
 */

const storage = (file: string): string =>
  fileURLToPath(new URL(`../../lib/storage/${file}`, import.meta.url));

const WORKER = `
import { R2Store } from ${JSON.stringify(storage('r2-store.ts'))};
import { FetchStore } from ${JSON.stringify(storage('fetch-store.ts'))};

async function exercise(store) {
  const out = {};
  const dec = (bytes) => new TextDecoder().decode(bytes);
  for (const key of ['a/1', 'b', 'é', '\\u{1F600}', '\\uFFFD']) await store.put(key, key);
  await store.put('a/2', new Uint8Array([1, 2, 3]));
  out.get = dec(await store.get('a/1'));
  out.range = [...(await store.getRange('a/2', 1, 10))];
  out.pastEnd = (await store.getRange('a/2', 3, 10)).length;
  out.list = await store.list('');
  out.missing = await store.get('missing').catch((e) => e.name + ':' + e.key);
  await store.delete('b');
  await store.delete('b');
  out.afterDelete = await store.list('');
  out.aborted = await store.get('a/1', { signal: AbortSignal.abort(new Error('stop')) }).catch((e) => e.message);
  out.badKey = await store.get('../x').catch((e) => e.name);
  out.uri = store.uri;
  return out;
}

export default {
  async fetch(request, env) {
    const which = new URL(request.url).pathname;
    const store =
      which === '/r2'
        ? new R2Store(env.BUCKET, { prefix: 'edge', name: 'edge-bucket', listPageSize: 2 })
        : new FetchStore({
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET,
            prefix: 'edge',
            region: 'us-east-1',
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            // One page: s3rver walks its folders in byte order but resumes after a continuation
            // token by JavaScript string order, so a page ending at U+FFFD loses U+1F600.
          });
    try {
      return Response.json(await exercise(store));
    } catch (e) {
      return Response.json({ error: String(e && e.stack || e) }, { status: 500 });
    }
  },
};
`;

const EXPECTED_KEYS = ['a/1', 'a/2', 'b', 'é', '\uFFFD', '\u{1F600}'];

let mf: Miniflare | undefined;
let s3: S3rverHandle;
let bundleText = '';

beforeAll(async () => {
  s3 = await startS3rver();
  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: storage('.'), loader: 'js', sourcefile: 'edge-worker.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['worker', 'import'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  bundleText = bundle.outputFiles[0]!.text;
  mf = new Miniflare({
    modules: true,
    script: bundleText,
    r2Buckets: ['BUCKET'],
    bindings: { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket },
    compatibilityDate: '2025-01-01',
  });
});

afterAll(async () => {
  await mf?.dispose();
  await s3?.stop();
});

async function run(path: string): Promise<Record<string, unknown>> {
  const res = await mf!.dispatchFetch(`http://edge.test${path}`);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body['error']).toBeUndefined();
  return body;
}

describe('edge stores inside workerd', () => {
  it('bundle with no node: import and no nodejs_compat', () => {
    // Assess
    expect(bundleText).not.toMatch(/from\s*["']node:/);
    expect(bundleText).toMatch(/R2Store = class|class R2Store/);
    expect(bundleText).toMatch(/FetchStore = class|class FetchStore/);
  });

  it.each([
    ['/r2', 'r2://edge-bucket/edge'],
    ['/s3', 's3://xlir-test/edge'],
  ])('%s honours the store contract in the Workers runtime', async (path, uri) => {
    // Act
    const out = await run(path);
    // Assess
    expect(out).toEqual({
      get: 'a/1',
      range: [2, 3],
      pastEnd: 0,
      list: EXPECTED_KEYS,
      missing: 'ObjectNotFoundError:missing',
      afterDelete: EXPECTED_KEYS.filter((k) => k !== 'b'),
      aborted: 'stop',
      badKey: 'InvalidKeyError',
      uri,
    });
  });
});
