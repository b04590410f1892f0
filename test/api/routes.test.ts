import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENGLISH_DOCS,
  type ErrorJson,
  getJson,
  postJson,
  ROUTING_FIXTURE,
  testApp,
  useFixtureIndex,
} from './helpers.js';

const fixture = useFixtureIndex();

describe('POST /v1/rerank (Cohere-compatible)', () => {
  const documents = [
    'Bees make honey in their hive.',
    { text: 'Alexander Graham Bell invented the telephone.' },
    'The Nile flows into the Mediterranean Sea.',
    { text: 'Das Telefon wurde 1876 patentiert.' },
  ];

  it('orders the documents by relevance and returns them on request', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const response = await postJson(app, '/v1/rerank', {
      query: 'who invented the telephone',
      documents,
      top_n: 3,
      return_documents: true,
    });
    const body = (await response.json()) as {
      id: string;
      results: Array<{ index: number; relevance_score: number; document?: { text: string } }>;
      meta: { billed_units: { search_units: number } };
    };
    // Assess
    expect(response.status).toBe(200);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.results).toHaveLength(3);
    expect(new Set(body.results.map((r) => r.index)).size).toBe(3);
    const scores = body.results.map((r) => r.relevance_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    for (const r of body.results) {
      const given = documents[r.index]!;
      expect(r.document!.text).toBe(typeof given === 'string' ? given : given.text);
    }
    expect(body.meta.billed_units.search_units).toBe(1);
  });

  it('bills one search unit per started 100 documents', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    const many = Array.from({ length: 150 }, (_, i) => `passage number ${i} about rivers`);
    // Act
    const body = (await (await postJson(app, '/v1/rerank', { query: 'rivers', documents: many })).json()) as {
      results: unknown[];
      meta: { billed_units: { search_units: number } };
    };
    // Assess
    expect(body.results).toHaveLength(150);
    expect(body.meta.billed_units.search_units).toBe(2);
  });

  it('answers 404 for a model it does not have', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const response = await postJson(app, '/v1/rerank', {
      model: 'rerank-v3.5',
      query: 'q',
      documents: ['d'],
    });
    // Assess
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorJson).error.message).toContain('rerank-v3.5');
  });
});

describe('GET routes', () => {
  it('/v1/models lists the variants of routing.json with their roles', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    const routing = JSON.parse(await readFile(ROUTING_FIXTURE, 'utf8')) as {
      models: Record<string, string>;
      multilingual: string;
    };
    // Act
    const body = (await (await getJson(app, '/v1/models')).json()) as {
      available: boolean;
      variants: Array<{ id: string; roles: string[] }>;
      routing: { multilingual: string };
    };
    // Assess
    expect(body.available).toBe(true);
    expect(body.variants.map((v) => v.id).sort()).toEqual(Object.keys(routing.models).sort());
    expect(body.routing.multilingual).toBe(routing.multilingual);
    expect(body.variants.find((v) => v.id === routing.multilingual)!.roles).toContain('multilingual');
  });

  it('/v1/models says why a BM25-only server has no models, and reranking is refused with 503', async () => {
    // Prepare
    const reason = 'no models at ./models/routing.json';
    const app = testApp(fixture.indexDir, { models: { unavailable: reason } });
    // Act
    const models = (await (await getJson(app, '/v1/models')).json()) as {
      available: boolean;
      reason: string;
    };
    const search = await postJson(app, '/v1/search', { query: 'tea', rerank: { depth: 5 } });
    const plain = await postJson(app, '/v1/search', { query: 'tea' });
    // Assess
    expect(models).toMatchObject({ available: false, reason });
    expect(search.status).toBe(503);
    expect(((await search.json()) as ErrorJson).error.message).toContain(reason);
    expect(plain.status).toBe(200);
  });

  it('/v1/models explains a routing table that cannot be used yet, and reranking is refused with 503', async () => {
    // Prepare: a routing table naming a model directory that is not there (yet)
    const routing = join(fixture.dir, 'half-written', 'routing.json');
    await mkdir(join(fixture.dir, 'half-written'), { recursive: true });
    await writeFile(
      routing,
      JSON.stringify({ version: 1, models: { m: 'still-training' }, multilingual: 'm', zero_shot: 'm' }),
    );
    const app = testApp(fixture.indexDir, { models: { routingUri: routing } });
    // Act
    const models = (await (await getJson(app, '/v1/models')).json()) as {
      available: boolean;
      reason: string;
    };
    const search = await postJson(app, '/v1/search', { query: 'tea', rerank: { depth: 5 } });
    // Assess
    expect(models.available).toBe(false);
    expect(models.reason).toContain('still-training');
    expect(search.status).toBe(503);
  });

  it('/v1/indexes reports the current build and documents per language', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    const perLanguage: Record<string, number> = {};
    for (const d of ENGLISH_DOCS) perLanguage[d.lang!] = (perLanguage[d.lang!] ?? 0) + 1;
    // Act
    const body = (await (await getJson(app, '/v1/indexes')).json()) as {
      indexes: Array<{
        name: string;
        default: boolean;
        available: boolean;
        doc_count: number;
        languages: Record<string, number>;
        build_id: string;
      }>;
    };
    // Assess
    expect(body.indexes).toHaveLength(1);
    expect(body.indexes[0]).toMatchObject({
      name: 'fixture',
      default: true,
      available: true,
      doc_count: ENGLISH_DOCS.length,
    });
    expect(body.indexes[0]!.languages).toEqual(perLanguage);
    expect(body.indexes[0]!.build_id).toBe(fixture.searcher.reader.manifest.buildId);
  });

  it('/v1/usage sums the calling key’s requests and units this month', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    await postJson(app, '/v1/search', { query: 'tea', top_k: 5 });
    await postJson(app, '/v1/search', { query: 'coffee', top_k: 150 });
    // Act
    const body = (await (await getJson(app, '/v1/usage')).json()) as {
      key_id: string;
      requests: number;
      search_units: number;
      quota: { search_units: number; remaining: number };
    };
    // Assess
    expect(body.key_id).toBe('good');
    expect(body.requests).toBe(2);
    expect(body.search_units).toBe(3);
    expect(body.quota.remaining).toBe(body.quota.search_units - 3);
  });

  it('/healthz answers without a key', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const response = await app.request('/healthz');
    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      auth: 'on',
      reranking: true,
      indexes: [{ name: 'fixture', state: 'unknown', reason: null, checked_at: null }],
      models: { state: 'unknown', reason: null, checked_at: null },
      lexicons: { state: 'off', reason: null, checked_at: null },
    });
  });

  it('/openapi.json is OpenAPI 3.1 with every route, and /docs serves Swagger UI', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const spec = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    const docs = await app.request('/docs');
    // Assess
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/healthz',
        '/rerank',
        '/v1/indexes',
        '/v1/models',
        '/v1/rerank',
        '/v1/search',
        '/v1/usage',
        '/v2/rerank',
      ].sort(),
    );
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining([
        'SearchRequest',
        'SearchResponse',
        'RerankRequest',
        'RerankResponse',
        'RerankV2Request',
        'RerankV2Response',
        'TeiRerankRequest',
        'TeiRerankResponse',
        'Error',
      ]),
    );
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('/ renders the playground with the index languages and model status', async () => {
    // Prepare
    const app = testApp(fixture.indexDir, { models: { unavailable: 'no models here' } });
    // Act
    const response = await app.request('/');
    const html = await response.text();
    // Assess
    expect(response.status).toBe(200);
    for (const lang of new Set(ENGLISH_DOCS.map((d) => d.lang!))) {
      expect(html).toContain(`name="doc_langs" value="${lang}"`);
    }
    expect(html).toContain('BM25 only: no models here');
  });

  it('unknown routes are 404 in the error format', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const response = await getJson(app, '/v1/nothing');
    // Assess
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorJson).error.type).toBe('not_found');
  });
});
