import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  MAX_QUERY_CHARS,
  MAX_RERANK_DOCUMENTS,
  MemoryUsageSink,
  type ApiApp,
} from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { buildFixtureIndex, type ErrorJson, KEYS, postJson, tempDir, testApp } from './helpers.js';

let dir: { dir: string; remove: () => Promise<void> };
let app: ApiApp;
let usage: MemoryUsageSink;

beforeAll(async () => {
  dir = await tempDir();
  usage = new MemoryUsageSink();
  app = testApp(await buildFixtureIndex(join(dir.dir, 'index')), { usage });
});
afterAll(async () => {
  await releaseModels();
  await dir.remove();
});

async function expectError(
  response: Response,
  status: number,
  type: string,
  mentions?: RegExp,
): Promise<void> {
  const body = (await response.json()) as ErrorJson;
  expect(response.status).toBe(status);
  expect(body.error.type).toBe(type);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (mentions) expect(body.error.message).toMatch(mentions);
}

describe('bad input', () => {
  it('malformed JSON is 400 invalid_json', async () => {
    // Act
    const response = await postJson(app, '/v1/search', '{"query": "tea",');
    // Assess
    await expectError(response, 400, 'invalid_json', /JSON/);
  });

  it('a body that is not JSON is 415', async () => {
    // Act
    const response = await app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${KEYS.good}` },
      body: 'query=tea',
    });
    // Assess
    await expectError(response, 415, 'unsupported_media_type', /application\/json/);
  });

  it.each([
    ['a number as query', { query: 42 }, /query/],
    ['a string as top_k', { query: 'tea', top_k: '10' }, /top_k/],
    ['top_k out of range', { query: 'tea', top_k: 1001 }, /top_k/],
    ['a JSON array body', [{ query: 'tea' }], /body/],
    ['rerank without depth', { query: 'tea', rerank: {} }, /rerank\.depth/],
    ['lambda above 1', { query: 'tea', rerank: { depth: 5, lambda: 2 } }, /rerank\.lambda/],
  ])('wrong types (%s) are 422 naming the field', async (_name, body, field) => {
    // Act
    const response = await postJson(app, '/v1/search', body);
    // Assess
    await expectError(response, 422, 'validation_error', field);
  });

  it('unknown fields are rejected with 422, not ignored', async () => {
    // Act
    const search = await postJson(app, '/v1/search', { query: 'tea', topk: 5 });
    const rerank = await postJson(app, '/v1/rerank', { query: 'tea', documents: ['x'], temperature: 1 });
    // Assess
    await expectError(search, 422, 'validation_error', /topk/);
    await expectError(rerank, 422, 'validation_error', /temperature/);
  });

  it('a 10 MB body is 413 before it is parsed', async () => {
    // Prepare
    const huge = JSON.stringify({ query: 'tea', documents: ['x'.repeat(10 * 1024 * 1024)] });
    // Act
    const response = await postJson(app, '/v1/rerank', huge);
    // Assess
    expect(huge.length).toBeGreaterThan(MAX_BODY_BYTES);
    await expectError(response, 413, 'payload_too_large', new RegExp(String(MAX_BODY_BYTES)));
  });

  it('10,000 documents to rerank is 422 naming the limit', async () => {
    // Prepare
    const documents = Array.from({ length: 10_000 }, (_, i) => `d${i}`);
    // Act
    const response = await postJson(app, '/v1/rerank', { query: 'tea', documents });
    // Assess
    await expectError(response, 422, 'validation_error', new RegExp(`documents.*${MAX_RERANK_DOCUMENTS}`));
  });

  it('an over-long query is 422 (long documents are chunked: rerank-compat.test.ts)', async () => {
    // Act
    const search = await postJson(app, '/v1/search', { query: 'q'.repeat(MAX_QUERY_CHARS + 1) });
    const rerank = await postJson(app, '/v1/rerank', {
      query: 'q'.repeat(MAX_QUERY_CHARS + 1),
      documents: ['d'],
    });
    // Assess
    await expectError(search, 422, 'validation_error', /query/);
    await expectError(rerank, 422, 'validation_error', /query/);
  });

  it('an unknown language is 422, a language the index lacks is 400, both saying which', async () => {
    // Act
    const unknown = await postJson(app, '/v1/search', { query: 'tea', query_lang: 'xx' });
    const malformed = await postJson(app, '/v1/search', { query: 'tea', doc_langs: ['en_US'] });
    const absent = await postJson(app, '/v1/search', { query: 'tea', doc_langs: ['fi'] });
    // Assess
    await expectError(unknown, 422, 'validation_error', /query_lang/);
    await expectError(malformed, 422, 'validation_error', /doc_langs\.0/);
    await expectError(absent, 400, 'invalid_request', /fi/);
  });

  it('an unknown index is 404', async () => {
    // Act
    const response = await postJson(app, '/v1/search', { query: 'tea', index: 'elsewhere' });
    // Assess
    await expectError(response, 404, 'not_found', /elsewhere/);
  });

  it('records refused requests as unbilled', () => {
    // Assess: every request above was refused and recorded, none billed
    expect(usage.records.length).toBeGreaterThan(10);
    expect(usage.records.every((r) => r.status >= 400 && r.billed_units === 0)).toBe(true);
  });
});
