/**
 * The two stages of POST /v1/search under the request's deadline and shard-failure policy
 * (search-service.ts shapes the response). The first stage reads shards through a ShardGuard
 * that carries the deadline's signal to every GET; the rerank gets what is left of the deadline
 * as its own budget and is cut off at the deadline itself, so a request whose first stage
 * finished always answers with those results, `partial` when the rerank did not finish.
 */
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import type { RerankResult } from '../rerank/index.js';
import {
  CrossLingualSearcher,
  resolveFanOutLanguage,
  ShardGuard,
  type CrossLingualResult,
  type ResolvedLanguage,
  type SearchResult,
  type TranslatorSource,
} from '../search/index.js';
import { RESPONSE_RESERVE_MS, SHARD_WAIT_SHARE } from './constants.js';
import type { RequestDeadline } from './deadline.js';
import type { ApiLog } from './deps.js';
import { ApiError, clientMessage } from './errors.js';
import type { OpenIndex } from './indexes.js';
import type { ModelService } from './models.js';
import type { SearchRequest } from './schemas/search.js';

export interface FirstStage {
  first: SearchResult & Partial<CrossLingualResult>;
  language: ResolvedLanguage;
  psq: boolean;
  guard: ShardGuard;
}

export interface StageContext {
  models: ModelService;
  lexicons: () => Promise<TranslatorSource | undefined>;
  rerankDeadlineMs?: number;
  log?: ApiLog;
}

/** First-stage candidates of a request: enough to return top_k and to rerank `depth`. */
export function candidateCount(request: SearchRequest): number {
  return Math.max(request.top_k, request.rerank?.depth ?? 0);
}

/**
 * BM25, or PSQ when lexicons are configured and some document language differs from the
 * query's, over the shards the policy lets answer. Under "fail" a shard fault is a 503 naming
 * the shard; under "partial" so is the case where no shard answered at all.
 */
export async function runFirstStage(
  ctx: StageContext,
  request: SearchRequest,
  index: OpenIndex,
  docLangs: string[] | undefined,
  deadline: RequestDeadline,
): Promise<FirstStage> {
  const guard = new ShardGuard({
    mode: request.on_shard_failure,
    signal: deadline.signal,
    waitMs: () => deadline.remainingMs() * SHARD_WAIT_SHARE,
  });
  let stage: Omit<FirstStage, 'guard'>;
  try {
    stage = await deadline.race(search(ctx, request, index, docLangs, guard));
  } catch (error) {
    if (deadline.expired || guard.failedShards.length === 0) throw error;
    throw shardError(ctx.log, index, guard);
  }
  const failed = guard.failedShards;
  if (failed.length > 0) {
    if (failed.length === index.reader.shards.length) throw shardError(ctx.log, index, guard);
    ctx.log?.warn(`index ${index.name}: answered without shards ${failed.join(', ')} (partial)`, {
      causes: failed.map((s) => guard.failure(s)?.message),
    });
  }
  return { ...stage, guard };
}

async function search(
  ctx: StageContext,
  request: SearchRequest,
  index: OpenIndex,
  docLangs: string[] | undefined,
  guard: ShardGuard,
): Promise<Omit<FirstStage, 'guard'>> {
  const lexicons = await ctx.lexicons();
  const requestedLangs =
    docLangs ?? index.reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE);
  // Never a dead end: a language that cannot reach the documents falls back (fanout.ts).
  const language = await resolveFanOutLanguage(index.searcher, lexicons, request.query, {
    queryLang: request.query_lang,
    docLangs: requestedLangs,
    shards: guard,
  });
  const searchLangs = requestedLangs.filter((l) => !language.unreachable.includes(l));
  const options = {
    topK: candidateCount(request),
    queryLang: language.lang,
    includeText: request.rerank !== undefined || request.return_documents,
    shards: guard,
    ...(request.fusion ? { fusion: request.fusion } : {}),
    ...(docLangs || language.unreachable.length > 0 ? { docLangs: searchLangs } : {}),
  };
  const psq = lexicons !== undefined && searchLangs.some((l) => l !== language.lang);
  const first = psq
    ? await new CrossLingualSearcher(index.searcher, lexicons).search(request.query, options)
    : await index.searcher.search(request.query, options);
  return { first, language, psq };
}

/** 503 shard_unavailable: which shards of the index could not be read, and why (no locations). */
function shardError(log: ApiLog | undefined, index: OpenIndex, guard: ShardGuard): ApiError {
  const failed = guard.failedShards;
  const total = index.reader.shards.length;
  const cause = guard.failure(failed[0]!)?.message ?? 'unknown';
  log?.error(`index ${index.name}: shards ${failed.join(', ')} of ${total} failed: ${cause}`);
  const which =
    failed.length === total
      ? `no shard of index ${index.name} could be read`
      : `shard ${failed.join(', ')} of index ${index.name} (${total} shards) could not be read`;
  const advice =
    guard.mode === 'fail'
      ? '; on_shard_failure is "fail", so nothing is returned: send "partial" for the other shards\' results'
      : '';
  return new ApiError(503, 'shard_unavailable', `${which} (${clientMessage(cause)})${advice}`);
}

/** The rerank's outcome: its result, or none because the deadline came first. */
export interface RerankOutcome {
  reranked?: RerankResult;
  /** The deadline left no time for the rerank, or ran out during it. */
  cut: boolean;
}

/**
 * Reranks the first `depth` candidates in the time the request has left (and no more than the
 * server's XLIR_RERANK_DEADLINE_MS): the reranker plans its batches to finish in time and
 * returns `partial` results when they do not all fit; whatever it is doing at the deadline
 * (loading a model, a batch that ran long) is abandoned and the first stage's order stands.
 */
export async function rerankWithin(
  ctx: StageContext,
  request: SearchRequest,
  stage: FirstStage,
  deadline: RequestDeadline,
): Promise<RerankOutcome> {
  const rerank = request.rerank;
  if (!rerank || stage.first.hits.length === 0) return { cut: false };
  const budget = Math.min(deadline.remainingMs() - RESPONSE_RESERVE_MS, ctx.rerankDeadlineMs ?? Infinity);
  if (budget <= 0) return { cut: true };
  const work = (async () => {
    const reranker = await ctx.models.reranker();
    return reranker.rerank({
      query: request.query,
      queryLang: stage.language.lang,
      candidates: stage.first.hits.map((h) => ({
        docId: h.docId,
        lang: h.lang,
        text: h.text ?? '',
        bm25Score: h.score,
      })),
      depth: rerank.depth,
      model: rerank.model,
      ...(rerank.lambda !== undefined ? { lambda: rerank.lambda } : {}),
      deadlineMs: budget,
    });
  })();
  try {
    return { reranked: await deadline.race(work), cut: false };
  } catch (error) {
    if (!deadline.expired) throw error;
    return { cut: true };
  }
}
