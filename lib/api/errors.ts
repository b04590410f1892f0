/**
 * Every error leaves the API as {"error": {"type", "message"}} with its HTTP status. Errors of
 * the engine modules are mapped here once, by class, so a handler never picks a status itself.
 */
import { IndexCorruptError, IndexNotFoundError } from '../index/index.js';
// The runtime-neutral entries (no onnxruntime, nothing from `node:`): the edge Worker maps errors here too.
import { LexiconPackError } from '../lexicon/pack/errors.js';
import { RerankModelError, RerankRequestError, RoutingError } from '../rerank/contract.js';
import { MissingLexiconError, QueryError } from '../search/index.js';
import { InvalidStoreUriError, ObjectNotFoundError, StorageError } from '../storage/index.js';
import { InvalidLanguageTagError } from '../text/index.js';
import { DeadlineExceededError, RetrieveRequestError, ShardUnavailableError } from '../retrieve/index.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 422 | 429 | 500 | 503 | 504;

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
  | 'unavailable'
  | 'shard_unavailable'
  | 'deadline_exceeded';

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
const CALLER_ERRORS = [
  QueryError,
  RerankRequestError,
  InvalidLanguageTagError,
  MissingLexiconError,
  RetrieveRequestError,
];
/**
 * The service cannot answer right now: an index, lexicon pack or model that is missing, broken or
 * unreachable.
 */
const UNAVAILABLE_ERRORS = [
  IndexNotFoundError,
  IndexCorruptError,
  LexiconPackError,
  ObjectNotFoundError,
  StorageError,
  InvalidStoreUriError,
  RerankModelError,
  RoutingError,
];

/** The ApiError for anything thrown while answering; undefined for bugs (answered as 500). */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof DeadlineExceededError) return new ApiError(504, 'deadline_exceeded', error.message);
  if (error instanceof ShardUnavailableError) {
    return new ApiError(503, 'shard_unavailable', clientMessage(error.message));
  }
  if (CALLER_ERRORS.some((c) => error instanceof c)) {
    return new ApiError(400, 'invalid_request', clientMessage((error as Error).message));
  }
  if (UNAVAILABLE_ERRORS.some((c) => error instanceof c)) {
    return new ApiError(503, 'unavailable', clientMessage((error as Error).message));
  }
  return undefined;
}

/** Stands for a location on the server that an engine message named. */
export const SERVER_LOCATION = '<server location>';

/** URIs with a scheme (file://, s3://, https://…). */
const URI_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`,;)]*/gi;
/** Absolute POSIX paths, at the start or after a space, quote, bracket or "=". */
const POSIX_PATH_RE = /(^|[\s'"`(=])\/[^\s'"`,;)]+/g;
/** Absolute Windows paths. */
const WINDOWS_PATH_RE = /\b[a-z]:\\[^\s'"`,;)]*/gi;
/** "in <location>" and the like add nothing once the location is gone. */
const LOCATION_PHRASE_RE = new RegExp(`\\s+(?:in|at|from|under|of)\\s+${SERVER_LOCATION}`, 'g');

/**
 * An engine error's message as a client may see it: one line, with every server path and URI
 * (lexicon folders, index stores) taken out. Engine messages are written for operators, who
 * read the full text in the log; clients learn what to change, not where the server keeps it.
 */
export function clientMessage(message: string): string {
  return oneLine(message)
    .replace(URI_RE, SERVER_LOCATION)
    .replace(WINDOWS_PATH_RE, SERVER_LOCATION)
    .replace(POSIX_PATH_RE, `$1${SERVER_LOCATION}`)
    .replace(LOCATION_PHRASE_RE, '');
}

export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
