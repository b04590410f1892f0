/**
 * Every error leaves the API as {"error": {"type", "message"}} with its HTTP status. Errors of
 * the engine modules are mapped here once, by class, so a handler never picks a status itself.
 */
import { IndexCorruptError, IndexNotFoundError } from '../index/index.js';
import { RerankModelError, RerankRequestError, RoutingError } from '../rerank/index.js';
import { MissingLexiconError, QueryError } from '../search/index.js';
import { InvalidStoreUriError, ObjectNotFoundError, StorageError } from '../storage/index.js';
import { InvalidLanguageTagError } from '../text/index.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 422 | 429 | 500 | 503;

export type ErrorType =
  | 'invalid_json'
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_error'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'internal_error'
  | 'unavailable';

export interface ErrorBody {
  error: { type: ErrorType; message: string };
}

/** An error with the status and type the client sees; `headers` go out with it (Retry-After). */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly type: ErrorType,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return { error: { type: this.type, message: this.message } };
  }
}

/** Errors a caller can fix by changing the request. */
const CALLER_ERRORS = [QueryError, RerankRequestError, InvalidLanguageTagError, MissingLexiconError];
/** The service cannot answer right now: an index or model that is missing, broken or unreachable. */
const UNAVAILABLE_ERRORS = [
  IndexNotFoundError,
  IndexCorruptError,
  ObjectNotFoundError,
  StorageError,
  InvalidStoreUriError,
  RerankModelError,
  RoutingError,
];

/** The ApiError for anything thrown while answering; undefined for bugs (answered as 500). */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (CALLER_ERRORS.some((c) => error instanceof c)) {
    return new ApiError(400, 'invalid_request', oneLine((error as Error).message));
  }
  if (UNAVAILABLE_ERRORS.some((c) => error instanceof c)) {
    return new ApiError(503, 'unavailable', oneLine((error as Error).message));
  }
  return undefined;
}

export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
