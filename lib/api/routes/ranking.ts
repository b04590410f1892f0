/** The billed routes: POST /v1/search and POST /v1/rerank. */
import { createRoute } from '@hono/zod-openapi';
import type { ApiApp, ApiState } from '../context.js';
import { runRerank } from '../rerank-service.js';
import { BODY_ERRORS, COMMON_ERRORS, SECURITY } from '../schemas/common.js';
import { RerankRequestSchema, RerankResponseSchema } from '../schemas/rerank.js';
import { SearchRequestSchema, SearchResponseSchema } from '../schemas/search.js';
import { runSearch, searchRequestUnits, searchUnits } from '../search-service.js';

const searchRoute = createRoute({
  method: 'post',
  path: '/v1/search',
  summary: 'Search an index: BM25 or PSQ first stage, optional cross-encoder rerank',
  security: SECURITY,
  request: {
    body: { content: { 'application/json': { schema: SearchRequestSchema } }, required: true },
  },
  responses: {
    200: { content: { 'application/json': { schema: SearchResponseSchema } }, description: 'Ranked results' },
    ...BODY_ERRORS,
    ...COMMON_ERRORS,
  },
});

const rerankRoute = createRoute({
  method: 'post',
  path: '/v1/rerank',
  summary: "Rerank the caller's documents (Cohere v1 rerank compatible)",
  security: SECURITY,
  request: {
    body: { content: { 'application/json': { schema: RerankRequestSchema } }, required: true },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: RerankResponseSchema } },
      description: 'Documents by relevance',
    },
    ...BODY_ERRORS,
    ...COMMON_ERRORS,
  },
});

export function registerRankingRoutes(app: ApiApp, state: ApiState): void {
  app.openapi(searchRoute, async (c) => {
    const request = c.req.valid('json');
    await state.meterReady;
    state.gatekeeper.requireQuota(c.get('caller'), searchRequestUnits(request));
    const { body, consumption } = await runSearch(state, request);
    c.set('consumption', consumption);
    return c.json(body, 200);
  });

  app.openapi(rerankRoute, async (c) => {
    const request = c.req.valid('json');
    await state.meterReady;
    state.gatekeeper.requireQuota(c.get('caller'), searchUnits(request.documents.length));
    const { body, consumption } = await runRerank(state.models, request);
    c.set('consumption', consumption);
    return c.json(body, 200);
  });
}
