/**
 * createApp: the Hono app of the API. Middleware, outermost first: request id; for /v1/*, the
 * usage record (written whatever the status, and before the response leaves, where billing.ts
 * settles the quota reservation), authentication and rate limit, then the body-size limit; then
 * the routes, whose bodies are checked against the zod schemas that also produce /openapi.json.
 * /v2/* and /rerank (rerank APIs of other vendors) are metered like /v1/*. Errors of any layer
 * leave as {"error": {type, message}}.
 */
import { lexiconGlosser } from '../rerank/index.js';
import { createLanguageDetector } from '../text/index.js';
import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { Gatekeeper, presentedKey } from './auth.js';
import { settleRequest } from './billing.js';
import { ANONYMOUS_KEY_ID, DEFAULT_INDEX_REFRESH_MS, ENV, MAX_BODY_BYTES } from './constants.js';
import type { ApiApp, ApiEnv, ApiState } from './context.js';
import { LocalCounters } from './counters.js';
import { ApiConfigError, consoleLog, type AppDeps } from './deps.js';
import { answerErrorsAsJson, errorResponse } from './error-handlers.js';
import { ApiError, toApiError } from './errors.js';
import { HealthBoard, watchIndexes } from './health.js';
import { IndexCatalog } from './indexes.js';
import { lexiconSource } from './lexicons.js';
import { mountDocs } from './docs.js';
import { ModelService } from './models.js';
import { registerPlayground } from './playground.js';
import { registerInfoRoutes } from './routes/info.js';
import { registerRankingRoutes } from './routes/ranking.js';
import { RERANK_PATHS } from './routes/rerank.js';
import { NO_TELEMETRY, observedStores, stageTelemetry } from './telemetry.js';

export const API_VERSION = '1.0.0';
const SEARCH_PATH = '/v1/search';
/** Routes recorded by name in usage; anything else is recorded as "unmatched" (bounded cardinality). */
const KNOWN_ROUTES = new Set(['/v1/search', '/v1/models', '/v1/indexes', '/v1/usage', ...RERANK_PATHS]);
/** Paths behind the usage record, authentication and body limit: /v1, and the other rerank APIs. */
const METERED_PATHS = ['/v1/*', '/v2/*', '/rerank'];

function validationMessage(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

function fromHttpException(error: HTTPException): ApiError {
  if (error.status === 413)
    return new ApiError(413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
  if (error.status === 415)
    return new ApiError(
      415,
      'unsupported_media_type',
      'send the body as JSON with Content-Type: application/json',
    );
  if (error.status === 400)
    return new ApiError(400, 'invalid_json', `${error.message}: the body must be a JSON object`);
  return new ApiError(500, 'internal_error', error.message);
}

function buildState(deps: AppDeps): ApiState {
  const log = deps.log ?? consoleLog;
  const now = deps.now ?? Date.now;
  const history = deps.usage.history?.bind(deps.usage);
  const counters = deps.counters ?? new LocalCounters(history);
  // Until it is read, reservations wait; if it cannot be, billed requests get 503, not free quota.
  counters.ready().catch((error: Error) => log.error(`usage history could not be read: ${error.message}`));
  const health = new HealthBoard(now, {
    models: deps.models.routingUri !== undefined,
    lexicons: deps.lexiconsDir !== undefined,
  });
  const lexicons = lexiconSource(deps.lexiconsDir, health);
  return {
    indexes: watchIndexes(
      new IndexCatalog(
        deps.indexes,
        deps.defaultIndex,
        deps.indexRefreshMs ?? DEFAULT_INDEX_REFRESH_MS,
        log,
        now,
        observedStores(deps.openIndexStore),
      ),
      health,
    ),
    models: new ModelService(deps.models, {
      health,
      log,
      ...(deps.lexiconsDir !== undefined ? { glosser: lexiconGlosser(lexicons) } : {}),
    }),
    lexicons,
    detector: deps.detector ?? (() => createLanguageDetector()),
    health,
    ...(deps.rerankDeadlineMs !== undefined ? { rerankDeadlineMs: deps.rerankDeadlineMs } : {}),
    ...(deps.requestDeadlineMs !== undefined ? { requestDeadlineMs: deps.requestDeadlineMs } : {}),
    gatekeeper: new Gatekeeper(deps.auth, now, deps.rateLimiter),
    counters,
    usage: deps.usage,
    log,
    now,
  };
}

/** The API as a Hono app: `app.fetch` serves it (node-server locally, a Lambda adapter on AWS). */
export function createApp(deps: AppDeps): ApiApp {
  const readUpstreamKeyId = deps.upstreamKeyId;
  if (deps.auth.mode === 'gateway' && !readUpstreamKeyId) {
    throw new ApiConfigError(
      `${ENV.auth}=gateway needs a host that reads the key id its API gateway validated (the Lambda handler does); use on or off for a server without one`,
    );
  }
  const state = buildState(deps);
  const app: ApiApp = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return errorResponse(c, new ApiError(422, 'validation_error', validationMessage(result.error)));
      }
      return undefined;
    },
  });

  answerErrorsAsJson(
    app,
    (error) => (error instanceof HTTPException ? fromHttpException(error) : toApiError(error)),
    state.log,
  );

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
  });

  const meter: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const arrived = state.now();
    const started = performance.now();
    c.set('caller', { keyId: ANONYMOUS_KEY_ID });
    // Handlers' errors never reach here (Hono answers them with onError); admission's do.
    let refused: Response | undefined;
    try {
      c.set(
        'caller',
        await state.gatekeeper.admit({
          presentedKey: presentedKey(c.req.header('authorization'), c.req.header('x-api-key')),
          upstreamKeyId: readUpstreamKeyId?.(c),
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refused = errorResponse(c, error);
    }
    if (!refused) await next();
    const route = KNOWN_ROUTES.has(c.req.path) ? c.req.path : 'unmatched';
    return settleRequest(c, state, { arrived, started, route, ...(refused ? { refused } : {}) });
  };
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
    },
  });
  for (const path of METERED_PATHS) app.use(path, meter, limitBody);
  // Stage timings, storage GETs and trace segments of the routes that do the work.
  const stages = stageTelemetry(deps.telemetry ?? NO_TELEMETRY, SEARCH_PATH);
  for (const path of [SEARCH_PATH, ...RERANK_PATHS]) app.use(path, stages);

  registerRankingRoutes(app, state);
  registerInfoRoutes(app, state);
  registerPlayground(app, state);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `xlir api-key create`; X-API-Key: KEY works too',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'xlir',
      version: API_VERSION,
      description:
        'Cross-lingual retrieval: BM25/PSQ first stage and cross-encoder reranking. Unknown request fields are rejected with 422.',
    },
  });
  mountDocs(app);
  return app;
}
