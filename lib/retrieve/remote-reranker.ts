/**
 * A RerankBackend that scores over HTTP: the edge Worker has no ONNX runtime, so it sends a
 * search's candidates to an xlir API's POST /v1/rerank (the Lambda API) and fuses the scores that
 * come back with the first stage's here, with lib/rerank's own `rankToDepth` at the request's
 * λ, else at the one its models ask for (`fusionLambda`; the answer's `models` carry each one's).
 * The body is Cohere's v1 rerank plus xlir's `xlir` extension, which makes the API score the
 * documents exactly as its own /v1/search would: routed by the languages the search resolved (no
 * detection), passages truncated rather than chunked, and each document's model and unfused score
 * returned. So a search reranked through here ranks and scores as one reranked in-process.
 *
 * The call gets the rerank's budget (the request's remaining deadline): the API is told it, less
 * the time its answer needs to come back, and plans its batches in it as an in-process rerank
 * does, leaving out what does not fit (partial); this side aborts at the budget itself. Late or
 * cut, the candidates it did not score keep their first-stage order below the scored ones (the
 * first stage's order stands when none were; the response says rerank_deadline). Failed
 * (unreachable, 5xx, a refused key, an answer that is not one), it returns them unscored with
 * `unavailable` saying why (rerank_unavailable): a remote reranker that is down costs the
 * rerank, never the search. A request the API refuses
 * as the caller's mistake (an unknown model: 404, a bad request: 400) is a RemoteRerankError for
 * the front end to answer with that status. Documents whose pair the API routes to "none" come
 * back unscored with that choice: the first stage's order stands with depth 0, as in-process.
 */
import {
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  firstStageOrder,
  fusionLambda,
  keepsFirstStage,
  MAX_RERANK_DEPTH,
  rankToDepth,
  type MixedLanguageStrategy,
  type ModelChoice,
  type RerankedDoc,
  type RerankRequest,
  type RerankResult,
} from '../rerank/contract.js';
import { checkRequest } from '../rerank/request.js';
import type { RerankBackend, RetrieveLog } from './types.js';

/** xlir's extension of a Cohere v1 rerank request: score the documents as /v1/search would. */
export interface XlirRerankHints {
  /** The query's language: route by it instead of detecting it. */
  query_lang: string;
  /** Each document's language, in order: route by them instead of detecting them. */
  doc_langs: string[];
  /**
   * Each document's first-stage score, in order: a model with a first_stage input reads them
   * (lib/rerank/first-stage.ts), so the remote score equals the in-process one.
   */
  first_stage_scores?: number[];
  strategy?: MixedLanguageStrategy;
  /** The caller's remaining time; the API answers 504 rather than late. */
  deadline_ms?: number;
}

/** What the API adds to its answer for a request with `xlir`: per document, what /v1/search fuses. */
export interface XlirRerankAnswer {
  /** `document_match`: document translation's score, for a document read in glosses (fused next to its first-stage score). */
  results: Array<{ index: number; model: string; score: number; logit: number; document_match?: number }>;
  /** `lambda`: the model's own fusion weight (absent from an API older than per-model weights). */
  models: Array<{ doc_lang: string; model: string; rule: string; reason: string; lambda?: number }>;
  strategy: MixedLanguageStrategy;
  tokens: number;
  timing: { load: number; tokenize: number; inference: number; total: number };
}

/** The body the remote reranker POSTs. */
export interface RemoteRerankBody {
  model: string;
  query: string;
  documents: string[];
  return_documents: false;
  xlir: XlirRerankHints;
}

/** The rerank API refused the request as the caller's mistake: answer the client with this status. */
export class RemoteRerankError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteRerankError';
  }
}

export interface RemoteRerankerOptions {
  /** The rerank endpoint, e.g. https://api.example.com/v1/rerank (XLIR_RERANK_URL). */
  url: string;
  /** API key sent as a bearer token (XLIR_RERANK_KEY). */
  key: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  log?: RetrieveLog;
}

/**
 * Of the rerank's budget, what the API is not told about: time for its answer to travel back. It
 * plans its batches in the rest and leaves out what does not fit, so a slow rerank still comes
 * back partly scored before this side gives up on it.
 */
export const REMOTE_RETURN_RESERVE_MS = 100;

/** Statuses that mean the caller asked for something the API does not have or accept. */
const CALLER_STATUSES = new Set([400, 404]);
/** The API's answer when the deadline we sent passed there. */
const DEADLINE_STATUS = 504;

/** How a call ended when it produced no scores. */
type Failure = { kind: 'late' } | { kind: 'unavailable'; why: string };

export class RemoteReranker implements RerankBackend {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RemoteRerankerOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async rerank(request: RerankRequest): Promise<RerankResult> {
    const started = performance.now();
    const { depth, lambda, deadlineMs } = checkRequest(request, MAX_RERANK_DEPTH);
    const top = request.candidates.slice(0, depth);
    if (top.length === 0) return this.unscored(request, depth, lambda, started);
    const body: RemoteRerankBody = {
      model: request.model ?? 'auto',
      query: request.query,
      documents: top.map((c) => c.text),
      return_documents: false,
      xlir: {
        query_lang: request.queryLang,
        doc_langs: top.map((c) => c.lang),
        first_stage_scores: top.map((c) => c.bm25Score),
        ...(request.strategy !== undefined ? { strategy: request.strategy } : {}),
        ...(deadlineMs !== undefined
          ? { deadline_ms: Math.max(1, Math.floor(deadlineMs - REMOTE_RETURN_RESERVE_MS)) }
          : {}),
      },
    };
    const outcome = await this.call(body, deadlineMs);
    if ('kind' in outcome) {
      if (outcome.kind === 'unavailable') this.options.log?.warn(`remote rerank unavailable: ${outcome.why}`);
      return this.unscored(request, depth, lambda, started, outcome);
    }
    return this.fused(request, depth, lambda, outcome, started);
  }

  /** The API's xlir answer, or how the call failed; throws RemoteRerankError for a caller's mistake. */
  private async call(
    body: RemoteRerankBody,
    deadlineMs: number | undefined,
  ): Promise<XlirRerankAnswer | Failure> {
    const controller = new AbortController();
    const timer =
      deadlineMs === undefined ? undefined : setTimeout(() => controller.abort(), Math.max(0, deadlineMs));
    try {
      const response = await this.fetchImpl(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.key}` },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await response.text();
      if (response.ok) return parseAnswer(text, body.documents.length);
      const error = errorOf(text);
      if (response.status === DEADLINE_STATUS) return { kind: 'late' };
      if (CALLER_STATUSES.has(response.status)) {
        throw new RemoteRerankError(response.status as 400 | 404, `rerank: ${error.message}`);
      }
      this.options.log?.error(`remote rerank answered ${response.status}`, { error });
      return { kind: 'unavailable', why: `the rerank service answered ${response.status} ${error.type}` };
    } catch (error) {
      if (error instanceof RemoteRerankError) throw error;
      if (controller.signal.aborted) return { kind: 'late' };
      if (error instanceof MalformedAnswerError) return { kind: 'unavailable', why: error.message };
      this.options.log?.error('remote rerank could not be reached', { error: String(error) });
      return {
        kind: 'unavailable',
        why: `the rerank service could not be reached (${(error as Error).name})`,
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /** The remote scores fused with the first stage's, in lib/rerank's order. */
  private fused(
    request: RerankRequest,
    depth: number,
    lambda: number | undefined,
    answer: XlirRerankAnswer,
    started: number,
  ): RerankResult {
    const top = request.candidates.slice(0, keepsFirstStage(answer.models) ? 0 : depth);
    const scoreOf = new Map(answer.results.map((r) => [r.index, r]));
    const rerankScores = top.map((_, i) => scoreOf.get(i)?.score);
    const models: ModelChoice[] = answer.models.map((m) => ({
      docLang: m.doc_lang,
      model: m.model,
      rule: m.rule as ModelChoice['rule'],
      reason: m.reason,
      ...(m.lambda !== undefined ? { lambda: m.lambda } : {}),
    }));
    const lambdaOfList = fusionLambda(
      models,
      top.map((_, i) => scoreOf.get(i)?.model),
      lambda,
    );
    const documentMatch = top.map((_, i) => scoreOf.get(i)?.document_match);
    const ranked = rankToDepth(
      request.candidates.map((c) => c.bm25Score),
      rerankScores,
      lambdaOfList,
      documentMatch,
    );
    const scored = rerankScores.filter((s) => s !== undefined).length;
    return {
      results: ranked.map(({ index, score }): RerankedDoc => {
        const candidate = request.candidates[index]!;
        const remote = index < top.length ? scoreOf.get(index) : undefined;
        return {
          docId: candidate.docId,
          lang: candidate.lang,
          firstStageRank: index + 1,
          bm25Score: candidate.bm25Score,
          ...(remote === undefined
            ? {}
            : {
                rerankScore: remote.score,
                logit: remote.logit,
                score: score!,
                model: remote.model,
                chunks: 1,
                bestChunk: 0,
                ...(remote.document_match !== undefined ? { documentMatch: remote.document_match } : {}),
              }),
        };
      }),
      partial: scored < top.length,
      counts: {
        candidates: request.candidates.length,
        depth: top.length,
        scored,
        unscored: top.length - scored,
      },
      models,
      strategy: answer.strategy,
      lambda: lambdaOfList,
      tokens: answer.tokens,
      timing: {
        loadMs: answer.timing.load,
        tokenizeMs: answer.timing.tokenize,
        inferenceMs: answer.timing.inference,
        totalMs: performance.now() - started,
      },
    };
  }

  /** Every candidate unscored, in first-stage order: late (partial) or failed (unavailable too). */
  private unscored(
    request: RerankRequest,
    depth: number,
    lambda: number | undefined,
    started: number,
    failure?: Failure,
  ): RerankResult {
    const top = Math.min(depth, request.candidates.length);
    return {
      results: firstStageOrder(request.candidates),
      partial: top > 0,
      ...(failure?.kind === 'unavailable' ? { unavailable: failure.why } : {}),
      counts: { candidates: request.candidates.length, depth: top, scored: 0, unscored: top },
      models: [],
      strategy: request.strategy ?? DEFAULT_MIXED_LANGUAGE_STRATEGY,
      lambda: lambda ?? DEFAULT_LAMBDA,
      tokens: 0,
      timing: { loadMs: 0, tokenizeMs: 0, inferenceMs: 0, totalMs: performance.now() - started },
    };
  }
}

/** A 200 whose body is not the xlir answer it should be (an older API, a proxy's page). */
class MalformedAnswerError extends Error {}

function parseAnswer(text: string, documents: number): XlirRerankAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MalformedAnswerError('the rerank service answered 200 with a body that is not JSON');
  }
  const answer = (json as { xlir?: unknown } | null)?.xlir as XlirRerankAnswer | undefined;
  const fail = (why: string): never => {
    throw new MalformedAnswerError(`the rerank service's answer ${why}`);
  };
  if (answer === undefined || typeof answer !== 'object' || answer === null) {
    return fail('has no "xlir" block: it does not support the xlir extension of /v1/rerank (update it)');
  }
  if (!Array.isArray(answer.results) || !Array.isArray(answer.models)) fail('lacks results or models');
  const seen = new Set<number>();
  for (const r of answer.results) {
    const ok =
      Number.isInteger(r.index) &&
      r.index >= 0 &&
      r.index < documents &&
      !seen.has(r.index) &&
      typeof r.model === 'string' &&
      Number.isFinite(r.score) &&
      Number.isFinite(r.logit) &&
      (r.document_match === undefined || Number.isFinite(r.document_match));
    if (!ok) fail(`has a malformed result (${JSON.stringify(r).slice(0, 200)})`);
    seen.add(r.index);
  }
  for (const m of answer.models) {
    if (typeof m.doc_lang !== 'string' || typeof m.model !== 'string' || typeof m.rule !== 'string') {
      fail('has a malformed model choice');
    }
    if (m.lambda !== undefined && !(typeof m.lambda === 'number' && m.lambda >= 0 && m.lambda <= 1)) {
      fail(`has a model choice with a fusion weight outside [0, 1] (${JSON.stringify(m.lambda)})`);
    }
  }
  const timing = answer.timing as Partial<XlirRerankAnswer['timing']> | undefined;
  if (!Number.isFinite(answer.tokens) || typeof answer.strategy !== 'string' || timing === undefined) {
    fail('lacks tokens, strategy or timing');
  }
  return answer;
}

/** The API's {"error": {type, message}}, or what stands for it. */
function errorOf(text: string): { type: string; message: string } {
  try {
    const error = (JSON.parse(text) as { error?: { type?: unknown; message?: unknown } }).error;
    if (typeof error?.type === 'string' && typeof error.message === 'string') {
      return { type: error.type, message: error.message };
    }
  } catch {
    // Not JSON: a proxy's or a gateway's own page.
  }
  return { type: 'error', message: 'no error body' };
}
