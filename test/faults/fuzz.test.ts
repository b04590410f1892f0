/**
 * 20,000 generated requests against the API (fast-check): well-formed, half-formed and hostile
 * bodies for every POST route, prototype names where names go, random paths and methods. None may
 * answer 5xx, and every error is the JSON error shape without a server path. Prints the counts.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink, type ApiApp } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { FUSION_METHODS } from '../../lib/search/index.js';
import { buildFixtureIndex, tempDir, testApp } from '../api/helpers.js';

const REQUESTS = 20_000;
const NAMES = ['fixture', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(300)];
const LANGS = ['en', 'de', 'zh-Hant', 'xx', 'german', '__proto__', '', 'EN', 'und'];

let dir: { dir: string; remove: () => Promise<void> };
let app: ApiApp;

beforeAll(async () => {
  dir = await tempDir();
  app = testApp(await buildFixtureIndex(join(dir.dir, 'index')), {
    auth: { mode: 'off' },
    usage: new MemoryUsageSink(),
  });
});
afterAll(async () => {
  await releaseModels();
  await dir.remove();
});

/** Any JSON value, small. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
/** Absent half the time. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Mostly a valid value, sometimes anything: enough valid requests reach the search and the models. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
/** Rarely present: an unknown field makes the whole request a 422. */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('telephone', 'Wer erfand das Telefon?', '谁发明了纸？'),
);
const lang = fc.oneof(fc.constantFrom(...LANGS), fc.string({ maxLength: 12 }));
const docs = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 2, arbitrary: fc.record({ text, title: maybe(text) }) },
    { weight: 1, arbitrary: anyValue },
  ),
  { maxLength: 5 },
);

const search = fc.record({
  query: mostly(text),
  index: maybe(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 }))),
  query_lang: maybe(lang),
  doc_langs: maybe(mostly(fc.array(lang, { maxLength: 4 }))),
  top_k: maybe(mostly(fc.integer({ min: -5, max: 2000 }))),
  fusion: maybe(fc.oneof(fc.constantFrom(...FUSION_METHODS), fc.string({ maxLength: 12 }))),
  return_documents: maybe(mostly(fc.boolean())),
  deadline_ms: maybe(mostly(fc.integer({ min: -10, max: 100_000 }))),
  on_shard_failure: maybe(fc.oneof(fc.constantFrom('fail', 'partial'), fc.string({ maxLength: 8 }))),
  rerank: maybe(
    fc.oneof(
      fc.record({
        depth: maybe(mostly(fc.integer({ min: -2, max: 12 }))),
        model: maybe(
          fc.oneof(
            fc.constantFrom('auto', 'zero-shot', 'ml-cs', 'rerank-v3.5', '__proto__', 'constructor'),
            fc.string({ maxLength: 12 }),
          ),
        ),
        lambda: maybe(mostly(fc.double({ min: -1, max: 2, noNaN: true }))),
      }),
      anyValue,
    ),
  ),
  extra: rarely(anyValue),
});
const cohere = fc.record({
  query: mostly(text),
  documents: mostly(docs),
  model: maybe(
    fc.oneof(
      fc.constantFrom('rerank-v3.5', 'rerank-multilingual-v3.0', 'ml-cs', '__proto__', 'toString'),
      fc.string({ maxLength: 12 }),
    ),
  ),
  top_n: maybe(mostly(fc.integer({ min: -2, max: 20 }))),
  return_documents: maybe(mostly(fc.boolean())),
  max_chunks_per_doc: maybe(mostly(fc.integer({ min: -1, max: 20 }))),
  max_tokens_per_doc: maybe(mostly(fc.integer({ min: -1, max: 5000 }))),
  rank_fields: maybe(
    fc.oneof(fc.array(fc.constantFrom('text', 'title', '__proto__'), { maxLength: 3 }), anyValue),
  ),
});
const tei = fc.record({
  query: mostly(text),
  texts: mostly(fc.array(text, { maxLength: 5 })),
  raw_scores: maybe(mostly(fc.boolean())),
  return_text: maybe(mostly(fc.boolean())),
  truncate: maybe(mostly(fc.boolean())),
  truncation_direction: maybe(fc.oneof(fc.constantFrom('right', 'left'), anyValue)),
});
const request = fc.oneof(
  {
    weight: 8,
    arbitrary: search.map((body) => ({ method: 'POST', path: '/v1/search', body: JSON.stringify(body) })),
  },
  {
    weight: 4,
    arbitrary: cohere.map((body) => ({ method: 'POST', path: '/v1/rerank', body: JSON.stringify(body) })),
  },
  {
    weight: 3,
    arbitrary: cohere.map((body) => ({ method: 'POST', path: '/v2/rerank', body: JSON.stringify(body) })),
  },
  {
    weight: 3,
    arbitrary: tei.map((body) => ({ method: 'POST', path: '/rerank', body: JSON.stringify(body) })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      path: fc.oneof(
        fc.constantFrom(
          '/v1/search',
          '/v1/rerank',
          '/v2/rerank',
          '/rerank',
          '/v1/models',
          '/v1/indexes',
          '/v1/usage',
          '/healthz',
          '/docs',
          '/openapi.json',
          '/v1/__proto__',
          '/%2e%2e/etc/passwd',
        ),
        fc.webPath(),
      ),
      body: fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 2 })),
    }),
  },
);

describe('fuzzed API requests', () => {
  it(`answer ${REQUESTS} generated requests without a 5xx, with JSON errors that show no path`, async () => {
    const statuses = new Map<number, number>();
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: 20261204 });
    let worst: { status: number; path: string; body: string; answer: string } | undefined;
    for (const { method, path, body } of samples) {
      const response = await app.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body }),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const answer = await response.text();
      if (response.status >= 500 && !worst) worst = { status: response.status, path, body, answer };
      if (response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
        expect(answer, `${path} ${body}`).not.toMatch(/\/(tmp|work|home|root)\/|file:\/\/|s3:\/\//);
      }
    }
    const counts = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n}× ${s}`);
    console.log(`fuzz: ${REQUESTS} requests: ${counts.join(', ')}`);
    expect(worst, JSON.stringify(worst)).toBeUndefined();
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 600_000);
});
