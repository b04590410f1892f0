/**
 * The second stage of a retrieval: the first `depth` candidates rescored in the time the request
 * has left (and no more than the rerank's own bound). The backend plans its batches to finish in
 * time and returns `partial` results when they do not all fit; whatever it is doing at the
 * deadline (loading a model, a batch that ran long, a remote call) is abandoned and the first
 * stage's order stands.
 */
import type { RerankResult } from '../rerank/contract.js';
import { RESPONSE_RESERVE_MS } from './constants.js';
import type { RequestDeadline } from './deadline.js';
import { RetrieveRequestError } from './errors.js';
import type { FirstStage } from './first-stage.js';
import type { RetrieveRequest, RetrieveSources } from './types.js';

export interface RerankOutcome {
  reranked?: RerankResult;
  /** The deadline left no time for the rerank, or ran out during it. */
  cut: boolean;
}

export async function rerankWithin(
  sources: RetrieveSources,
  request: RetrieveRequest,
  stage: FirstStage,
  deadline: RequestDeadline,
): Promise<RerankOutcome> {
  const rerank = request.rerank;
  if (!rerank || stage.first.hits.length === 0) return { cut: false };
  if (!sources.reranker)
    throw new RetrieveRequestError('rerank was asked for, and no reranker is configured');
  const budget = Math.min(deadline.remainingMs() - RESPONSE_RESERVE_MS, sources.rerankDeadlineMs ?? Infinity);
  if (budget <= 0) return { cut: true };
  const work = (async () => {
    const reranker = await sources.reranker!();
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
      ...(rerank.model !== undefined ? { model: rerank.model } : {}),
      ...(rerank.lambda !== undefined ? { lambda: rerank.lambda } : {}),
      ...(rerank.strategy !== undefined ? { strategy: rerank.strategy } : {}),
      ...(Number.isFinite(budget) ? { deadlineMs: budget } : {}),
    });
  })();
  try {
    return { reranked: await deadline.race(work), cut: false };
  } catch (error) {
    if (!deadline.expired) throw error;
    return { cut: true };
  }
}
