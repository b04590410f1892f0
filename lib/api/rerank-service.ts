/**
 * POST /v1/rerank, Cohere-compatible: the caller's documents go through lib/rerank's Reranker
 * as they are. There is no first stage, so fusion is pure rerank (λ = 1); languages are
 * detected (query and each document) to route each pair to its model variant.
 */
import { randomUUID } from 'node:crypto';
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import { sigmoid } from '../rerank/index.js';
import { detectLanguage, loadLanguageDetector } from '../text/index.js';
import type { ModelService } from './models.js';
import type { RerankRequestBody, RerankResponseBody } from './schemas/rerank.js';
import { searchUnits, type Consumption } from './search-service.js';

/** Cohere reports this API version in meta; the request and response shapes are its v1 ones. */
const COHERE_API_VERSION = '1';
/** Fusion weight of the reranker: the caller's documents have no first-stage score to fuse with. */
const PURE_RERANK = 1;

export async function runRerank(
  models: ModelService,
  request: RerankRequestBody,
): Promise<{ body: RerankResponseBody; consumption: Consumption }> {
  await models.checkModel(request.model);
  const reranker = await models.reranker();
  const texts = request.documents.map((d) => (typeof d === 'string' ? d : d.text));
  await loadLanguageDetector();
  const queryLang = detectLanguage(request.query)?.lang ?? UNDETERMINED_LANGUAGE;
  const result = await reranker.rerank({
    query: request.query,
    queryLang,
    candidates: texts.map((text, i) => ({
      docId: String(i),
      lang: detectLanguage(text)?.lang ?? queryLang,
      text,
      bm25Score: 0,
    })),
    depth: texts.length,
    model: request.model ?? 'auto',
    lambda: PURE_RERANK,
  });
  const calibrated = (model: string): boolean =>
    reranker.registry.model(model).manifest.calibration !== undefined;
  const results = result.results.slice(0, request.top_n ?? texts.length).map((doc) => {
    const index = Number(doc.docId);
    // Cohere's relevance scores lie in [0, 1]: a calibrated score already does, a raw logit not.
    const relevance = calibrated(doc.model!) ? doc.rerankScore! : sigmoid(doc.logit!);
    return {
      index,
      relevance_score: relevance,
      ...(request.return_documents ? { document: { text: texts[index]! } } : {}),
    };
  });
  const units = searchUnits(texts.length);
  return {
    body: {
      id: randomUUID(),
      results,
      meta: { api_version: { version: COHERE_API_VERSION }, billed_units: { search_units: units } },
    },
    consumption: { billedUnits: units, documentsReranked: result.counts.scored, tokens: result.tokens },
  };
}
