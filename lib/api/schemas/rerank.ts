/**
 * POST /v1/rerank: Cohere's v1 rerank (request fields, response shape), which is also the shape
 * of Jina's POST /v1/rerank, so the response carries Jina's `model` and `usage` as well.
 */
import { z } from '@hono/zod-openapi';
import { MAX_QUERY_CHARS, MAX_RERANK_DOCUMENTS } from '../constants.js';
import {
  DEFAULT_MAX_CHUNKS_PER_DOC,
  DEFAULT_RANK_FIELDS,
  MAX_RERANK_CHUNKS,
  RANK_FIELD_SEPARATOR,
} from '../rerank-limits.js';
import type { XlirRerankAnswer, XlirRerankHints } from '../../retrieve/index.js';
import { MIXED_LANGUAGE_STRATEGIES } from '../../rerank/contract.js';
import { BilledUnits, LanguageTag } from './common.js';

/**
 * xlir's own extension, sent by its edge Worker's remote reranker (lib/retrieve): score the
 * documents as /v1/search scores its candidates. Each document is routed by the language given
 * for it (no detection), passages are truncated to the model's length (not chunked), and the
 * answer's `xlir` block carries each document's model and unfused score for the caller to fuse.
 */
const XlirHintsSchema = z
  .strictObject({
    query_lang: LanguageTag,
    doc_langs: z.array(LanguageTag).min(1).max(MAX_RERANK_DOCUMENTS),
    first_stage_scores: z.array(z.number().finite()).max(MAX_RERANK_DOCUMENTS).optional().openapi({
      description:
        "Each document's first-stage score, in order, for models that read it (a first_stage input); absent: none",
    }),
    strategy: z.enum(MIXED_LANGUAGE_STRATEGIES).optional(),
    deadline_ms: z.number().int().min(1).optional().openapi({
      description: "The caller's remaining time; capped by the server's deadline, past it a 504",
    }),
  })
  .openapi('RerankXlirHints', {
    description:
      "xlir's extension (its edge Worker's rerank hop): route by these languages, truncate passages, and answer with an `xlir` block",
  }) satisfies z.ZodType<XlirRerankHints>;

const XlirAnswerSchema = z
  .object({
    results: z.array(
      z.object({
        index: z.number().int(),
        model: z.string(),
        score: z.number().openapi({ description: 'What /v1/search fuses: calibrated, else the logit' }),
        logit: z.number(),
        document_match: z.number().optional().openapi({
          description:
            'Present for a document read in English glosses: BM25 of the glossed query over it (document translation), fused next to its first-stage score',
        }),
      }),
    ),
    models: z.array(
      z.object({
        doc_lang: z.string(),
        model: z.string(),
        rule: z.string(),
        reason: z.string(),
        lambda: z.number().min(0).max(1).optional().openapi({ description: "The model's own fusion weight" }),
      }),
    ),
    strategy: z.enum(MIXED_LANGUAGE_STRATEGIES),
    tokens: z.number().int().nonnegative(),
    timing: z.object({ load: z.number(), tokenize: z.number(), inference: z.number(), total: z.number() }),
  })
  .openapi('RerankXlirAnswer', {
    description: 'With `xlir` in the request: each document as /v1/search would fuse it',
  }) satisfies z.ZodType<XlirRerankAnswer>;

/** A structured document: string fields, all returned with return_documents. */
const DocumentObject = z.record(z.string(), z.string()).openapi('RerankDocument', {
  description: `String fields. Ranked on rank_fields, else on ${DEFAULT_RANK_FIELDS.join(' and ')}: the values present, in that order, joined by ${JSON.stringify(RANK_FIELD_SEPARATOR)}`,
  example: { title: 'Telephone', text: 'Alexander Graham Bell patented the telephone in 1876.' },
});

export const RerankRequestSchema = z
  .strictObject({
    model: z.string().min(1).max(128).optional().openapi({
      description:
        'A model id of /v1/models, an alias from routing.json (Cohere or Jina model names), or "auto" (default): routed by detected language',
    }),
    query: z.string().min(1).max(MAX_QUERY_CHARS),
    documents: z
      .array(z.union([z.string(), DocumentObject]))
      .min(1)
      .max(MAX_RERANK_DOCUMENTS)
      .openapi({ description: 'Strings or objects; any length: long documents are chunked' }),
    top_n: z.number().int().min(1).optional().openapi({ description: 'Default: all documents' }),
    return_documents: z.boolean().default(false),
    rank_fields: z
      .array(z.string().min(1).max(128))
      .min(1)
      .max(32)
      .optional()
      .openapi({ description: 'Fields of document objects to rank on, in this order' }),
    max_chunks_per_doc: z
      .number()
      .int()
      .min(1)
      .max(MAX_RERANK_CHUNKS)
      .default(DEFAULT_MAX_CHUNKS_PER_DOC)
      .openapi({
        description: `Chunks of the model's length read per document; a document scores as its best chunk. documents × max_chunks_per_doc must not exceed ${MAX_RERANK_CHUNKS}`,
      }),
    xlir: XlirHintsSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.documents.length * request.max_chunks_per_doc > MAX_RERANK_CHUNKS) {
      ctx.addIssue({
        code: 'custom',
        path: ['max_chunks_per_doc'],
        message: `${request.documents.length} documents × ${request.max_chunks_per_doc} chunks exceeds ${MAX_RERANK_CHUNKS}`,
      });
    }
    if (request.xlir !== undefined && request.xlir.doc_langs.length !== request.documents.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['xlir', 'doc_langs'],
        message: `gives ${request.xlir.doc_langs.length} languages for ${request.documents.length} documents; give one per document`,
      });
    }
    const scores = request.xlir?.first_stage_scores;
    if (scores !== undefined && scores.length !== request.documents.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['xlir', 'first_stage_scores'],
        message: `gives ${scores.length} scores for ${request.documents.length} documents; give one per document`,
      });
    }
    const fields = request.rank_fields ?? DEFAULT_RANK_FIELDS;
    request.documents.forEach((document, i) => {
      if (typeof document === 'string' || fields.some((f) => Object.hasOwn(document, f))) return;
      ctx.addIssue({
        code: 'custom',
        path: ['documents', i],
        message: `has none of the fields ranked (${fields.join(', ')}); give "text", or name its fields in rank_fields`,
      });
    });
  })
  .openapi('RerankRequest');

export type RerankRequestBody = z.infer<typeof RerankRequestSchema>;

export const RerankResponseSchema = z
  .object({
    id: z.string(),
    results: z.array(
      z.object({
        index: z.number().int(),
        relevance_score: z
          .number()
          .openapi({ description: 'In [0, 1]: calibrated, else sigmoid of the logit; of the best chunk' }),
        document: z
          .record(z.string(), z.string())
          .optional()
          .openapi({ description: 'The document as sent ({text} for a string), with return_documents' }),
      }),
    ),
    meta: z.object({
      api_version: z.object({ version: z.string() }),
      billed_units: BilledUnits,
    }),
    model: z.string().openapi({ description: 'The model name as requested ("auto" when none was)' }),
    usage: z
      .object({ total_tokens: z.number().int().nonnegative() })
      .openapi({ description: 'Model input tokens of every chunk scored (Jina’s usage field)' }),
    xlir: XlirAnswerSchema.optional(),
  })
  .openapi('RerankResponse');

export type RerankResponseBody = z.infer<typeof RerankResponseSchema>;
