/**
 * `--rerank DEPTH [--models URI] [--model auto|ID] [--lambda L] [--deadline-ms N]
 * [--rerank-strategy multilingual|per-language]` of `xlir search`: wraps the first stage so it
 * fetches DEPTH candidates with their text and hands them to the cross-encoder stage.
 */
import {
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  DEFAULT_ROUTING_URI,
  MAX_RERANK_DEPTH,
  MIXED_LANGUAGE_STRATEGIES,
  Reranker,
  type MixedLanguageStrategy,
  type RerankResult,
} from '../rerank/index.js';
import type { SearchHit, SearchResult } from '../search/index.js';
import { parseNumber } from './args.js';
import { UsageError } from './errors.js';
import type { QueryRunner } from './first-stage.js';
import type { OptionSpecs } from './spec.js';

/** The options of `xlir search` that add the cross-encoder stage; all but --rerank need it. */
export const RERANK_FLAGS = {
  rerank: {
    type: 'string',
    value: 'DEPTH',
    description: `rescore the first DEPTH candidates with cross-encoders, 1 to ${MAX_RERANK_DEPTH}`,
  },
  models: {
    type: 'string',
    value: 'URI',
    default: DEFAULT_ROUTING_URI,
    description: 'model routing table (routing.json): a path or s3:// URI',
  },
  model: {
    type: 'string',
    value: 'auto|ID',
    default: 'auto',
    description: 'auto routes by query and document language; an id forces one model',
  },
  lambda: {
    type: 'string',
    value: 'L',
    default: String(DEFAULT_LAMBDA),
    description: 'fusion weight, 0 to 1: (1-L)·norm(first stage) + L·norm(rerank)',
  },
  'deadline-ms': {
    type: 'string',
    value: 'N',
    description: 'stop scoring after N ms; unscored candidates keep first-stage order below the rest',
  },
  'rerank-strategy': {
    type: 'string',
    value: 'STRATEGY',
    choices: MIXED_LANGUAGE_STRATEGIES,
    default: DEFAULT_MIXED_LANGUAGE_STRATEGY,
    description: 'for candidates in several languages: one multilingual model, or each language its own',
  },
} as const satisfies OptionSpecs;

type RerankArgs = { [K in keyof typeof RERANK_FLAGS]?: string | undefined };

/** A reranked hit: the fused score (or, for candidates left unscored, a count below every fused one). */
export type RerankedHit = SearchHit & { bm25Score: number; rerankScore?: number; model?: string };
export type RerankedSearchResult = SearchResult & { rerank: Omit<RerankResult, 'results'> };

export async function rerankRunner(args: RerankArgs, firstStage: QueryRunner): Promise<QueryRunner> {
  if (args.rerank === undefined) {
    const stray = (Object.keys(RERANK_FLAGS) as Array<keyof RerankArgs>).filter((k) => args[k] !== undefined);
    if (stray.length > 0) throw new UsageError(`--${stray[0]} is only used with --rerank DEPTH`);
    return firstStage;
  }
  const depth = parseNumber(args.rerank, '--rerank', { integer: true, min: 1, max: MAX_RERANK_DEPTH })!;
  const lambda = parseNumber(args.lambda, '--lambda', { min: 0, max: 1 });
  const deadlineMs = parseNumber(args['deadline-ms'], '--deadline-ms', { min: 0 });
  const strategy = args['rerank-strategy'];
  if (strategy !== undefined && !MIXED_LANGUAGE_STRATEGIES.includes(strategy as MixedLanguageStrategy)) {
    throw new UsageError(
      `--rerank-strategy must be ${MIXED_LANGUAGE_STRATEGIES.join(' or ')}, got "${strategy}"`,
    );
  }
  const reranker = await Reranker.open(args.models ?? DEFAULT_ROUTING_URI);
  return async (query, options) => {
    const topK = options.topK ?? depth;
    const first = await firstStage(query, { ...options, topK: Math.max(depth, topK), includeText: true });
    const reranked = await reranker.rerank({
      query,
      queryLang: first.query.lang,
      candidates: first.hits.map((h) => ({
        docId: h.docId,
        lang: h.lang,
        text: h.text ?? '',
        bm25Score: h.score,
      })),
      depth,
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(lambda !== undefined ? { lambda } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(strategy !== undefined ? { strategy: strategy as MixedLanguageStrategy } : {}),
    });
    if (reranked.partial) {
      const { scored, depth: total } = reranked.counts;
      console.error(
        `note: rerank deadline: ${scored} of ${total} candidates scored; the rest keep first-stage order below them`,
      );
    }
    return toSearchResult(first, reranked, topK, options.includeText === true);
  };
}

function toSearchResult(
  first: SearchResult,
  reranked: RerankResult,
  topK: number,
  includeText: boolean,
): RerankedSearchResult {
  let below = 0;
  const hits = reranked.results.slice(0, topK).map((doc): RerankedHit => {
    const { title, text } = first.hits[doc.firstStageRank - 1]!;
    return {
      docId: doc.docId,
      lang: doc.lang,
      // TREC runs are ordered by score, so unscored candidates count down below the fused range [0, 1].
      score: doc.score ?? -++below,
      bm25Score: doc.bm25Score,
      ...(doc.rerankScore !== undefined ? { rerankScore: doc.rerankScore, model: doc.model! } : {}),
      ...(includeText && title !== undefined ? { title } : {}),
      ...(includeText && text !== undefined ? { text } : {}),
    };
  });
  const { results: _results, ...rerank } = reranked;
  return { ...first, hits, rerank };
}
