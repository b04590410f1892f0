/** POST /v1/rerank, compatible with Cohere's v1 rerank (request fields, response shape). */
import { z } from '@hono/zod-openapi';
import { MAX_DOCUMENT_CHARS, MAX_QUERY_CHARS, MAX_RERANK_DOCUMENTS } from '../constants.js';
import { BilledUnits } from './common.js';

const DocumentText = z.string().max(MAX_DOCUMENT_CHARS);

export const RerankRequestSchema = z
  .strictObject({
    model: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .openapi({ description: 'A model id of /v1/models, or "auto" (default): routed by detected language' }),
    query: z.string().min(1).max(MAX_QUERY_CHARS),
    documents: z
      .array(z.union([DocumentText, z.strictObject({ text: DocumentText })]))
      .min(1)
      .max(MAX_RERANK_DOCUMENTS),
    top_n: z.number().int().min(1).optional().openapi({ description: 'Default: all documents' }),
    return_documents: z.boolean().default(false),
    rank_fields: z
      .array(z.literal('text'))
      .optional()
      .openapi({ description: 'Accepted for Cohere compatibility; only "text" is ranked' }),
    max_chunks_per_doc: z.number().int().min(1).optional().openapi({
      description: 'Accepted and ignored: documents are truncated to the model length, not chunked',
    }),
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
          .openapi({ description: 'In [0, 1]: calibrated, else sigmoid of the logit' }),
        document: z.object({ text: z.string() }).optional(),
      }),
    ),
    meta: z.object({
      api_version: z.object({ version: z.string() }),
      billed_units: BilledUnits,
    }),
  })
  .openapi('RerankResponse');

export type RerankResponseBody = z.infer<typeof RerankResponseSchema>;
