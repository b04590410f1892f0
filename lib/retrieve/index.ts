/**
 * Public surface of lib/retrieve: the one pipeline every front end runs a query through
 * (language → first stage → rerank → fusion, under a deadline). Runtime-neutral: it imports
 * lib/rerank's contract only, so the edge Worker runs it with a remote reranker.
 */
export {
  DEFAULT_FIRST_STAGE,
  DEFAULT_REQUEST_DEADLINE_MS,
  DEFAULT_SHARD_FAILURE,
  FIRST_STAGE_CHOICES,
  RESPONSE_RESERVE_MS,
  SHARD_WAIT_SHARE,
} from './constants.js';
export {
  DeadlineExceededError,
  RequestDeadline,
  requestDeadlineMs,
  startRequestDeadline,
  withinDeadline,
} from './deadline.js';
export { RetrieveRequestError, ShardUnavailableError } from './errors.js';
export { candidateCount, chooseFirstStage, documentLanguages } from './first-stage.js';
export { retrieve } from './retrieve.js';
export {
  RemoteReranker,
  RemoteRerankError,
  type RemoteRerankBody,
  type RemoteRerankerOptions,
  type XlirRerankAnswer,
  type XlirRerankHints,
} from './remote-reranker.js';
export type {
  FirstStageChoice,
  FirstStageMethod,
  RerankBackend,
  RetrievedHit,
  Retrieval,
  RetrieveLog,
  RetrieveRequest,
  RetrieveRerank,
  RetrieveSources,
} from './types.js';
