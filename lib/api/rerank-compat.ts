/**
 * The rerank APIs clients already call, as requests to rerank-service.ts and responses in their
 * own shapes: Cohere v1 (also Jina's), Cohere v2, and text-embeddings-inference. Each maps its
 * fields onto one RerankInput (what is ranked, which model, what becomes of long documents) and
 * the ranked documents back; nothing here scores anything.
 */
import { randomUUID } from 'node:crypto';
import { AUTO_MODEL } from '../rerank/index.js';
import {
  COHERE_V1_API_VERSION,
  COHERE_V2_API_VERSION,
  DEFAULT_RANK_FIELDS,
  RANK_FIELD_SEPARATOR,
} from './rerank-limits.js';
import type { RerankInput, RerankOutcome } from './rerank-service.js';
import type { RerankRequestBody, RerankResponseBody } from './schemas/rerank.js';
import type { RerankV2RequestBody, RerankV2ResponseBody } from './schemas/rerank-v2.js';
import type { TeiRerankRequestBody, TeiRerankResponseBody } from './schemas/tei.js';

type V1Document = RerankRequestBody['documents'][number];

/** The text a v1 document is ranked on: a string as is; an object's ranked fields, joined. */
export function rankedText(
  document: V1Document,
  rankFields: readonly string[] = DEFAULT_RANK_FIELDS,
): string {
  if (typeof document === 'string') return document;
  // Own fields only: rank_fields ["constructor"] must not read Object's constructor.
  return rankFields
    .filter((field) => Object.hasOwn(document, field) && document[field] !== '')
    .map((field) => document[field]!)
    .join(RANK_FIELD_SEPARATOR);
}

export function cohereV1Input(request: RerankRequestBody): RerankInput {
  const { xlir } = request;
  return {
    query: request.query,
    texts: request.documents.map((d) => rankedText(d, request.rank_fields)),
    model: request.model,
    // xlir's extension scores as /v1/search does: its candidates are truncated, not chunked.
    long: xlir ? { mode: 'truncate' } : { mode: 'chunk', chunksPerPassage: request.max_chunks_per_doc },
    field: 'documents',
    ...(xlir
      ? {
          routing: {
            queryLang: xlir.query_lang,
            docLangs: xlir.doc_langs,
            ...(xlir.first_stage_scores !== undefined ? { firstStageScores: xlir.first_stage_scores } : {}),
            ...(xlir.strategy !== undefined ? { strategy: xlir.strategy } : {}),
          },
          ...(xlir.deadline_ms !== undefined ? { deadlineMs: xlir.deadline_ms } : {}),
        }
      : {}),
  };
}

/** The answer's `xlir` block: each document's model and the score /v1/search would fuse. */
function xlirAnswer(outcome: RerankOutcome): NonNullable<RerankResponseBody['xlir']> {
  return {
    results: outcome.ranked.map(({ index, model, score, logit, documentMatch }) => ({
      index,
      model,
      score,
      logit,
      ...(documentMatch !== undefined ? { document_match: documentMatch } : {}),
    })),
    models: outcome.models.map((m) => ({
      doc_lang: m.docLang,
      model: m.model,
      rule: m.rule,
      reason: m.reason,
      ...(m.lambda !== undefined ? { lambda: m.lambda } : {}),
    })),
    strategy: outcome.strategy,
    tokens: outcome.consumption.tokens,
    timing: {
      load: outcome.timing.loadMs,
      tokenize: outcome.timing.tokenizeMs,
      inference: outcome.timing.inferenceMs,
      total: outcome.timing.totalMs,
    },
  };
}

export function cohereV1Body(request: RerankRequestBody, outcome: RerankOutcome): RerankResponseBody {
  const { consumption } = outcome;
  return {
    id: randomUUID(),
    results: outcome.ranked.slice(0, request.top_n).map(({ index, relevance }) => {
      const given = request.documents[index]!;
      return {
        index,
        relevance_score: relevance,
        ...(request.return_documents
          ? { document: typeof given === 'string' ? { text: given } : given }
          : {}),
      };
    }),
    meta: {
      api_version: { version: COHERE_V1_API_VERSION },
      billed_units: { search_units: consumption.billedUnits },
    },
    model: request.model ?? AUTO_MODEL,
    usage: { total_tokens: consumption.tokens },
    ...(request.xlir ? { xlir: xlirAnswer(outcome) } : {}),
  };
}

export function cohereV2Input(request: RerankV2RequestBody): RerankInput {
  return {
    query: request.query,
    texts: request.documents,
    model: request.model,
    long: { mode: 'chunk', tokensPerPassage: request.max_tokens_per_doc },
    field: 'documents',
  };
}

export function cohereV2Body(request: RerankV2RequestBody, outcome: RerankOutcome): RerankV2ResponseBody {
  return {
    id: randomUUID(),
    results: outcome.ranked.slice(0, request.top_n).map(({ index, relevance }) => ({
      index,
      relevance_score: relevance,
      ...(request.return_documents ? { document: { text: request.documents[index]! } } : {}),
    })),
    meta: {
      api_version: { version: COHERE_V2_API_VERSION },
      billed_units: { search_units: outcome.consumption.billedUnits },
    },
  };
}

export function teiInput(request: TeiRerankRequestBody): RerankInput {
  return {
    query: request.query,
    texts: request.texts,
    long: { mode: request.truncate ? 'truncate' : 'reject' },
    field: 'texts',
  };
}

/** TEI's ranks: best first, the logit itself with raw_scores. */
export function teiBody(request: TeiRerankRequestBody, outcome: RerankOutcome): TeiRerankResponseBody {
  const ranks = outcome.ranked.map(({ index, relevance, logit }) => ({
    index,
    score: request.raw_scores ? logit : relevance,
    ...(request.return_text ? { text: request.texts[index]! } : {}),
  }));
  // Logits and calibrated scores order alike per model, but documents may route to different
  // models; TEI sorts by the score it returns, so this does too.
  return ranks.sort((a, b) => b.score - a.score || a.index - b.index);
}
