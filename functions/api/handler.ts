/**
 * The API on Lambda: lib/api's Hono app behind Hono's aws-lambda adapter,
 * which takes API Gateway REST (v1) and HTTP API (v2) events alike. With
 * XLIR_AUTH=gateway the caller is the API key id API Gateway validated.
 *
 * Configuration, indexes and the routing table are set up once per container:
 * the work starts when the module loads (Lambda's init phase) and every
 * invocation awaits the same promise. A failed start is forgotten, so the next
 * invocation retries instead of the container failing forever.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle, type APIGatewayProxyResult, type LambdaEvent } from 'hono/aws-lambda';
import {
  appDepsFromEnv,
  createApp,
  METRICS_NAMESPACE,
  SERVICE_NAME,
  type ApiLog,
  type ErrorBody,
  type UpstreamKeyIdReader,
} from '../../lib/api/index.js';
import { PowertoolsTelemetry } from '../../lib/api/telemetry-aws.js';
import { createLanguageDetector } from '../../lib/text/index.js';
import { warmUp, WarmUpUsageFilter } from './warm-up.js';

export type ApiGatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;
type ServeEvent = ReturnType<typeof handle>;

const logger = new Logger({ serviceName: SERVICE_NAME });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
/**
 * X-Ray segments of the first stage, the rerank and storage GETs (off outside Lambda). HTTP calls
 * are not captured on their own: every S3 GET would be a segment, retries included, with no bound
 * per request, where the app's storage segments are bounded (lib/api's MAX_TRACED_GETS).
 */
const tracer = new Tracer({ serviceName: SERVICE_NAME, captureHTTPsRequests: false });
/** Per-request stage figures (first_stage_ms, rerank_ms, storage_gets), one EMF blob each. */
const telemetry = new PowertoolsTelemetry(
  tracer,
  new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
);

/** The app logs through the handler's Logger, so its lines carry the request ids too. */
const apiLog: ApiLog = {
  info: (message, fields) => logger.info(message, fields ?? {}),
  warn: (message, fields) => logger.warn(message, fields ?? {}),
  error: (message, fields) => logger.error(message, fields ?? {}),
};

/**
 * The part of c.env (hono/aws-lambda passes `{event, requestContext, lambdaContext}`) that gateway
 * auth reads. Only REST API (v1) events have `identity`; HTTP API (v2) events have no API keys.
 */
interface GatewayKeyBindings {
  event?: { requestContext?: { identity?: { apiKeyId?: string | null } | null } };
}

/** The id of the API key API Gateway checked against the usage plan; undefined when it sent none. */
export const gatewayApiKeyId: UpstreamKeyIdReader = (c) =>
  (c.env as GatewayKeyBindings | undefined)?.event?.requestContext?.identity?.apiKeyId || undefined;

/**
 * Warm-up requests come from the container, not through the gateway: in gateway mode they need a
 * key id to be admitted and open the indexes. Their usage is muted, so no one is billed.
 */
const WARM_UP_BINDINGS: GatewayKeyBindings = {
  event: { requestContext: { identity: { apiKeyId: 'warm-up' } } },
};

async function start(): Promise<ServeEvent> {
  const started = performance.now();
  // Queries without query_lang need language identification: load its table in the init phase.
  const [deps] = await Promise.all([appDepsFromEnv(process.env, apiLog), createLanguageDetector()]);
  const usage = new WarmUpUsageFilter(deps.usage);
  const app = createApp({ ...deps, usage, upstreamKeyId: gatewayApiKeyId, telemetry });
  await warmUp(app, usage, apiLog, WARM_UP_BINDINGS);
  // Lexicons (XLIR_LEXICONS, a pack in S3 when deployed) open on the first cross-lingual query.
  logger.info('api ready', {
    coldStartMs: Math.round(performance.now() - started),
    indexes: deps.indexes,
    lexicons: deps.lexiconsDir ?? 'none: queries are not translated',
  });
  return handle(app);
}

let serving: Promise<ServeEvent> | undefined;

function ready(): Promise<ServeEvent> {
  if (!serving) {
    const attempt = start();
    serving = attempt;
    attempt.catch((error: unknown) => {
      logger.error('api start failed; the next request retries', { error: error as Error });
      if (serving === attempt) serving = undefined;
    });
  }
  return serving;
}

// Begin during the init phase, which has the CPU to itself before the first request arrives.
ready();

export async function handler(event: ApiGatewayEvent, context: Context): Promise<APIGatewayProxyResult> {
  logger.addContext(context);
  logger.appendKeys({ apiRequestId: event.requestContext.requestId });
  // Emitted at once as its own EMF blob, and only on a container's first invocation.
  metrics.captureColdStartMetric();
  const started = performance.now();
  const closeSegment = openInvocationSegment();
  try {
    let serve: ServeEvent;
    try {
      serve = await ready();
    } catch {
      return notStarted(context.awsRequestId);
    }
    // The adapter declares its own copies of the event types, stricter about fields it never
    // reads (e.g. a v2 authorizer); it tells v1 from v2 by rawPath and requestContext.http.
    const response = await serve(event as unknown as LambdaEvent, context);
    const fields = { status: response.statusCode, latencyMs: Math.round(performance.now() - started) };
    if (response.statusCode >= 500) logger.error('request failed', fields);
    else logger.debug('request served', fields);
    return response;
  } finally {
    closeSegment();
    logger.resetKeys();
  }
}

/**
 * The invocation's own X-Ray subsegment, under the one Lambda opens, so the app's stage segments
 * hang below it; returns what closes it. Nothing when tracing is off (outside Lambda).
 */
function openInvocationSegment(): () => void {
  if (!tracer.isTracingEnabled()) return () => {};
  const parent = tracer.getSegment();
  if (!parent) return () => {};
  const segment = parent.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
  tracer.setSegment(segment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  return () => {
    segment.close();
    tracer.setSegment(parent);
  };
}

/** The app's error shape, without the cause: configuration details belong in the logs. */
function notStarted(requestId: string): APIGatewayProxyResult {
  const body: ErrorBody = {
    error: {
      type: 'unavailable',
      message: `the API could not start (request ${requestId}); try again later`,
    },
  };
  return {
    statusCode: 503,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}
