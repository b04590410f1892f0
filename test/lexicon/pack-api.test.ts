/**
 * XLIR_LEXICONS naming a lexicon pack in S3, as the deployment sets it: the API's configuration
 * keeps the URI (only plain paths are made absolute), and a cross-lingual search translates with
 * the pack's lexicons, as the Lambda function does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiConfigError, appDepsFromEnv, createApp, type ApiLog } from '../../lib/api/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { fromTsv } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

const quiet: ApiLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Everything but the lexicons: a local index, no auth, no models, no usage records. */
function env(indexDir: string, lexicons: string | undefined): Record<string, string | undefined> {
  return {
    XLIR_INDEXES: indexDir,
    XLIR_LEXICONS: lexicons,
    XLIR_AUTH: 'off',
    XLIR_MODELS: 'off',
    XLIR_USAGE_SINK: 'none',
  };
}

describe('XLIR_LEXICONS', () => {
  let s3: S3rverHandle;
  let dir: string;
  let indexDir: string;
  beforeAll(async () => {
    s3 = await startS3rver('xlir-lexicon-api');
    dir = await mkdtemp(join(tmpdir(), 'xlir-pack-api-'));
    indexDir = join(dir, 'index');
    await buildIndex(asRecords(ENGLISH_DOCS), openStore(indexDir), { shardDocs: 6 });
  });
  afterAll(async () => {
    await s3.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps s3:// and file: URIs as URIs and makes plain paths absolute', async () => {
    const read = async (value: string) => (await appDepsFromEnv(env(indexDir, value), quiet)).lexiconsDir;
    expect(await read('s3://bucket/lexicons')).toBe('s3://bucket/lexicons');
    expect(await read('file:packs/lexicons')).toBe(pathToFileURL(join(process.cwd(), 'packs/lexicons')).href);
    expect(await read('samples/lexicons')).toBe(join(process.cwd(), 'samples/lexicons'));
    expect((await appDepsFromEnv(env(indexDir, undefined), quiet)).lexiconsDir).toBeUndefined();
    await expect(read('ftp://host/lexicons')).rejects.toThrow(ApiConfigError);
    await expect(read('ftp://host/lexicons')).rejects.toThrow(/^XLIR_LEXICONS: .*unsupported scheme 'ftp:'/);
  });

  it('translates queries with a pack in S3', async () => {
    // Prepare
    const uri = `s3://${s3.bucket}/lexicons`;
    const lexicon = fromTsv('telephone\tTelefon\t0.9\ninvented\terfunden\t0.5\n', {
      srcLang: 'en',
      tgtLang: 'de',
      id: 'en-de.tsv',
    });
    await writeLexiconPack(openStore(uri, { memoryCacheBytes: 0 }), [{ lexicon }]);
    const app = createApp(await appDepsFromEnv(env(indexDir, uri), quiet));
    // Act
    const response = await app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'telephone', query_lang: 'en', doc_langs: ['de'] }),
    });
    // Assess
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      meta: { first_stage: { method: string } };
      results: Array<{ doc_id: string }>;
    };
    expect(body.meta.first_stage.method).toBe('psq');
    expect(body.results.map((r) => r.doc_id)).toEqual(['d16']);
  });

  it('answers 503 without the bucket when a direction of the pack is corrupt', async () => {
    // Prepare: a pack whose en-de object loses its last byte after publishing.
    const uri = `s3://${s3.bucket}/corrupt-lexicons`;
    const store = openStore(uri, { memoryCacheBytes: 0 });
    const lexicon = fromTsv('telephone\tTelefon\t1\n', { srcLang: 'en', tgtLang: 'de', id: 'en-de.tsv' });
    const manifest = await writeLexiconPack(store, [{ lexicon }]);
    const key = manifest.directions[0]!.key;
    const bytes = await store.get(key);
    await store.put(key, bytes.subarray(0, bytes.length - 1));
    const app = createApp(await appDepsFromEnv(env(indexDir, uri), quiet));
    // Act
    const response = await app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'telephone', query_lang: 'en', doc_langs: ['de'] }),
    });
    // Assess
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).toContain('unavailable');
    expect(text).not.toContain(s3.bucket);
  });
});
