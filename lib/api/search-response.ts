/**
 * POST /v1/search as a mapping, not a server: the request onto lib/retrieve's RetrieveRequest,
 * and a Retrieval back into the response body and what it is billed. Runtime-neutral (nothing
 * from `node:`, no onnxruntime; types only from the rest of lib/api), so the Node API
 * (search-service.ts) and the edge Worker (functions/edge) answer the same request with the
 * same body.
 */
import {
  candidateCount,
  type RetrievedHit,
  type Retrieval,
  type RetrieveRequest,
} from '../retrieve/index.js';
import type { ResolvedLanguage } from '../search/index.js';
import { DOCUMENTS_PER_SEARCH_UNIT } from './constants.js';
import type { SearchHitBody, SearchRequest, SearchResponse } from './schemas/search.js';

/** What a request consumed, for the usage record. */
export interface Consumption {
  billedUnits: number;
  documentsReranked: number;
  tokens: number;
}

/** The index a response names: its name and the build that answered. */
export interface AnsweringIndex {
  name: string;
  manifest: { buildId: string; docCount: number };
}

/** One unit per started block of DOCUMENTS_PER_SEARCH_UNIT documents returned or reranked. */
export function searchUnits(documents: number): number {
  return Math.max(1, Math.ceil(documents / DOCUMENTS_PER_SEARCH_UNIT));
}

export function searchRequestUnits(request: SearchRequest): number {
  return searchUnits(
    candidateCount({ topK: request.top_k, ...(request.rerank ? { rerank: request.rerank } : {}) }),
  );
}

/** The request as lib/retrieve takes it. */
export function retrieveRequest(request: SearchRequest): RetrieveRequest {
  return {
    query: request.query,
    topK: request.top_k,
    returnDocuments: request.return_documents,
    onShardFailure: request.on_shard_failure,
    ...(request.query_lang !== undefined ? { queryLang: request.query_lang } : {}),
    ...(request.doc_langs !== undefined ? { docLangs: request.doc_langs } : {}),
    ...(request.fusion !== undefined ? { fusion: request.fusion } : {}),
    ...(request.rerank !== undefined
      ? {
          rerank: {
            depth: request.rerank.depth,
            model: request.rerank.model,
            ...(request.rerank.lambda !== undefined ? { lambda: request.rerank.lambda } : {}),
          },
        }
      : {}),
  };
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

/** Why a response is not the whole answer, in the schema's words. */
function partialReasons(retrieval: Retrieval): SearchResponse['meta']['partial_reasons'] {
  const { reranked, shards } = retrieval;
  const reasons: SearchResponse['meta']['partial_reasons'] = [];
  if (shards.failed.length > 0) reasons.push('shard_failure');
  if (reranked?.unavailable !== undefined) reasons.push('rerank_unavailable');
  else if (retrieval.rerankCut || reranked?.partial) reasons.push('rerank_deadline');
  return reasons;
}

/** The response body of a finished retrieval, and what it consumed. */
export function searchResponse(
  request: SearchRequest,
  index: AnsweringIndex,
  retrieval: Retrieval,
  deadlineMs: number,
): { body: SearchResponse; consumption: Consumption } {
  const { first, language, reranked, shards, timings } = retrieval;
  const reasons = partialReasons(retrieval);
  const units = searchRequestUnits(request);
  const body: SearchResponse = {
    results: retrieval.hits.map(hitBody),
    meta: {
      index: { name: index.name, build_id: index.manifest.buildId, doc_count: index.manifest.docCount },
      query: { ...queryLanguageMeta(language), terms: first.query.terms },
      first_stage: {
        method: retrieval.method,
        fusion: first.fusion ?? null,
        unreachable_langs: language.unreachable,
        languages: first.languages ?? [],
      },
      // A pair routed to no reranker ("none") reports its choice under `rerank` with depth 0.
      reranked: reranked !== undefined && reranked.counts.depth > 0,
      partial: reasons.length > 0,
      partial_reasons: reasons,
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
              ...(m.lambda !== undefined ? { lambda: m.lambda } : {}),
            })),
          }
        : null,
      empty_reason: first.emptyReason ?? null,
      // Under on_shard_failure "partial", results come from the other shards and `partial` says so.
      shards: { searched: shards.searched, failed: shards.failed.length, policy: shards.policy },
      deadline_ms: deadlineMs,
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

function hitBody(hit: RetrievedHit, i: number): SearchHitBody {
  return {
    doc_id: hit.docId,
    lang: hit.lang,
    rank: i + 1,
    score: hit.score ?? null,
    first_stage_score: hit.firstStageScore,
    bm25_score: hit.bm25Score,
    ...(hit.rerankScore !== undefined ? { rerank_score: hit.rerankScore, model: hit.model! } : {}),
    ...(hit.title !== undefined ? { title: hit.title } : {}),
    ...(hit.text !== undefined ? { text: hit.text } : {}),
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
