/** POST /v1/search: request and response. */
import { z } from '@hono/zod-openapi';
import {
  DEFAULT_SEARCH_TOP_K,
  MAX_DOC_LANGS,
  MAX_QUERY_CHARS,
  MAX_SEARCH_RERANK_DEPTH,
  MAX_SEARCH_TOP_K,
} from '../constants.js';
import { DEFAULT_SHARD_FAILURE } from '../../retrieve/index.js';
import { FUSION_METHODS, SHARD_FAILURE_MODES, type FusionMethod } from '../../search/index.js';
import { BilledUnits, LanguageTag } from './common.js';

export const SearchRequestSchema = z
  .strictObject({
    query: z.string().min(1).max(MAX_QUERY_CHARS).openapi({ example: 'Wer erfand das Telefon?' }),
    query_lang: LanguageTag.optional().openapi({ description: 'Detected when absent' }),
    doc_langs: z
      .array(LanguageTag)
      .min(1)
      .max(MAX_DOC_LANGS)
      .optional()
      .openapi({ description: "Document languages to search; default all of the index's", example: ['en'] }),
    index: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .openapi({ description: 'Index name; default the default index' }),
    top_k: z.number().int().min(1).max(MAX_SEARCH_TOP_K).default(DEFAULT_SEARCH_TOP_K),
    rerank: z
      .strictObject({
        depth: z.number().int().min(1).max(MAX_SEARCH_RERANK_DEPTH),
        model: z
          .string()
          .min(1)
          .max(128)
          .default('auto')
          .openapi({ description: '"auto" routes by language (routing.json); a model id forces one model' }),
        lambda: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .openapi({ description: 'Fusion weight: (1-λ)·norm(bm25) + λ·norm(rerank)' }),
      })
      .optional()
      .openapi({ description: 'Rescore the first `depth` candidates with cross-encoders' }),
    fusion: z
      .enum(FUSION_METHODS as [FusionMethod, ...FusionMethod[]])
      .optional()
      .openapi({
        description:
          'How the per-language lists of a PSQ fan-out are merged; default head-calibrated (how far a hit stands above the mean of the top ten hits of its language, in units that do not lift a language whose best hit barely stands out to 1). minmax-calibrated is min-max, except that a language whose best hit falls short of a reference document is not lifted to 1. attainable and attainable-top scale each language by what the query could score there, so a language whose best hit matches few query words stays low',
      }),
    return_documents: z.boolean().default(false).openapi({ description: 'Include title and text' }),
    deadline_ms: z.number().int().min(1).optional().openapi({
      description:
        "Time budget in ms, capped by the server's (XLIR_REQUEST_DEADLINE_MS, default 10000). Past it: 504 deadline_exceeded, or the first stage's results with partial: true when only the rerank ran out of time",
      example: 2000,
    }),
    on_shard_failure: z.enum(SHARD_FAILURE_MODES).default(DEFAULT_SHARD_FAILURE).openapi({
      description:
        "A shard that cannot be read (or does not answer in time): partial returns the other shards' results with partial: true and meta.shards.failed; fail answers 503 shard_unavailable",
    }),
  })
  .openapi('SearchRequest');

export type SearchRequest = z.infer<typeof SearchRequestSchema>;

const SearchHitSchema = z
  .object({
    doc_id: z.string(),
    lang: z.string(),
    rank: z.number().int().positive(),
    score: z.number().nullable().openapi({
      description:
        'The score the list is ordered by: fused score when reranked, BM25 otherwise; null for candidates a rerank left unscored',
    }),
    first_stage_score: z.number().openapi({
      description:
        'The score the first stage ordered by (and a rerank fused with): BM25, or the fused score of a cross-lingual fan-out',
    }),
    bm25_score: z.number().openapi({
      description:
        'BM25 of the document in its own language (PSQ-weighted when the query was translated), before any fusion; comparable only within one language',
    }),
    rerank_score: z.number().optional(),
    model: z.string().optional().openapi({ description: 'The model that reranked this result' }),
    title: z.string().optional(),
    text: z.string().optional(),
  })
  .openapi('SearchHit');

const ModelChoiceSchema = z.object({
  doc_lang: z.string(),
  model: z.string(),
  rule: z.string().openapi({ example: 'exact' }),
  reason: z.string().openapi({ example: 'route en→de' }),
  lambda: z.number().optional().openapi({
    description:
      "The model's own fusion weight, used where the request gives none and the list's models agree",
  }),
});

const RerankMetaSchema = z
  .object({
    depth: z.number().int(),
    scored: z.number().int(),
    unscored: z.number().int(),
    strategy: z.string(),
    lambda: z.number().openapi({
      description:
        "The fusion weight of the list: the request's, else the one its models ask for (models[].lambda) when they agree, else 0.3",
    }),
    tokens: z.number().int(),
    models: z.array(ModelChoiceSchema).openapi({
      description:
        'The model used per document language, and why; "none" where routing.json keeps the first-stage order for the pair (then depth is 0)',
    }),
  })
  .openapi('RerankMeta');

export const SearchResponseSchema = z
  .object({
    results: z.array(SearchHitSchema),
    meta: z.object({
      index: z.object({ name: z.string(), build_id: z.string(), doc_count: z.number().int() }),
      query: z.object({
        lang: z.string().openapi({ description: 'The language the query was read in' }),
        lang_source: z.enum(['given', 'detected', 'fallback']).openapi({
          description:
            'given: query_lang; detected: language identification; fallback: neither could be used (see lang_reason), so the index language the query matches best',
        }),
        lang_reason: z.string().nullable().openapi({
          description: 'Why the given or detected language was not used; null unless a fallback',
        }),
        detected: z.boolean().openapi({ description: 'Whether language identification ran' }),
        detected_lang: z.string().nullable().openapi({ description: "Language identification's answer" }),
        confidence: z.number().nullable().openapi({ description: 'Language detection confidence' }),
        terms: z.array(z.string()),
      }),
      first_stage: z.object({
        method: z.enum(['bm25', 'psq']),
        fusion: z.string().nullable(),
        unreachable_langs: z.array(z.string()).openapi({
          description: 'Document languages skipped: no lexicon leads to them from the query language',
        }),
        languages: z.array(
          z.object({
            lang: z.string(),
            via: z.string(),
            untranslated: z.array(z.string()),
            names: z.array(z.object({ word: z.string(), terms: z.array(z.string()) })).openapi({
              description:
                'Untranslated query words found as names in the index vocabulary by their consonant skeleton (e.g. Пэнтерс → panther), searched as those terms',
            }),
            compounds: z.array(z.object({ word: z.string(), parts: z.array(z.string()) })).openapi({
              description:
                'Untranslated query words split into parts the lexicon knows (Regenwald → regen + wald, 雨林 → 雨 + 林), or an Arabic word into the one part behind its joined prefix (يلعب → لعب), searched as the translations of those parts',
            }),
            hits: z.number(),
          }),
        ),
      }),
      reranked: z.boolean().openapi({
        description:
          'Whether a reranker scored the list; false with a rerank block when the pair routes to "none"',
      }),
      partial: z.boolean().openapi({
        description:
          'Not the whole answer: shards failed (on_shard_failure partial) or the deadline left rerank candidates unscored; see partial_reasons',
      }),
      partial_reasons: z.array(z.enum(['shard_failure', 'rerank_deadline', 'rerank_unavailable'])).openapi({
        description:
          "shard_failure: meta.shards.failed shards are missing from the results; rerank_deadline: the rerank did not finish in time (unscored candidates follow in first-stage order, or nothing was reranked); rerank_unavailable: the reranker could not be reached or failed (the edge Worker's remote rerank), so every candidate keeps its first-stage order",
      }),
      rerank: RerankMetaSchema.nullable(),
      empty_reason: z.string().nullable(),
      shards: z.object({
        searched: z.number().int(),
        failed: z.number().int().openapi({ description: 'Shards left out of these results' }),
        policy: z.enum(SHARD_FAILURE_MODES),
      }),
      deadline_ms: z.number().int().openapi({ description: 'The deadline this request ran under' }),
      timings_ms: z.object({
        first_stage: z.number(),
        rerank: z
          .object({ load: z.number(), tokenize: z.number(), inference: z.number(), total: z.number() })
          .nullable(),
        total: z.number(),
      }),
      billed_units: BilledUnits,
    }),
  })
  .openapi('SearchResponse');

export type SearchResponse = z.infer<typeof SearchResponseSchema>;
export type SearchHitBody = z.infer<typeof SearchHitSchema>;
