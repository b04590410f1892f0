/**
 * POST /v2/rerank: Cohere's v2 rerank, which the `cohere-ai` SDK's CohereClientV2 calls. Unlike
 * v1, the model is required, documents are strings (Cohere asks for structured data as YAML
 * text), and long documents are read up to max_tokens_per_doc instead of max_chunks_per_doc.
 */
import { z } from '@hono/zod-openapi';
import { MAX_QUERY_CHARS, MAX_RERANK_DOCUMENTS } from '../constants.js';
import { DEFAULT_MAX_TOKENS_PER_DOC } from '../rerank-limits.js';
import { BilledUnits } from './common.js';

export const RerankV2RequestSchema = z
  .strictObject({
    model: z.string().min(1).max(128).openapi({
      description:
        'A model id of /v1/models, an alias from routing.json (e.g. rerank-v3.5), or "auto": routed by detected language',
      example: 'rerank-v3.5',
    }),
    query: z.string().min(1).max(MAX_QUERY_CHARS),
    documents: z.array(z.string()).min(1).max(MAX_RERANK_DOCUMENTS).openapi({
      description: 'Any length: a document is chunked at the model length and scores as its best chunk',
    }),
    top_n: z.number().int().min(1).optional().openapi({ description: 'Default: all documents' }),
    max_tokens_per_doc: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_MAX_TOKENS_PER_DOC)
      .openapi({ description: 'Tokens of each document read (the model’s tokenizer); the rest is ignored' }),
    return_documents: z
      .boolean()
      .default(false)
      .openapi({ description: 'Kept for clients of the first v2 release, which had it' }),
    priority: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'Accepted and ignored: requests are served as they arrive' }),
  })
  .openapi('RerankV2Request');

export type RerankV2RequestBody = z.infer<typeof RerankV2RequestSchema>;

export const RerankV2ResponseSchema = z
  .object({
    id: z.string(),
    results: z.array(
      z.object({
        index: z.number().int(),
        relevance_score: z
          .number()
          .openapi({ description: 'In [0, 1]: calibrated, else sigmoid of the logit; of the best chunk' }),
        document: z.object({ text: z.string() }).optional(),
      }),
    ),
    meta: z.object({
      api_version: z.object({ version: z.string() }),
      billed_units: BilledUnits,
    }),
  })
  .openapi('RerankV2Response');

export type RerankV2ResponseBody = z.infer<typeof RerankV2ResponseSchema>;
