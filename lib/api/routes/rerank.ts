/**
 * The rerank routes, one per API that clients already call: POST /v1/rerank (Cohere v1, and
 * Jina's), POST /v2/rerank (Cohere v2) and POST /rerank (text-embeddings-inference). They share
 * authentication, rate limits, quotas and usage records (app.ts) and one service
 * (rerank-service.ts); rerank-compat.ts turns each request and response into its API's shape.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { reserveUnits } from '../billing.js';
import { DEFAULT_REQUEST_DEADLINE_MS, requestDeadlineMs, withinDeadline } from '../../retrieve/index.js';
import type { ApiApp, ApiEnv, ApiState } from '../context.js';
import {
  cohereV1Body,
  cohereV1Input,
  cohereV2Body,
  cohereV2Input,
  teiBody,
  teiInput,
} from '../rerank-compat.js';
import { rerankDocuments, type RerankInput, type RerankOutcome } from '../rerank-service.js';
import { BODY_ERRORS, COMMON_ERRORS, SECURITY } from '../schemas/common.js';
import { RerankRequestSchema, RerankResponseSchema } from '../schemas/rerank.js';
import { RerankV2RequestSchema, RerankV2ResponseSchema } from '../schemas/rerank-v2.js';
import { TeiRerankRequestSchema, TeiRerankResponseSchema } from '../schemas/tei.js';
import { searchUnits } from '../search-service.js';

/** The paths of this file, which app.ts meters and authenticates like every /v1 route. */
export const RERANK_PATHS = ['/v1/rerank', '/v2/rerank', '/rerank'] as const;

const rerankRoute = <Req extends z.ZodType, Res extends z.ZodType>(
  path: (typeof RERANK_PATHS)[number],
  summary: string,
  request: Req,
  response: Res,
) =>
  createRoute({
    method: 'post',
    path,
    summary,
    security: SECURITY,
    request: { body: { content: { 'application/json': { schema: request } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: response } }, description: 'Documents by relevance' },
      ...BODY_ERRORS,
      ...COMMON_ERRORS,
    },
  });

const cohereV1Route = rerankRoute(
  '/v1/rerank',
  "Rerank the caller's documents (Cohere v1 and Jina rerank compatible)",
  RerankRequestSchema,
  RerankResponseSchema,
);
const cohereV2Route = rerankRoute(
  '/v2/rerank',
  "Rerank the caller's documents (Cohere v2 rerank compatible)",
  RerankV2RequestSchema,
  RerankV2ResponseSchema,
);
const teiRoute = rerankRoute(
  '/rerank',
  "Rerank the caller's texts (text-embeddings-inference compatible)",
  TeiRerankRequestSchema,
  TeiRerankResponseSchema,
);

/**
 * Reserves one unit per 100 documents, then runs the service; the usage middleware charges what
 * the documents' tokens add (rerank-limits.ts) or refuses the answer when the quota cannot take it.
 */
async function rerank(c: Context<ApiEnv>, state: ApiState, input: RerankInput): Promise<RerankOutcome> {
  await reserveUnits(c, state, searchUnits(input.texts.length));
  // The same request deadline as a search. These APIs' answers cannot say "partial", so a rerank
  // that cannot finish in time is a 504 deadline_exceeded (and its units are refunded as for any
  // error), never a hang past API Gateway's 29 s. A caller that says how long it will wait (xlir's
  // extension: the edge Worker's rerank hop) gets a 504 by then rather than a late answer.
  const deadlineMs = requestDeadlineMs(
    state.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    input.deadlineMs,
  );
  const outcome = await withinDeadline(deadlineMs, async () =>
    rerankDocuments(state.models, await state.detector(), input),
  );
  c.set('consumption', outcome.consumption);
  return outcome;
}

export function registerRerankRoutes(app: ApiApp, state: ApiState): void {
  app.openapi(cohereV1Route, async (c) => {
    const request = c.req.valid('json');
    return c.json(cohereV1Body(request, await rerank(c, state, cohereV1Input(request))), 200);
  });

  app.openapi(cohereV2Route, async (c) => {
    const request = c.req.valid('json');
    return c.json(cohereV2Body(request, await rerank(c, state, cohereV2Input(request))), 200);
  });

  app.openapi(teiRoute, async (c) => {
    const request = c.req.valid('json');
    return c.json(teiBody(request, await rerank(c, state, teiInput(request))), 200);
  });
}
