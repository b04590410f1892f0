import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEdgeApp } from '../../functions/edge/app.js';
import { EdgeConfigError, edgeConfig } from '../../functions/edge/config.js';
import {
  EDGE_COMPATIBILITY_DATE,
  EDGE_DECODED_POSTINGS_CACHE_BYTES,
  EDGE_ENV,
  EDGE_READ_CACHE_BYTES,
} from '../../functions/edge/constants.js';
import { LogUsageSink, QueueUsageSink } from '../../functions/edge/usage.js';
import { hashApiKey, type UsageRecord } from '../../lib/api/index.js';
import { digestApiKey } from '../../lib/api/key-store.js';
import { memoryLog } from '../api/helpers.js';

/*
 * The Worker's configuration and what it does with a bad one, in Node (the app is runtime-neutral):
 * every mistake names what to set and never a secret, a misconfigured Worker answers 503 to every
 * request and still records its usage, and wrangler.toml says what the code assumes.
 */

const BUCKET = { get: () => Promise.resolve(null) };
const QUEUE_FAILS = { send: () => Promise.reject(new Error('queue down')) };

function configError(env: Record<string, unknown>): string {
  try {
    edgeConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EdgeConfigError);
    return (error as Error).message;
  }
  throw new Error('expected an EdgeConfigError');
}

describe('edgeConfig', () => {
  it.each([
    ['no store', {}, EDGE_ENV.bucket],
    ['two stores', { [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.s3Endpoint]: 'https://s3.example' }, 'not both'],
    ['S3 without a bucket', { [EDGE_ENV.s3Endpoint]: 'https://s3.example' }, EDGE_ENV.s3Bucket],
    ['auth on without keys', { [EDGE_ENV.bucket]: BUCKET }, EDGE_ENV.keysKv],
    [
      'a rerank URL without its key',
      {
        [EDGE_ENV.bucket]: BUCKET,
        [EDGE_ENV.auth]: 'off',
        [EDGE_ENV.rerankUrl]: 'https://api.example/v1/rerank',
      },
      EDGE_ENV.rerankKey,
    ],
    [
      'a deadline that is not a number',
      { [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off', [EDGE_ENV.requestDeadlineMs]: 'soon' },
      EDGE_ENV.requestDeadlineMs,
    ],
    ['a variable where a binding belongs', { [EDGE_ENV.bucket]: 'xlir' }, 'R2 bucket binding'],
    [
      'a cache size that is not whole MiB',
      { [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off', [EDGE_ENV.readCacheMb]: '1.5' },
      EDGE_ENV.readCacheMb,
    ],
    [
      'a cache larger than the isolate',
      { [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off', [EDGE_ENV.postingsCacheMb]: '4096' },
      EDGE_ENV.postingsCacheMb,
    ],
  ])('names what to set for %s', (_, env, expected) => {
    // Act + Assess
    expect(configError(env)).toContain(expected);
  });

  it('never quotes the keys secret it cannot read', () => {
    // Act
    const message = configError({
      [EDGE_ENV.bucket]: BUCKET,
      [EDGE_ENV.apiKeys]: '[{"id": "a", "hash": "xlir_secret-looking',
    });
    // Assess
    expect(message).toContain(EDGE_ENV.apiKeys);
    expect(message).not.toContain('xlir_secret');
  });

  it('defaults to the demo layout: index/, lexicons/, index "demo"', () => {
    // Act
    const config = edgeConfig({ [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off' });
    // Assess
    expect(config).toMatchObject({
      indexPrefix: 'index',
      lexiconsPrefix: 'lexicons',
      indexName: 'demo',
      keys: undefined,
    });
    expect(
      edgeConfig({ [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off', [EDGE_ENV.lexiconsPrefix]: 'off' })
        .lexiconsPrefix,
    ).toBeUndefined();
  });

  it('sizes the caches from XLIR_READ_CACHE_MB and XLIR_POSTINGS_CACHE_MB, else the edge defaults', () => {
    // Act
    const defaults = edgeConfig({ [EDGE_ENV.bucket]: BUCKET, [EDGE_ENV.auth]: 'off' });
    const set = edgeConfig({
      [EDGE_ENV.bucket]: BUCKET,
      [EDGE_ENV.auth]: 'off',
      [EDGE_ENV.readCacheMb]: '4',
      [EDGE_ENV.postingsCacheMb]: '0',
    });
    // Assess
    expect(defaults.readCacheBytes).toBe(EDGE_READ_CACHE_BYTES);
    expect(defaults.postingsCacheBytes).toBe(EDGE_DECODED_POSTINGS_CACHE_BYTES);
    expect(set.readCacheBytes).toBe(4 * 1024 * 1024);
    expect(set.postingsCacheBytes).toBe(0);
  });
});

describe('a misconfigured Worker', () => {
  it('answers 503 naming the setting, and records the request', async () => {
    const records: UsageRecord[] = [];
    const app = createEdgeApp({
      config: new EdgeConfigError(`no index store: bind an R2 bucket as ${EDGE_ENV.bucket}`),
      usage: { description: 'memory', record: (r) => void records.push(r) as unknown as Promise<void> },
      log: memoryLog(),
    });
    // Act
    const search = await app.request('/v1/search', { method: 'POST', body: '{}' });
    const health = await app.request('/healthz');
    // Assess
    expect(search.status).toBe(503);
    expect(((await search.json()) as { error: { message: string } }).error.message).toContain(
      EDGE_ENV.bucket,
    );
    expect(health.status).toBe(503);
    expect(records.map((r) => [r.route, r.status, r.billed_units])).toEqual([['/v1/search', 503, 0]]);
  });

  it('logs a usage record it could not queue, and still answers', async () => {
    const log = memoryLog();
    const app = createEdgeApp({
      config: new EdgeConfigError('x'),
      usage: new QueueUsageSink(QUEUE_FAILS),
      log,
    });
    // Act
    const res = await app.request('/v1/search', { method: 'POST', body: '{}' });
    // Assess
    expect(res.status).toBe(503);
    expect(
      log.lines.some((l) => l.level === 'error' && l.message.includes('usage record could not be written')),
    ).toBe(true);
  });
});

describe('usage sinks and key digests', () => {
  it('writes a record as one JSON log line, or sends it to the queue as it is', async () => {
    const lines: string[] = [];
    const sent: unknown[] = [];
    const record = { route: '/v1/search', status: 200 } as UsageRecord;
    // Act
    await new LogUsageSink((line) => lines.push(line)).record(record);
    await new QueueUsageSink({ send: (body) => Promise.resolve(void sent.push(body)) }).record(record);
    // Assess
    expect(lines).toEqual([JSON.stringify({ usage: record })]);
    expect(sent).toEqual([record]);
  });

  it('digests keys with Web Crypto exactly as hashApiKey does', async () => {
    for (const key of ['xlir_abc', 'ключ', '🔑 with spaces'])
      expect(await digestApiKey(key)).toBe(hashApiKey(key));
  });
});

describe('wrangler.toml', () => {
  it('deploys the esbuild bundle at the code’s compatibility date, without nodejs_compat', async () => {
    // Act
    const toml = await readFile(fileURLToPath(new URL('../../wrangler.toml', import.meta.url)), 'utf8');
    // Assess
    expect(toml).toContain(`compatibility_date = "${EDGE_COMPATIBILITY_DATE}"`);
    expect(toml).toContain('main = "dist/edge/worker.js"');
    expect(toml).toContain(`binding = "${EDGE_ENV.bucket}"`);
    expect(toml).not.toMatch(/^compatibility_flags/m);
  });
});
