/** The billed routes: POST /v1/search here, and the rerank routes of rerank.ts. */
import { createRoute } from '@hono/zod-openapi';
import { reserveUnits } from '../billing.js';
import type { ApiApp, ApiState } from '../context.js';
import { BODY_ERRORS, COMMON_ERRORS, DEADLINE_ERRORS, SECURITY } from '../schemas/common.js';
import { SearchRequestSchema, SearchResponseSchema } from '../schemas/search.js';
import { runSearch, searchRequestUnits } from '../search-service.js';
import { registerRerankRoutes } from './rerank.js';

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
    ...DEADLINE_ERRORS,
  },
});

export function registerRankingRoutes(app: ApiApp, state: ApiState): void {
  app.openapi(searchRoute, async (c) => {
    const request = c.req.valid('json');
    await reserveUnits(c, state, searchRequestUnits(request));
    const { body, consumption } = await runSearch(state, request);
    c.set('consumption', consumption);
    return c.json(body, 200);
  });

  registerRerankRoutes(app, state);
}
