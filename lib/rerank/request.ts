/** The shapes of a rerank request and its result, and the checks a request must pass. */
import { LONG_PASSAGE_MODES, type LongPassages } from './chunking.js';
import { RerankRequestError } from './errors.js';
import { MIXED_LANGUAGE_STRATEGIES, type MixedLanguageStrategy, type ModelChoice } from './model-choice.js';

export interface RerankCandidate {
  docId: string;
  /** Document language (BCP-47); routes the candidate to a model variant. */
  lang: string;
  /** The passage the cross-encoder reads. */
  text: string;
  bm25Score: number;
}

export interface RerankRequest {
  query: string;
  queryLang: string;
  /** First-stage candidates, best first. */
  candidates: readonly RerankCandidate[];
  /** Rerank the first `depth` candidates (default: all); the rest follow in first-stage order. */
  depth?: number;
  /** 'auto' (default) routes by language; a model id scores every candidate with that model. */
  model?: string;
  /**
   * Fusion weight of the reranker in [0, 1]; default: the one the routed models ask for (their
   * manifests' fusion.lambda) when they agree, else DEFAULT_LAMBDA.
   */
  lambda?: number;
  /** Time budget for the whole call, model loading included. */
  deadlineMs?: number;
  strategy?: MixedLanguageStrategy;
  /** Passages longer than the model reads: truncated (default), rejected, or chunked (chunking.ts). */
  long?: LongPassages;
}

export interface RerankedDoc {
  docId: string;
  lang: string;
  /** 1-based position in the candidate list. */
  firstStageRank: number;
  bm25Score: number;
  /** The model's score: calibrated when its xlir-model.json has a calibration, else the logit. */
  rerankScore?: number;
  logit?: number;
  /** Fused score; present exactly when the candidate was reranked. */
  score?: number;
  model?: string;
  /** Pairs the passage was scored as (1 unless chunked); present when reranked. */
  chunks?: number;
  /** 0-based chunk whose logit is the passage's. */
  bestChunk?: number;
  /** Query and passage tokens read, without special tokens (chunking.ts). */
  inputTokens?: number;
  /**
   * BM25 of the glossed query over the glossed passage (document translation, gloss-match.ts);
   * present when the candidate was read in glosses. Fused next to bm25Score (fusion.ts withDocumentMatch).
   */
  documentMatch?: number;
}

export interface RerankTiming {
  /** Waiting for models (0 when they are warm). */
  loadMs: number;
  tokenizeMs: number;
  inferenceMs: number;
  totalMs: number;
}

export interface RerankResult {
  results: RerankedDoc[];
  /** True when a deadline left candidates within depth unscored; they follow the scored ones. */
  partial: boolean;
  /**
   * Set when the reranker could not score at all (a remote one that failed or refused): why, with
   * no locations. Nothing is scored then and every candidate keeps its first-stage place.
   */
  unavailable?: string;
  counts: { candidates: number; depth: number; scored: number; unscored: number };
  /** The variant used for each document language, and why. */
  models: ModelChoice[];
  strategy: MixedLanguageStrategy;
  /** The fusion weight of the whole list: the request's, else its models' own (fusionLambda). */
  lambda: number;
  /** Model input tokens of the scored pairs, special tokens included, padding not: what usage bills. */
  tokens: number;
  timing: RerankTiming;
}

export interface ScorePairsResult {
  model: string;
  logits: number[];
  /** Calibrated when the model has a calibration, else equal to the logits. */
  scores: number[];
  /** Model input per pair, special tokens included, after truncation. */
  inputIds: number[][];
  timing: RerankTiming;
}

/** Validates what the caller controls; returns the numeric options it checked. */
export function checkRequest(
  request: RerankRequest,
  maxDepth: number,
): { depth: number; lambda?: number; deadlineMs?: number } {
  const fail = (why: string): never => {
    throw new RerankRequestError(why);
  };
  if (typeof request.query !== 'string') fail('query must be a string');
  if (typeof request.queryLang !== 'string' || request.queryLang === '')
    fail('query language is required for reranking');
  if (!Array.isArray(request.candidates)) fail('candidates must be an array');
  request.candidates.forEach((c, i) => {
    if (typeof c.text !== 'string')
      fail(`candidate ${i + 1} (${c.docId}) has no text; fetch the passages for reranking`);
    if (!Number.isFinite(c.bm25Score)) fail(`candidate ${i + 1} (${c.docId}) has no finite bm25Score`);
  });
  const depth = request.depth ?? Math.min(request.candidates.length, maxDepth);
  if (!Number.isInteger(depth) || depth < 0 || depth > maxDepth)
    fail(`rerank depth must be an integer from 0 to ${maxDepth}, got ${depth}`);
  const { lambda, deadlineMs } = request;
  if (lambda !== undefined && !(lambda >= 0 && lambda <= 1))
    fail(`lambda must be between 0 and 1, got ${lambda}`);
  if (deadlineMs !== undefined && !(deadlineMs >= 0 && Number.isFinite(deadlineMs)))
    fail(`deadline must be a non-negative number of milliseconds, got ${deadlineMs}`);
  if (request.strategy !== undefined && !MIXED_LANGUAGE_STRATEGIES.includes(request.strategy))
    fail(`strategy must be ${MIXED_LANGUAGE_STRATEGIES.join(' or ')}, got ${String(request.strategy)}`);
  if (request.long !== undefined) checkLong(request.long, fail);
  return {
    depth: Math.min(depth, request.candidates.length),
    ...(lambda !== undefined ? { lambda } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  };
}

function checkLong(long: LongPassages, fail: (why: string) => never): void {
  if (!LONG_PASSAGE_MODES.includes(long.mode))
    fail(`long passages must be ${LONG_PASSAGE_MODES.join(', ')}, got ${String(long.mode)}`);
  if (long.mode !== 'chunk') return;
  for (const key of ['tokensPerPassage', 'chunksPerPassage', 'totalChunks'] as const) {
    const value = long[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      fail(`${key} must be a positive integer, got ${value}`);
  }
}

/** Every candidate unscored, in first-stage order: the results of a rerank that scored none. */
export function firstStageOrder(candidates: readonly RerankCandidate[]): RerankedDoc[] {
  return candidates.map((candidate, index) => ({
    docId: candidate.docId,
    lang: candidate.lang,
    firstStageRank: index + 1,
    bm25Score: candidate.bm25Score,
  }));
}
