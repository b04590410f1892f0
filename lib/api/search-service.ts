/**
 * POST /v1/search: lib/search's first stage (BM25, or PSQ fan-out when lexicons are configured
 * and the document languages differ from the query's), then lib/rerank's cross-encoders on the
 * first `depth` candidates. This file only wires the two and shapes the response. The query
 * language is given, detected, or (where neither reaches the documents) a fallback the
 * response explains.
 */
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import type { RerankResult } from '../rerank/index.js';
import {
  CrossLingualSearcher,
  resolveFanOutLanguage,
  type CrossLingualResult,
  type ResolvedLanguage,
  type SearchHit,
  type SearchResult,
  type TranslatorSource,
} from '../search/index.js';
import { canonicalLanguage } from '../text/index.js';
import { DOCUMENTS_PER_SEARCH_UNIT } from './constants.js';
import { ApiError } from './errors.js';
import type { IndexCatalog, OpenIndex } from './indexes.js';
import type { ModelService } from './models.js';
import type { SearchHitBody, SearchRequest, SearchResponse } from './schemas/search.js';

export interface SearchContext {
  indexes: IndexCatalog;
  models: ModelService;
  lexicons: () => Promise<TranslatorSource | undefined>;
  rerankDeadlineMs?: number;
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

/** First-stage candidates of a request: enough to return top_k and to rerank `depth`. */
function candidateCount(request: SearchRequest): number {
  return Math.max(request.top_k, request.rerank?.depth ?? 0);
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

export async function runSearch(
  ctx: SearchContext,
  request: SearchRequest,
): Promise<{ body: SearchResponse; consumption: Consumption }> {
  const started = performance.now();
  const index = await ctx.indexes.get(request.index);
  const docLangs = documentLanguages(index, request.doc_langs);
  if (request.rerank) await ctx.models.checkModel(request.rerank.model);
  const lexicons = await ctx.lexicons();
  const requestedLangs =
    docLangs ?? index.reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE);
  // Never a dead end: a language that cannot reach the documents falls back (fanout.ts).
  const language = await resolveFanOutLanguage(index.searcher, lexicons, request.query, {
    queryLang: request.query_lang,
    docLangs: requestedLangs,
  });
  const searchLangs = requestedLangs.filter((l) => !language.unreachable.includes(l));

  const options = {
    topK: candidateCount(request),
    queryLang: language.lang,
    includeText: request.rerank !== undefined || request.return_documents,
    ...(request.fusion ? { fusion: request.fusion } : {}),
    ...(docLangs || language.unreachable.length > 0 ? { docLangs: searchLangs } : {}),
  };
  const psq = lexicons !== undefined && searchLangs.some((l) => l !== language.lang);
  const first: SearchResult & Partial<CrossLingualResult> = psq
    ? await new CrossLingualSearcher(index.searcher, lexicons).search(request.query, options)
    : await index.searcher.search(request.query, options);
  const firstStageMs = performance.now() - started;

  let reranked: RerankResult | undefined;
  if (request.rerank && first.hits.length > 0) {
    const reranker = await ctx.models.reranker();
    reranked = await reranker.rerank({
      query: request.query,
      queryLang: language.lang,
      candidates: first.hits.map((h) => ({
        docId: h.docId,
        lang: h.lang,
        text: h.text ?? '',
        bm25Score: h.score,
      })),
      depth: request.rerank.depth,
      model: request.rerank.model,
      ...(request.rerank.lambda !== undefined ? { lambda: request.rerank.lambda } : {}),
      ...(ctx.rerankDeadlineMs !== undefined ? { deadlineMs: ctx.rerankDeadlineMs } : {}),
    });
  }
  const results = (
    reranked
      ? rerankedHits(first.hits, reranked, request.return_documents)
      : firstStageHits(first.hits, request.return_documents)
  ).slice(0, request.top_k);

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
      partial: reranked?.partial ?? false,
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
      // A shard that fails fails the request (503): results never silently miss a shard.
      shards: { searched: first.shardsSearched, failed: 0 },
      timings_ms: {
        first_stage: round(firstStageMs),
        rerank: reranked
          ? {
              load: round(reranked.timing.loadMs),
              tokenize: round(reranked.timing.tokenizeMs),
              inference: round(reranked.timing.inferenceMs),
              total: round(reranked.timing.totalMs),
            }
          : null,
        total: round(performance.now() - started),
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
    bm25_score: hit.score,
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
    bm25_score: doc.bm25Score,
    ...(doc.rerankScore !== undefined ? { rerank_score: doc.rerankScore, model: doc.model! } : {}),
    ...documentFields(hits[doc.firstStageRank - 1]!, includeText),
  }));
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
