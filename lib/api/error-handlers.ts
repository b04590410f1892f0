/**
 * How an app answers what went wrong, shared by the Lambda API (app.ts) and the edge Worker
 * (functions/edge): every error leaves as ErrorBody JSON with its status and headers; an error no
 * class maps (a bug) is logged with its stack and answered 500 naming the request id; an unknown
 * route is a 404. Runtime-neutral.
 */
import type { Context, Env, Hono } from 'hono';
import type { ApiLog } from './deps.js';
import { ApiError, oneLine, type ErrorBody } from './errors.js';

type WithRequestId = { Variables: { requestId: string } };

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json<ErrorBody>(error.body(), error.status);
}

/** Installs onError and notFound; `toError` maps what it knows, undefined for a bug. */
export function answerErrorsAsJson<E extends Env>(
  app: Hono<E>,
  toError: (error: unknown) => ApiError | undefined,
  log: Pick<ApiLog, 'error'>,
): void {
  app.onError((error, c) => {
    const api = toError(error);
    if (api) return errorResponse(c, api);
    const requestId = (c as unknown as Context<WithRequestId>).get('requestId');
    log.error(`internal error on ${c.req.method} ${c.req.path}: ${oneLine(String(error))}`, {
      request_id: requestId,
      stack: (error as Error).stack,
    });
    return errorResponse(c, new ApiError(500, 'internal_error', `internal error (request ${requestId})`));
  });
  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not_found', `no route ${c.req.method} ${c.req.path}`)),
  );
}
