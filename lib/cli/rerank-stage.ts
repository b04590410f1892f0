/**
 * `--rerank DEPTH [--models URI] [--model auto|ID] [--lambda L] [--deadline-ms N]
 * [--rerank-strategy multilingual|per-language]` of `xlir search`: the rerank lib/retrieve runs
 * on the first DEPTH candidates, and how its result prints.
 */
import type { GlossLexicons } from '../codeswitch/index.js';
import {
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  DEFAULT_ROUTING_URI,
  MAX_RERANK_DEPTH,
  MIXED_LANGUAGE_STRATEGIES,
  NO_RERANK,
  lexiconGlosser,
  Reranker,
  type MixedLanguageStrategy,
  type RerankResult,
} from '../rerank/index.js';
import type { RerankBackend, RetrievedHit, Retrieval, RetrieveRerank } from '../retrieve/index.js';
import type { SearchHit, SearchResult } from '../search/index.js';
import { parseNumber } from './args.js';
import { UsageError } from './errors.js';
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
    description: `fusion weight, 0 to 1: (1-L)·norm(first stage) + L·norm(rerank); default: the routed models' own (xlir-model.json fusion.lambda) where they agree, else ${DEFAULT_LAMBDA}`,
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

/** What the rerank flags ask lib/retrieve for: the stage itself, the reranker, and its time bound. */
export interface RerankSettings {
  rerank?: RetrieveRerank;
  reranker?: () => Promise<RerankBackend>;
  rerankDeadlineMs?: number;
}

/**
 * Checks the rerank flags and opens the routing table; nothing without --rerank. `lexicons` (the
 * first stage's, from --lexicons: one catalog, each direction loaded once for both stages) glosses
 * for models that read English glosses.
 */
export async function rerankSettings(
  args: RerankArgs,
  lexicons?: () => Promise<GlossLexicons | undefined>,
): Promise<RerankSettings> {
  if (args.rerank === undefined) {
    const stray = (Object.keys(RERANK_FLAGS) as Array<keyof RerankArgs>).filter((k) => args[k] !== undefined);
    if (stray.length > 0) throw new UsageError(`--${stray[0]} is only used with --rerank DEPTH`);
    return {};
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
  // Models that read English glosses gloss through the lexicons the first stage translates with.
  const reranker = await Reranker.open(
    args.models ?? DEFAULT_ROUTING_URI,
    lexicons !== undefined ? { glosser: lexiconGlosser(lexicons) } : {},
  );
  return {
    rerank: {
      depth,
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(lambda !== undefined ? { lambda } : {}),
      ...(strategy !== undefined ? { strategy: strategy as MixedLanguageStrategy } : {}),
    },
    reranker: async () => reranker,
    ...(deadlineMs !== undefined ? { rerankDeadlineMs: deadlineMs } : {}),
  };
}

/** A reranked hit: the fused score (or, for candidates left unscored, a count below every fused one). */
export type RerankedHit = SearchHit & { bm25Score: number; rerankScore?: number; model?: string };
export type RerankedSearchResult = SearchResult & { rerank: Omit<RerankResult, 'results'> };

/**
 * A retrieval as `xlir search` prints it: the first stage's result, with the reranked order when
 * there was a rerank. TREC runs are ordered by score, so candidates a deadline left unscored
 * count down below the fused range [0, 1].
 */
export function cliResult(retrieval: Retrieval, topK: number): SearchResult | RerankedSearchResult {
  const { first, reranked } = retrieval;
  if (!reranked && retrieval.rerankCut) {
    // The deadline left no time to score anything: every candidate is unscored, in first-stage order.
    const hits = retrieval.hits.map((hit, i) => ({ ...firstStageHit(hit), score: -(i + 1) }));
    console.error(
      `note: rerank deadline: 0 of ${first.hits.length} candidates scored; they keep first-stage order`,
    );
    return { ...first, hits };
  }
  if (!reranked) return { ...first, hits: first.hits.slice(0, topK) };
  const kept = reranked.models.filter((m) => m.model === NO_RERANK);
  if (kept.length > 0) {
    const pairs = kept.map((m) => `${retrieval.language.lang}→${m.docLang}`).join(', ');
    console.error(`note: no reranker is routed for ${pairs} (routing.json); first-stage order kept`);
  }
  if (reranked.partial) {
    const { scored, depth: total } = reranked.counts;
    console.error(
      `note: rerank deadline: ${scored} of ${total} candidates scored; the rest keep first-stage order below them`,
    );
  }
  let below = 0;
  const hits = retrieval.hits.map((hit): RerankedHit => ({
    docId: hit.docId,
    lang: hit.lang,
    score: hit.score ?? -++below,
    bm25Score: hit.firstStageScore,
    ...(hit.rerankScore !== undefined ? { rerankScore: hit.rerankScore, model: hit.model! } : {}),
    ...(hit.title !== undefined ? { title: hit.title } : {}),
    ...(hit.text !== undefined ? { text: hit.text } : {}),
  }));
  const { results: _results, ...rerank } = reranked;
  return { ...first, hits, rerank };
}

function firstStageHit(hit: RetrievedHit): SearchHit {
  return {
    docId: hit.docId,
    lang: hit.lang,
    score: hit.firstStageScore,
    ...(hit.title !== undefined ? { title: hit.title } : {}),
    ...(hit.text !== undefined ? { text: hit.text } : {}),
  };
}
