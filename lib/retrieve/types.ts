/** The shapes of a retrieval: the request, what it runs on, and what it returns. */
import type { MixedLanguageStrategy, RerankRequest, RerankResult } from '../rerank/contract.js';
import type {
  CrossLingualResult,
  FusionMethod,
  ResolvedLanguage,
  Searcher,
  SearchResult,
  ShardFailureMode,
  TranslatorSource,
} from '../search/index.js';
import type { LanguageDetector } from '../text/index.js';
import type { FIRST_STAGE_CHOICES } from './constants.js';

export type FirstStageChoice = (typeof FIRST_STAGE_CHOICES)[number];
export type FirstStageMethod = Exclude<FirstStageChoice, 'auto'>;

export interface RetrieveRerank {
  /** Rescore the first `depth` candidates. */
  depth: number;
  /** 'auto' (default) routes by language; a model id scores every candidate with that model. */
  model?: string;
  /** Fusion weight of the reranker in [0, 1]; default: the one its models ask for (lib/rerank fusionLambda). */
  lambda?: number;
  strategy?: MixedLanguageStrategy;
}

/** One query, as the API, the CLI and the edge Worker all describe it. */
export interface RetrieveRequest {
  query: string;
  /** BCP-47 tag of the query; detected when absent (the response says how it was chosen). */
  queryLang?: string;
  /** Document languages to search; default every language of the index. */
  docLangs?: readonly string[];
  topK: number;
  /** 'auto' (default): PSQ when it has lexicons and a document language differs from the query's. */
  firstStage?: FirstStageChoice;
  /** How per-language lists are merged when the query fans out (default DEFAULT_FUSION). */
  fusion?: FusionMethod;
  /** Return the hits' stored title and text. */
  returnDocuments?: boolean;
  /** What a shard that cannot be read does to the request (default DEFAULT_SHARD_FAILURE). */
  onShardFailure?: ShardFailureMode;
  rerank?: RetrieveRerank;
}

/** A reranker as the pipeline sees it: lib/rerank's Reranker in-process, or a remote one over HTTP. */
export interface RerankBackend {
  rerank(request: RerankRequest): Promise<RerankResult>;
}

export interface RetrieveLog {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** What a retrieval runs on: one open index and the optional resources around it. */
export interface RetrieveSources {
  /** The index's name, for messages. */
  indexName: string;
  searcher: Searcher;
  /** Tells a query's language when the request gives none; asked only then. */
  detector: () => Promise<LanguageDetector>;
  /** Lexicons PSQ translates with; none means BM25 in the query's language only. */
  lexicons?: () => Promise<TranslatorSource | undefined>;
  /** The second stage; needed only by requests that ask for `rerank`. */
  reranker?: () => Promise<RerankBackend>;
  /** Upper bound on the rerank's share of the deadline (XLIR_RERANK_DEADLINE_MS, `--deadline-ms`). */
  rerankDeadlineMs?: number;
  log?: RetrieveLog;
}

/** One result, in final order. */
export interface RetrievedHit {
  docId: string;
  lang: string;
  /** What the list is ordered by: the fused score when reranked (undefined for candidates a rerank left unscored), else the first stage's. */
  score: number | undefined;
  /** What the first stage ordered by (and a rerank fused with): BM25, PSQ, or a fan-out's fused score. */
  firstStageScore: number;
  /** BM25 (PSQ-weighted when translated) of the document in its own language, before any fusion. */
  bm25Score: number;
  rerankScore?: number;
  model?: string;
  title?: string;
  text?: string;
}

export interface Retrieval {
  hits: RetrievedHit[];
  /** The first stage's own result (query terms, fan-out languages, empty reason). */
  first: SearchResult & Partial<CrossLingualResult>;
  language: ResolvedLanguage;
  method: FirstStageMethod;
  reranked?: RerankResult;
  /** The deadline left no time for the rerank, or ran out during it: first-stage order stands. */
  rerankCut: boolean;
  shards: { searched: number; failed: number[]; policy: ShardFailureMode };
  timings: { firstStageMs: number; totalMs: number };
}
