/**
 * One retrieval, start to finish: the query's language (given, detected, or a fallback that
 * reaches the documents), the first stage (BM25 or PSQ by one rule), the rerank (local models or
 * a remote reranker) fused with it, all under one deadline. Every front end (the HTTP API, the
 * edge Worker, `xlir search`) runs a query through here and only shapes the result, so the same
 * request gets the same ranking wherever it is sent.
 */
import type { RerankResult } from '../rerank/contract.js';
import type { SearchHit } from '../search/index.js';
import type { RequestDeadline } from './deadline.js';
import { runFirstStage } from './first-stage.js';
import { rerankWithin } from './rerank-stage.js';
import type { RetrievedHit, Retrieval, RetrieveRequest, RetrieveSources } from './types.js';

/**
 * Runs `request` within `deadline`. Past it, whatever surfaced (an aborted GET, a model load cut
 * short) becomes the deadline's DeadlineExceededError, unless the first stage has finished: then
 * its results come back with `rerankCut`.
 */
export async function retrieve(
  sources: RetrieveSources,
  request: RetrieveRequest,
  deadline: RequestDeadline,
): Promise<Retrieval> {
  try {
    const started = performance.now();
    const stage = await runFirstStage(sources, request, deadline);
    const firstStageMs = performance.now() - started;
    const { reranked, cut } = await rerankWithin(sources, request, stage, deadline);
    // Depth 0: the pair routes to no reranker ("none"), so the first stage's scores stand.
    const all =
      reranked && reranked.counts.depth > 0
        ? rerankedHits(stage.first.hits, reranked)
        : firstStageHits(stage.first.hits);
    const include = request.returnDocuments === true;
    return {
      hits: all.slice(0, request.topK).map((hit) => (include ? hit : withoutDocument(hit))),
      first: stage.first,
      language: stage.language,
      method: stage.method,
      ...(reranked ? { reranked } : {}),
      rerankCut: cut,
      shards: {
        searched: stage.first.shardsSearched,
        failed: stage.guard.failedShards,
        policy: stage.guard.mode,
      },
      timings: { firstStageMs, totalMs: performance.now() - started },
    };
  } catch (error) {
    if (deadline.expired) throw deadline.signal.reason;
    throw error;
  }
}

function document(hit: SearchHit): Pick<RetrievedHit, 'title' | 'text'> {
  return {
    ...(hit.title !== undefined ? { title: hit.title } : {}),
    ...(hit.text !== undefined ? { text: hit.text } : {}),
  };
}

function withoutDocument(hit: RetrievedHit): RetrievedHit {
  const { title: _title, text: _text, ...rest } = hit;
  return rest;
}

function firstStageHits(hits: readonly SearchHit[]): RetrievedHit[] {
  return hits.map((hit) => ({
    docId: hit.docId,
    lang: hit.lang,
    score: hit.score,
    firstStageScore: hit.score,
    bm25Score: hit.bm25Score ?? hit.score,
    ...document(hit),
  }));
}

/** The reranker's order; it fused with the first stage's ordering score, bm25Score stays the hit's own. */
function rerankedHits(hits: readonly SearchHit[], reranked: RerankResult): RetrievedHit[] {
  return reranked.results.map((doc) => {
    const hit = hits[doc.firstStageRank - 1]!;
    return {
      docId: doc.docId,
      lang: doc.lang,
      score: doc.score,
      firstStageScore: doc.bm25Score,
      bm25Score: hit.bm25Score ?? doc.bm25Score,
      ...(doc.rerankScore !== undefined ? { rerankScore: doc.rerankScore, model: doc.model! } : {}),
      ...document(hit),
    };
  });
}
