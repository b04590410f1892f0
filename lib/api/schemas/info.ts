/** GET /v1/models, /v1/indexes, /v1/usage and /healthz: response shapes. */
import { z } from '@hono/zod-openapi';

export const ModelsResponseSchema = z
  .object({
    available: z.boolean().openapi({ description: 'false: the server runs BM25 only' }),
    reason: z.string().nullable().openapi({ description: 'Why reranking is unavailable' }),
    variants: z.array(
      z.object({
        id: z
          .string()
          .openapi({ description: 'What requests name as `model`; where it is stored is not shown' }),
        languages: z.array(z.string()).nullable().openapi({ description: 'Trained on; null: no limit' }),
        max_length: z.number().int().nullable(),
        calibration: z.string(),
        fusion_lambda: z.number().openapi({
          description: "The fusion weight a search that names no λ gives this model's scores",
        }),
        input: z.enum(['text', 'english-gloss']).openapi({
          description: 'What the model reads: the texts, or both glossed into English through the lexicons',
        }),
        roles: z.array(z.string()).openapi({ example: ['route en→de', 'multilingual'] }),
      }),
    ),
    routing: z
      .object({
        routes: z.array(z.object({ query_lang: z.string(), doc_lang: z.string(), model: z.string() })),
        monolingual: z.string().nullable(),
        multilingual: z.string(),
        zero_shot: z.string(),
        mixed_lists: z.record(z.string(), z.string()).openapi({
          description: 'Model id -> the model that scores its pairs in a list mixing document languages',
          example: { 'rt-cs-fs': 'rt-cs' },
        }),
      })
      .nullable(),
  })
  .openapi('ModelsResponse');

export type ModelsResponse = z.infer<typeof ModelsResponseSchema>;

const IndexInfoSchema = z.object({
  name: z.string(),
  default: z.boolean(),
  available: z.boolean(),
  reason: z.string().nullable(),
  build_id: z.string().nullable(),
  created_at: z.string().nullable(),
  doc_count: z.number().int().nullable(),
  shards: z.number().int().nullable(),
  languages: z
    .record(z.string(), z.number().int())
    .nullable()
    .openapi({ example: { en: 50, de: 50 } }),
});

export const IndexesResponseSchema = z
  .object({ indexes: z.array(IndexInfoSchema) })
  .openapi('IndexesResponse');
export type IndexInfo = z.infer<typeof IndexInfoSchema>;

export const UsageResponseSchema = z
  .object({
    key_id: z.string(),
    period: z.string().openapi({ description: 'UTC calendar month', example: '2026-05' }),
    requests: z.number().int(),
    search_units: z.number().int(),
    documents_reranked: z.number().int(),
    tokens: z.number().int(),
    quota: z
      .object({ search_units: z.number().int(), remaining: z.number().int() })
      .nullable()
      .openapi({ description: 'null when auth is off or done by an API gateway' }),
    rate_limit: z.object({ per_minute: z.number().int() }).nullable(),
  })
  .openapi('UsageResponse');

const ComponentHealthSchema = z.object({
  state: z.enum(['ok', 'degraded', 'unknown', 'off']).openapi({
    description:
      'From the last real access: ok; degraded (reason says why); unknown (not used since the server started); off (not configured)',
  }),
  reason: z.string().nullable(),
  checked_at: z.string().nullable().openapi({ description: 'When that access happened (ISO 8601)' }),
});

export const HealthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'unavailable']).openapi({
      description:
        'unavailable (HTTP 503): no index can be opened and no model loaded; degraded: something cannot; else ok',
    }),
    auth: z.enum(['on', 'off']),
    reranking: z.boolean().openapi({ description: 'Whether models are configured' }),
    indexes: z.array(ComponentHealthSchema.extend({ name: z.string() })),
    models: ComponentHealthSchema,
    lexicons: ComponentHealthSchema,
  })
  .openapi('HealthResponse');
