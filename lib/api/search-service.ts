/**
 * POST /v1/search: lib/retrieve runs the query (language, first stage, rerank, fusion, under one
 * deadline); this file finds the index and the models and runs it, and search-response.ts maps the
 * request and shapes the response. The CLI and the edge Worker run the same pipeline (the Worker
 * with the same mapping), so they rank a request the same way.
 */
import { retrieve, startRequestDeadline, type RerankBackend } from '../retrieve/index.js';
import type { TranslatorSource } from '../search/index.js';
import type { LanguageDetector } from '../text/index.js';
import type { ApiLog } from './deps.js';
import type { IndexCatalog } from './indexes.js';
import type { SearchRequest, SearchResponse } from './schemas/search.js';
import { retrieveRequest, searchResponse, type Consumption } from './search-response.js';

// The mapping and shaping live in search-response.ts (runtime-neutral, shared with the edge Worker).
export { retrieveRequest, searchRequestUnits, searchUnits, type Consumption } from './search-response.js';

/** What a search needs of the rerank models: ModelService in Node, a remote reranker at the edge. */
export interface SearchModels {
  /** 404 for a model id the reranker does not have; 'auto' and undefined always pass. */
  checkModel(requested: string | undefined): Promise<void>;
  /** The reranker, or an ApiError (503) when there is none. */
  reranker(): Promise<RerankBackend>;
}

export interface SearchContext {
  indexes: IndexCatalog;
  models: SearchModels;
  lexicons: () => Promise<TranslatorSource | undefined>;
  /** Tells a query's language when the request gives none. */
  detector: () => Promise<LanguageDetector>;
  rerankDeadlineMs?: number;
  /** The server's request deadline (XLIR_REQUEST_DEADLINE_MS); default DEFAULT_REQUEST_DEADLINE_MS. */
  requestDeadlineMs?: number;
  log?: ApiLog;
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
    // With a build in memory this never waits (a check for a new one runs in the background).
    const index = await deadline.race(ctx.indexes.get(request.index, deadline.signal));
    if (request.rerank) await deadline.race(ctx.models.checkModel(request.rerank.model));
    const retrieval = await retrieve(
      {
        indexName: index.name,
        searcher: index.searcher,
        detector: ctx.detector,
        lexicons: ctx.lexicons,
        reranker: () => ctx.models.reranker(),
        ...(ctx.rerankDeadlineMs !== undefined ? { rerankDeadlineMs: ctx.rerankDeadlineMs } : {}),
        ...(ctx.log ? { log: ctx.log } : {}),
      },
      retrieveRequest(request),
      deadline,
    );
    return searchResponse(
      request,
      { name: index.name, manifest: index.reader.manifest },
      retrieval,
      deadline.ms,
    );
  } catch (error) {
    // Past the deadline, whatever surfaced (an aborted GET, a model load cut short) is the deadline.
    if (deadline.expired) throw deadline.signal.reason;
    throw error;
  } finally {
    deadline.dispose();
  }
}
