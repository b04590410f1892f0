/**
 * The edge Worker's HTTP API: POST /v1/search and GET /healthz on Hono, with the Lambda API's
 * request and response schema (lib/api/schemas/search.ts) and its search path itself (lib/api's
 * runSearch over lib/retrieve), so a query gets the same ranking and the same body from either.
 * Per /v1 request, outermost first: a request id, the usage record (written whatever the
 * outcome), admission by API key (lib/api's Gatekeeper, keys digested with Web Crypto), the body
 * limit, JSON and schema checks, the search. Every error leaves as lib/api's
 * {"error": {type, message}}, never naming a store, bucket or path.
 *
 * Not here: quotas (the edge has no shared counters; the usage records are what bills), the
 * rerank routes, /v1/models and /v1/indexes, the playground and the OpenAPI document.
 */
import { Hono, type Context } from 'hono';
import {
  Gatekeeper,
  presentedKey,
  type Caller,
  ANONYMOUS_KEY_ID,
  MAX_BODY_BYTES,
  type ApiLog,
  ApiError,
  answerErrorsAsJson,
  errorResponse,
  clientMessage,
  oneLine,
  toApiError,
  SearchRequestSchema,
  runSearch,
  type Consumption,
  type SearchModels,
} from '../../lib/api/portable.js';
import { RemoteRerankError } from '../../lib/retrieve/index.js';
import { EdgeConfigError, type EdgeConfig } from './config.js';
import { EDGE_ENV, HEALTH_PATH, SEARCH_PATH, UNMATCHED_ROUTE } from './constants.js';
import type { EdgeSources } from './sources.js';
import type { EdgeUsageSink } from './usage.js';

export interface EdgeAppDeps {
  /** The Worker's configuration, or what is wrong with it: then every request is a 503 saying so. */
  config: EdgeConfig | EdgeConfigError;
  /** Required with a valid config. */
  sources?: EdgeSources;
  usage: EdgeUsageSink;
  log: ApiLog;
  now?: () => number;
}

interface EdgeVariables {
  requestId: string;
  caller: Caller;
  consumption?: Consumption;
}

export type EdgeApp = Hono<{ Variables: EdgeVariables }>;
type EdgeContext = Context<{ Variables: EdgeVariables }>;

/** As lib/api's app.ts words a schema failure: the first five issues, each at its field. */
function validationMessage(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/** Engine and edge errors in the API's terms; undefined for bugs (a 500). */
function edgeApiError(error: unknown): ApiError | undefined {
  if (error instanceof EdgeConfigError) {
    return new ApiError(503, 'unavailable', `this Worker is not configured: ${error.message}`);
  }
  if (error instanceof RemoteRerankError) {
    return new ApiError(
      error.status,
      error.status === 404 ? 'not_found' : 'invalid_request',
      clientMessage(error.message),
    );
  }
  return toApiError(error);
}

/** The body as the search schema wants it: JSON of at most MAX_BODY_BYTES, or a 4xx saying what is wrong. */
async function searchBody(c: EdgeContext): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'send the body as JSON with Content-Type: application/json',
    );
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  const tooLarge = new ApiError(413, 'payload_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
  if (declared > MAX_BODY_BYTES) throw tooLarge;
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'Malformed JSON in request body: the body must be a JSON object');
  }
}

/** The remote reranker as runSearch asks for models; a 503 naming what to set when there is none. */
function edgeModels(sources: EdgeSources): SearchModels {
  return {
    // Model ids are the rerank API's; an unknown one comes back from it as a 404.
    checkModel: () => Promise.resolve(),
    reranker: () =>
      sources.reranker
        ? Promise.resolve(sources.reranker)
        : Promise.reject(
            new ApiError(
              503,
              'unavailable',
              `reranking is not available on this Worker: set ${EDGE_ENV.rerankUrl} and the secret ${EDGE_ENV.rerankKey}`,
            ),
          ),
  };
}

export function createEdgeApp(deps: EdgeAppDeps): EdgeApp {
  const { config, log, usage } = deps;
  const now = deps.now ?? Date.now;
  const ready = config instanceof EdgeConfigError ? undefined : { config, sources: deps.sources! };
  if (ready && !deps.sources) throw new Error('createEdgeApp: a valid config needs its sources');
  const gatekeeper = ready
    ? new Gatekeeper(ready.config.keys ? { mode: 'keys', keys: ready.config.keys } : { mode: 'off' }, now)
    : undefined;
  const app: EdgeApp = new Hono<{ Variables: EdgeVariables }>();

  answerErrorsAsJson(app, edgeApiError, log);

  app.use('*', async (c, next) => {
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('caller', { keyId: ANONYMOUS_KEY_ID });
    await next();
    c.header('X-Request-Id', requestId);
  });

  // One usage record per /v1 request, whatever its outcome; admission's refusals included.
  app.use('/v1/*', async (c, next) => {
    const arrived = now();
    const started = performance.now();
    let refused: Response | undefined;
    try {
      if (!ready) throw config;
      c.set(
        'caller',
        await gatekeeper!.admit({
          presentedKey: presentedKey(c.req.header('authorization'), c.req.header('x-api-key')),
        }),
      );
    } catch (error) {
      const api = edgeApiError(error);
      if (!api) throw error;
      refused = errorResponse(c, api);
    }
    if (!refused) await next();
    const status = refused?.status ?? c.res.status;
    const consumption = c.get('consumption');
    const billed = status < 400 ? (consumption?.billedUnits ?? 0) : 0;
    try {
      await usage.record({
        ts: new Date(arrived).toISOString(),
        request_id: c.get('requestId'),
        key_id: c.get('caller').keyId,
        method: c.req.method,
        route: c.req.path === SEARCH_PATH ? SEARCH_PATH : UNMATCHED_ROUTE,
        status,
        billed_units: billed,
        documents_reranked: status < 400 ? (consumption?.documentsReranked ?? 0) : 0,
        tokens: status < 400 ? (consumption?.tokens ?? 0) : 0,
        latency_ms: Math.round((performance.now() - started) * 100) / 100,
      });
    } catch (error) {
      log.error(`usage record could not be written (${usage.description}): ${oneLine(String(error))}`, {
        request_id: c.get('requestId'),
      });
      // As lib/api: an answer that would be billed is not given when its record is lost.
      if (billed > 0) {
        const lost = new ApiError(
          503,
          'unavailable',
          `usage accounting is unavailable, so this request was not served and not billed (request ${c.get('requestId')}); try again`,
        );
        // Unset first: assigning over a response would copy its headers (a length) onto this one.
        c.res = undefined;
        c.res = new Response(JSON.stringify(lost.body()), {
          status: lost.status,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return refused;
  });

  app.post(SEARCH_PATH, async (c) => {
    const parsed = SearchRequestSchema.safeParse(await searchBody(c));
    if (!parsed.success) {
      return errorResponse(c, new ApiError(422, 'validation_error', validationMessage(parsed.error.issues)));
    }
    const { config: edge, sources } = ready!;
    const { body, consumption } = await runSearch(
      {
        indexes: sources.indexes,
        models: edgeModels(sources),
        lexicons: sources.lexicons,
        detector: sources.detector,
        ...(edge.rerankDeadlineMs !== undefined ? { rerankDeadlineMs: edge.rerankDeadlineMs } : {}),
        ...(edge.requestDeadlineMs !== undefined ? { requestDeadlineMs: edge.requestDeadlineMs } : {}),
        log,
      },
      parsed.data,
    );
    c.set('consumption', consumption);
    return c.json(body, 200);
  });

  app.get(HEALTH_PATH, (c) => {
    if (!ready) throw config;
    const { status, indexes, models, lexicons } = ready.sources.health.report([ready.config.indexName]);
    const body = {
      status,
      auth: ready.config.keys ? ('on' as const) : ('off' as const),
      reranking: ready.config.rerank !== undefined,
      indexes,
      models,
      lexicons,
    };
    return c.json(body, status === 'unavailable' ? 503 : 200);
  });

  return app;
}
