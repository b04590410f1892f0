/** Defaults of a retrieval request, kept in one place with the reasons for them. */
import type { ShardFailureMode } from '../search/index.js';

/**
 * The time a request has, unless XLIR_REQUEST_DEADLINE_MS or the request's `deadline_ms` says
 * less. API Gateway ends a Lambda integration at 29 s with a bare 504 of its own and the
 * function's timeout is 29 s too; 10 s is far above a warm search (tens of ms, a rerank of 100
 * candidates a second or two on Lambda) and leaves room for a cold start's first index open and
 * model load inside the gateway's limit.
 */
export const DEFAULT_REQUEST_DEADLINE_MS = 10_000;

/**
 * What /v1/search does when a shard cannot be read, unless the request says `on_shard_failure`.
 * 'partial': the healthy shards' results, with `partial: true` and `meta.shards.failed` saying
 * how many shards are missing. A shard fault is nearly always one slow or throttled object-store
 * prefix and passes within seconds; answering from the rest keeps the service up through it
 * (Elasticsearch's allow_partial_search_results defaults the same way), and the response says
 * so in fields a client can check. A caller that must have every shard or nothing sends "fail"
 * and gets a 503 instead.
 */
export const DEFAULT_SHARD_FAILURE: ShardFailureMode = 'partial';

/**
 * Under on_shard_failure "partial", the share of the request's remaining time one round of
 * per-shard reads (postings, then stored documents) waits for its slowest shard before counting
 * it failed. Half: a hung shard costs at most half of what is left, and the other half stays for
 * the later rounds and the rerank. Healthy ranged GETs take milliseconds, so a shard cut at
 * seconds was not going to answer in time.
 */
export const SHARD_WAIT_SHARE = 0.5;

/**
 * Time kept back from the rerank's budget to shape and send the response: the reranker plans
 * its batches to end this much before the request's deadline.
 */
export const RESPONSE_RESERVE_MS = 50;

/**
 * How the first stage is chosen when a request does not say: PSQ when lexicons are configured and
 * some document language differs from the query's (the query must be translated to reach them),
 * else BM25 in the query's own language. `bm25` and `psq` force one.
 */
export const FIRST_STAGE_CHOICES = ['auto', 'bm25', 'psq'] as const;
export const DEFAULT_FIRST_STAGE = 'auto';
