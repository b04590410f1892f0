/**
 * The API where routing.json sends a pair to "none": /v1/search keeps the first stage's order and
 * scores and reports the choice (reranked false, depth 0); a plain /v1/rerank has no first stage
 * to keep, so it is refused with 422 naming a model to ask for instead, while a request that names
 * a model is served; /v1/rerank with xlir's routing extension (the edge's remote rerank) gets no
 * scores and the choice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from '../../lib/api/index.js';
import { TEST_THREADS, tinyKeepingFirstStage, writeRouting } from '../rerank/helpers.js';
import { type ErrorJson, postJson, testApp, useFixtureIndex } from './helpers.js';
import { ANSWER, QUESTION } from './rerank-fixtures.js';

const fixture = useFixtureIndex();
let app: ApiApp;

beforeAll(async () => {
  const routingUri = await writeRouting(fixture.dir, tinyKeepingFirstStage());
  app = testApp(fixture.indexDir, { models: { routingUri, threads: TEST_THREADS } });
});

interface SearchJson {
  results: Array<{ doc_id: string; score: number | null; bm25_score: number; rerank_score?: number }>;
  meta: {
    reranked: boolean;
    partial: boolean;
    rerank: {
      depth: number;
      scored: number;
      models: Array<{ doc_lang: string; model: string; rule: string }>;
    };
  };
}

describe('/v1/search with a pair routed to "none"', () => {
  it('keeps the first-stage order and scores, and reports the choice with depth 0', async () => {
    // Act
    const plain = (await (
      await postJson(app, '/v1/search', { query: 'telephone invention', query_lang: 'en', top_k: 5 })
    ).json()) as SearchJson;
    const response = await postJson(app, '/v1/search', {
      query: 'telephone invention',
      query_lang: 'en',
      top_k: 5,
      rerank: { depth: 5 },
    });
    const body = (await response.json()) as SearchJson;
    // Assess
    expect(response.status).toBe(200);
    expect(body.results.length).toBeGreaterThan(1);
    expect(body.results.map((r) => [r.doc_id, r.score])).toEqual(
      plain.results.map((r) => [r.doc_id, r.score]),
    );
    expect(body.results.every((r) => r.rerank_score === undefined)).toBe(true);
    expect(body.meta).toMatchObject({ reranked: false, partial: false, rerank: { depth: 0, scored: 0 } });
    // en and es candidates, both routed to none: the whole list keeps its order.
    expect(body.meta.rerank.models.length).toBeGreaterThan(0);
    expect(body.meta.rerank.models.every((m) => m.model === 'none')).toBe(true);
    expect(body.meta.rerank.models).toContainEqual(
      expect.objectContaining({ doc_lang: 'en', model: 'none', rule: 'monolingual' }),
    );
  });
});

describe('/v1/rerank with a pair routed to "none"', () => {
  const documents = ['The school stands next to the church on the hill.', ANSWER];

  it('is refused with 422, naming a model to ask for, when the request names none', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', { query: QUESTION, documents });
    const body = (await response.json()) as ErrorJson;
    // Assess
    expect(response.status).toBe(422);
    expect(body.error.type).toBe('validation_error');
    expect(body.error.message).toMatch(
      /no reranker is routed for en→en .* name a model, e\.g\. "model": "tiny"/,
    );
    expect(body.error.message).not.toContain(fixture.dir);
  });

  it('scores with the model the request names', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', { query: QUESTION, documents, model: 'tiny' });
    const body = (await response.json()) as { results: Array<{ index: number }> };
    // Assess
    expect(response.status).toBe(200);
    expect(body.results[0]!.index).toBe(1);
  });

  it('answers the edge’s routed request with no scores and the choice', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', {
      model: 'auto',
      query: QUESTION,
      documents,
      return_documents: false,
      xlir: { query_lang: 'en', doc_langs: ['en', 'en'] },
    });
    const body = (await response.json()) as {
      xlir: { results: unknown[]; models: Array<{ doc_lang: string; model: string }> };
    };
    // Assess
    expect(response.status).toBe(200);
    expect(body.xlir.results).toEqual([]);
    expect(body.xlir.models).toEqual([expect.objectContaining({ doc_lang: 'en', model: 'none' })]);
  });
});
