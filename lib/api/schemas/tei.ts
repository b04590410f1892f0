/**
 * POST /rerank: Hugging Face text-embeddings-inference's rerank, for clients written against a
 * TEI server (request fields, a bare array of ranks in the response, best first). TEI serves one
 * model; here documents are routed by detected language as with "auto" elsewhere. Errors keep
 * xlir's {"error": {type, message}} shape, with TEI's statuses for size errors (413).
 */
import { z } from '@hono/zod-openapi';
import { MAX_QUERY_CHARS, MAX_RERANK_DOCUMENTS } from '../constants.js';

export const TeiRerankRequestSchema = z
  .strictObject({
    query: z.string().min(1).max(MAX_QUERY_CHARS),
    texts: z.array(z.string()).min(1).max(MAX_RERANK_DOCUMENTS),
    truncate: z.boolean().nullable().default(false).openapi({
      description:
        'false (TEI’s default): a text that does not fit the model next to the query is a 413; true: it is cut to the model length',
    }),
    truncation_direction: z
      .enum(['right', 'Right'])
      .optional()
      .openapi({ description: 'Only right truncation (the end of the text is cut)' }),
    raw_scores: z
      .boolean()
      .default(false)
      .openapi({ description: 'true: the model’s logits; false: in [0, 1], calibrated or sigmoid' }),
    return_text: z.boolean().default(false),
  })
  .openapi('TeiRerankRequest');

export type TeiRerankRequestBody = z.infer<typeof TeiRerankRequestSchema>;

export const TeiRerankResponseSchema = z
  .array(
    z.object({
      index: z.number().int(),
      score: z.number(),
      text: z.string().optional(),
    }),
  )
  .openapi('TeiRerankResponse');

export type TeiRerankResponseBody = z.infer<typeof TeiRerankResponseSchema>;
