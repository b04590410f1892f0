/** GET /v1/models, /v1/indexes, /v1/usage and /healthz. */
import { createRoute, type z } from '@hono/zod-openapi';
import type { ApiApp, ApiState } from '../context.js';
import { type RequestDeadline, startRequestDeadline, withinDeadline } from '../../retrieve/index.js';
import { clientMessage } from '../errors.js';
import { COMMON_ERRORS, SECURITY } from '../schemas/common.js';
import {
  HealthResponseSchema,
  IndexesResponseSchema,
  ModelsResponseSchema,
  UsageResponseSchema,
  type IndexInfo,
} from '../schemas/info.js';
import { periodOf } from '../usage.js';

const json = <T>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A GET route that needs an API key, answering 200 with `schema` or one of the common errors. */
const authenticatedGet = <T extends z.ZodType>(
  path: string,
  summary: string,
  schema: T,
  description: string,
) =>
  createRoute({
    method: 'get',
    path,
    summary,
    security: SECURITY,
    responses: { 200: json(schema, description), ...COMMON_ERRORS },
  });

const modelsRoute = authenticatedGet(
  '/v1/models',
  'Rerank model variants and how requests are routed to them',
  ModelsResponseSchema,
  'Models, or why there are none',
);
const indexesRoute = authenticatedGet(
  '/v1/indexes',
  'The indexes this server searches, with their current build',
  IndexesResponseSchema,
  'Indexes',
);
const usageRoute = authenticatedGet(
  '/v1/usage',
  "The calling key's usage this month, its quota and rate limit",
  UsageResponseSchema,
  'Usage of the caller',
);

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Each index, the models and the lexicons as the last request found them; no API key needed',
  responses: {
    200: json(HealthResponseSchema, 'Something can serve (status ok or degraded)'),
    503: json(HealthResponseSchema, 'Nothing can serve: no index opens and no model loads'),
  },
});

async function describeIndex(state: ApiState, name: string, deadline: RequestDeadline): Promise<IndexInfo> {
  const base = { name, default: name === state.indexes.defaultName };
  try {
    // One index that cannot open in time is reported as unavailable; the others still answer.
    const { reader } = await deadline.race(state.indexes.get(name));
    const m = reader.manifest;
    return {
      ...base,
      available: true,
      reason: null,
      build_id: m.buildId,
      created_at: m.createdAt,
      doc_count: m.docCount,
      shards: m.shards.length,
      languages: m.langDocCounts,
    };
  } catch (error) {
    return {
      ...base,
      available: false,
      reason: clientMessage((error as Error).message),
      build_id: null,
      created_at: null,
      doc_count: null,
      shards: null,
      languages: null,
    };
  }
}

export function registerInfoRoutes(app: ApiApp, state: ApiState): void {
  app.openapi(modelsRoute, async (c) =>
    c.json(await withinDeadline(state.requestDeadlineMs, () => state.models.describe()), 200),
  );

  app.openapi(indexesRoute, async (c) => {
    const deadline = startRequestDeadline(state.requestDeadlineMs);
    try {
      const indexes = await Promise.all(
        state.indexes.names().map((name) => describeIndex(state, name, deadline)),
      );
      return c.json({ indexes }, 200);
    } finally {
      deadline.dispose();
    }
  });

  app.openapi(usageRoute, async (c) => {
    const caller = c.get('caller');
    const usage = await withinDeadline(state.requestDeadlineMs, () =>
      state.counters.usage(caller.keyId, periodOf(state.now())),
    );
    return c.json(
      {
        key_id: caller.keyId,
        period: usage.period,
        requests: usage.requests,
        search_units: usage.searchUnits,
        documents_reranked: usage.documentsReranked,
        tokens: usage.tokens,
        quota: caller.key
          ? { search_units: caller.key.quota, remaining: Math.max(0, caller.key.quota - usage.searchUnits) }
          : null,
        rate_limit: caller.key ? { per_minute: caller.key.rate_per_minute } : null,
      },
      200,
    );
  });

  app.openapi(healthRoute, (c) => {
    const { status, indexes, models, lexicons } = state.health.report(state.indexes.names());
    const body = {
      status,
      auth: state.gatekeeper.enabled ? ('on' as const) : ('off' as const),
      reranking: state.models.available,
      indexes,
      models,
      lexicons,
    };
    return status === 'unavailable' ? c.json(body, 503) : c.json(body, 200);
  });
}
