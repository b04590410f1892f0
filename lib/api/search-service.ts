/**
 * POST /v1/search: lib/search's first stage (BM25, or PSQ fan-out when lexicons are configured
 * and the document languages differ from the query's), then lib/rerank's cross-encoders on the
 * first `depth` candidates, all under one request deadline (search-stages.ts runs the stages
 * under it and the shard-failure policy). This file only wires them and shapes the response.
 * The query language is given, detected, or (where neither reaches the documents) a fallback
 * the response explains.
 */
import type { RerankResult } from '../rerank/index.js';
import type { ResolvedLanguage, SearchHit } from '../search/index.js';
import { canonicalLanguage } from '../text/index.js';
import { DOCUMENTS_PER_SEARCH_UNIT } from './constants.js';
import { type RequestDeadline, startRequestDeadline } from './deadline.js';
import { ApiError } from './errors.js';
import type { IndexCatalog, OpenIndex } from './indexes.js';
import type { SearchHitBody, SearchRequest, SearchResponse } from './schemas/search.js';
import {
  candidateCount,
  rerankWithin,
  runFirstStage,
  type FirstStage,
  type RerankOutcome,
  type StageContext,
} from './search-stages.js';

export interface SearchContext extends StageContext {
  indexes: IndexCatalog;
  /** The server's request deadline (XLIR_REQUEST_DEADLINE_MS); default DEFAULT_REQUEST_DEADLINE_MS. */
  requestDeadlineMs?: number;
}

/** What a request consumed, for the usage record. */
export interface Consumption {
  billedUnits: number;
  documentsReranked: number;
  tokens: number;
}

/** One unit per started block of DOCUMENTS_PER_SEARCH_UNIT documents returned or reranked. */
export function searchUnits(documents: number): number {
  return Math.max(1, Math.ceil(documents / DOCUMENTS_PER_SEARCH_UNIT));
}

export function searchRequestUnits(request: SearchRequest): number {
  return searchUnits(candidateCount(request));
}

/** The response's account of the query language: what was used, how it was chosen, and why. */
function queryLanguageMeta(language: ResolvedLanguage): Omit<SearchResponse['meta']['query'], 'terms'> {
  const detected = language.source === 'detected' || language.detectedConfidence !== undefined;
  return {
    lang: language.lang,
    lang_source: language.source ?? 'given',
    lang_reason: language.fallbackReason ?? null,
    detected,
    detected_lang: language.source === 'detected' ? language.lang : (language.detectedLang ?? null),
    confidence: detected ? (language.detectedConfidence ?? 0) : null,
  };
}

function documentLanguages(index: OpenIndex, requested: readonly string[] | undefined): string[] | undefined {
  if (requested === undefined) return undefined;
  const langs = [...new Set(requested.map((l) => canonicalLanguage(l)))];
  const present = index.reader.manifest.languages;
  const missing = langs.filter((l) => !present.includes(l));
  if (missing.length > 0) {
    throw new ApiError(
      400,
      'invalid_request',
      `index ${index.name} has no documents in ${missing.join(', ')}; its languages: ${present.join(', ')}`,
    );
  }
  return langs;
}

/**
 * One search under one deadline: the server's, or the request's `deadline_ms` when shorter.
 * Past it, a request answers 504 deadline_exceeded unless its first stage has finished, in which
 * case it answers with those results and `partial: true`.
 */
export async function runSearch(
  ctx: SearchContext,
  request: SearchRequest,
): Promise<{ body: SearchResponse; consumption: Consumption }> {
  const deadline = startRequestDeadline(ctx.requestDeadlineMs, request.deadline_ms);
  try {
    return await searchWithin(ctx, request, deadline);
  } catch (error) {
    // Past the deadline, whatever surfaced (an aborted GET, a model load cut short) is the deadline.
    if (deadline.expired) throw deadline.signal.reason;
    throw error;
  } finally {
    deadline.dispose();
  }
}

async function searchWithin(
  ctx: SearchContext,
  request: SearchRequest,
  deadline: RequestDeadline,
): Promise<{ body: SearchResponse; consumption: Consumption }> {
  const started = performance.now();
  // With a build in memory this never waits (a check for a new one runs in the background).
  const index = await deadline.race(ctx.indexes.get(request.index, deadline.signal));
  const docLangs = documentLanguages(index, request.doc_langs);
  if (request.rerank) await deadline.race(ctx.models.checkModel(request.rerank.model));
  const stage = await runFirstStage(ctx, request, index, docLangs, deadline);
  const firstStageMs = performance.now() - started;
  const rerank = await rerankWithin(ctx, request, stage, deadline);
  return respond(request, index, stage, rerank, deadline, {
    firstStageMs,
    totalMs: performance.now() - started,
  });
}

function respond(
  request: SearchRequest,
  index: OpenIndex,
  { first, language, psq, guard }: FirstStage,
  { reranked, cut }: RerankOutcome,
  deadline: RequestDeadline,
  timings: { firstStageMs: number; totalMs: number },
): { body: SearchResponse; consumption: Consumption } {
  const results = (
    reranked
      ? rerankedHits(first.hits, reranked, request.return_documents)
      : firstStageHits(first.hits, request.return_documents)
  ).slice(0, request.top_k);
  const failedShards = guard.failedShards.length;
  const partialReasons: SearchResponse['meta']['partial_reasons'] = [
    ...(failedShards > 0 ? (['shard_failure'] as const) : []),
    ...(cut || reranked?.partial ? (['rerank_deadline'] as const) : []),
  ];

  const units = searchRequestUnits(request);
  const body: SearchResponse = {
    results,
    meta: {
      index: {
        name: index.name,
        build_id: index.reader.manifest.buildId,
        doc_count: index.reader.manifest.docCount,
      },
      query: { ...queryLanguageMeta(language), terms: first.query.terms },
      first_stage: {
        method: psq ? 'psq' : 'bm25',
        fusion: first.fusion ?? null,
        unreachable_langs: language.unreachable,
        languages: first.languages ?? [],
      },
      reranked: reranked !== undefined,
      partial: partialReasons.length > 0,
      partial_reasons: partialReasons,
      rerank: reranked
        ? {
            depth: reranked.counts.depth,
            scored: reranked.counts.scored,
            unscored: reranked.counts.unscored,
            strategy: reranked.strategy,
            lambda: reranked.lambda,
            tokens: reranked.tokens,
            models: reranked.models.map((m) => ({
              doc_lang: m.docLang,
              model: m.model,
              rule: m.rule,
              reason: m.reason,
            })),
          }
        : null,
      empty_reason: first.emptyReason ?? null,
      // Under on_shard_failure "partial", results come from the other shards and `partial` says so.
      shards: { searched: first.shardsSearched, failed: failedShards, policy: guard.mode },
      deadline_ms: deadline.ms,
      timings_ms: {
        first_stage: round(timings.firstStageMs),
        rerank: reranked
          ? {
              load: round(reranked.timing.loadMs),
              tokenize: round(reranked.timing.tokenizeMs),
              inference: round(reranked.timing.inferenceMs),
              total: round(reranked.timing.totalMs),
            }
          : null,
        total: round(timings.totalMs),
      },
      billed_units: { search_units: units },
    },
  };
  return {
    body,
    consumption: {
      billedUnits: units,
      documentsReranked: reranked?.counts.scored ?? 0,
      tokens: reranked?.tokens ?? 0,
    },
  };
}

function documentFields(hit: SearchHit, include: boolean): Pick<SearchHitBody, 'title' | 'text'> {
  if (!include) return {};
  return {
    ...(hit.title !== undefined ? { title: hit.title } : {}),
    ...(hit.text !== undefined ? { text: hit.text } : {}),
  };
}

function firstStageHits(hits: readonly SearchHit[], includeText: boolean): SearchHitBody[] {
  return hits.map((hit, i) => ({
    doc_id: hit.docId,
    lang: hit.lang,
    rank: i + 1,
    score: hit.score,
    first_stage_score: hit.score,
    bm25_score: hit.bm25Score ?? hit.score,
    ...documentFields(hit, includeText),
  }));
}

function rerankedHits(
  hits: readonly SearchHit[],
  reranked: RerankResult,
  includeText: boolean,
): SearchHitBody[] {
  return reranked.results.map((doc, i) => ({
    doc_id: doc.docId,
    lang: doc.lang,
    rank: i + 1,
    score: doc.score ?? null,
    // The reranker fused with the first stage's ordering score; bm25_score stays the hit's own.
    first_stage_score: doc.bm25Score,
    bm25_score: hits[doc.firstStageRank - 1]!.bm25Score ?? doc.bm25Score,
    ...(doc.rerankScore !== undefined ? { rerank_score: doc.rerankScore, model: doc.model! } : {}),
    ...documentFields(hits[doc.firstStageRank - 1]!, includeText),
  }));
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
