/**
 * The second stage: reorders first-stage candidates with cross-encoders chosen per document
 * language, fuses with BM25, and honours a time budget without ever hiding a shortfall.
 *
 * Under a deadline, candidates are scored window by window in first-stage order (length-bucketed
 * inside a window) and a batch starts only if the running cost estimate says it can finish in
 * time. What was scored by then is ranked by fused score; the rest keeps first-stage order below
 * it, and the result says `partial: true` with the counts.
 *
 * A passage longer than the model reads is truncated, rejected or chunked (chunking.ts); a
 * chunked passage is scored once all its chunks are, as its best chunk.
 *
 * Every pair carries its candidate's first-stage row (first-stage.ts, computed once per request
 * from all its candidates' BM25 scores), every chunk included, through length bucketing into
 * its batch row; only a model with a `first_stage` input is fed it (session.ts).
 *
 * A list whose pair routes to "none" (routing.ts) is not scored at all: the result keeps the
 * first stage's order with depth 0, and its `models` say which route chose that and why.
 */
import {
  DEADLINE_WINDOW_BATCHES,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  MAX_BATCH_SIZE,
  MAX_RERANK_DEPTH,
} from './constants.js';
import { ChunkLimitError, PassageTooLongError, RerankRequestError } from './errors.js';
import { glossMatchScores } from './gloss-match.js';
import { glossInputs, routedAroundGlosses, type Glossed, type TextGlosser } from './glossing.js';
import { lengthBuckets, windows } from './batching.js';
import { encodeCandidate, type LongPassages } from './chunking.js';
import { firstStageFeatures, type FirstStageFeature } from './first-stage.js';
import { rankToDepth } from './fusion.js';
import { acquireModel, type ModelLoadOptions, type RerankModel } from './model.js';
import {
  chooseModels,
  fusionLambda,
  keepsFirstStage,
  withFusionWeights,
  type MixedLanguageStrategy,
  type ModelChoice,
} from './model-choice.js';
import { ModelRegistry } from './registry.js';
import { routingLanguage } from './routing.js';
import {
  checkRequest,
  firstStageOrder,
  type RerankCandidate,
  type RerankRequest,
  type RerankResult,
  type ScorePairsResult,
} from './request.js';
import type { EncodedPair } from './tokenizer.js';
import { TimeSlicer } from './yield.js';

export interface RerankerOptions extends ModelLoadOptions {
  batchSize?: number;
  strategy?: MixedLanguageStrategy;
  lambda?: number;
  /** Overrides every model's max_length (benchmarks; must not exceed what the model supports). */
  maxLength?: number;
  /** Milliseconds since an arbitrary origin; only deadlines read it. Tests pass a fake clock. */
  clock?: () => number;
  /** Longest synchronous stretch of tokenising before yielding to the event loop (YIELD_SLICE_MS). */
  yieldSliceMs?: number;
  /**
   * Time one batch may take, by the model's running cost estimate: batches are cut to the padded
   * tokens (pairs × width) that fit, a single pair at least. Batches run in the inference thread,
   * one after another, so this bounds how long another request waits for its turn there and how
   * much a deadline cuts; a server sets it (lib/api), a batch job leaves it
   * unbounded and gets plain `batchSize` batches.
   */
  maxBatchMs?: number;
  /**
   * Glosses text into English for models whose xlir-model.json says `"input": "english-gloss"`
   * (lib/codeswitch/gloss.ts, over the lexicons the first stage translates with). Without one, a
   * pair routed to such a model goes to the multilingual variant, its reason saying so, and a
   * request naming one is a RerankModelError: it would read text unlike anything it learned from.
   */
  glosser?: TextGlosser;
  /**
   * Every model reads glosses, whatever its xlir-model.json says (needs `glosser`): measures a model
   * trained on text reading the same glossed pairs (the experiment's `--rerank-input gloss`).
   */
  glossEveryModel?: boolean;
}

interface Timing {
  loadMs: number;
  tokenizeMs: number;
  inferenceMs: number;
}

/** A scored candidate: its best chunk's logit, and what was read. */
interface CandidateScore {
  logit: number;
  chunks: number;
  bestChunk: number;
  inputTokens: number;
}

/** A candidate whose chunks are being scored. */
interface Pending extends CandidateScore {
  remaining: number;
}

/** What scoring one request keeps between windows. */
interface ScoringRun {
  query: string;
  /** The query and passages glossed into English, for models that read glosses (else undefined). */
  glossed: Glossed | undefined;
  top: readonly RerankCandidate[];
  /** Each candidate's first-stage row, by candidate index. */
  firstStage: readonly FirstStageFeature[];
  long: LongPassages;
  models: ReadonlyMap<string, RerankModel>;
  timing: Timing;
  /** Model input tokens of the pairs run, special tokens included. */
  tokens: number;
  /** Tokenised queries by model and query text (a glossed query may differ per passage). */
  queryIds: Map<string, number[]>;
  pending: Map<number, Pending>;
  chunks: number;
}

/** The pairs of one model's share of a window, each with its candidate and chunk. */
interface EncodedGroup {
  model: RerankModel;
  pairs: EncodedPair[];
  owners: number[];
  chunkOf: number[];
}

export class Reranker {
  private readonly batchSize: number;
  private readonly clock: () => number;

  constructor(
    readonly registry: ModelRegistry,
    private readonly options: RerankerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_BATCH_SIZE) {
      throw new RerankRequestError(
        `batch size must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${this.batchSize}`,
      );
    }
    this.clock = options.clock ?? (() => performance.now());
  }

  static async open(routingUri: string, options: RerankerOptions = {}): Promise<Reranker> {
    return new Reranker(await ModelRegistry.open(routingUri), options);
  }

  /** Loads (and validates) models now rather than on first use: every model when no ids are given. */
  async warm(ids: readonly string[] = this.registry.ids()): Promise<RerankModel[]> {
    return Promise.all(ids.map((id) => this.model(id)));
  }

  async rerank(request: RerankRequest): Promise<RerankResult> {
    const started = this.clock();
    const total = performance.now();
    const { depth, lambda, deadlineMs } = checkRequest(request, MAX_RERANK_DEPTH);
    const requestedStrategy = request.strategy ?? this.options.strategy;
    const strategy = requestedStrategy ?? DEFAULT_MIXED_LANGUAGE_STRATEGY;
    const requestedLambda = lambda ?? this.options.lambda;
    const deadlineAt = deadlineMs === undefined ? Infinity : started + deadlineMs;
    const top = request.candidates.slice(0, depth);
    const timing: Timing = { loadMs: 0, tokenizeMs: 0, inferenceMs: 0 };

    const docLangs = top.map((c) => routingLanguage(c.lang));
    const chosen = chooseModels(
      this.registry,
      request.queryLang,
      [...new Set(docLangs)],
      request.model ?? 'auto',
      strategy,
      requestedStrategy === undefined,
    );
    const choices = withFusionWeights(
      this.options.glosser ? chosen : routedAroundGlosses(chosen, this.registry),
      this.registry,
    );
    if (keepsFirstStage(choices)) {
      return keptFirstStage(
        request,
        choices,
        strategy,
        requestedLambda ?? DEFAULT_LAMBDA,
        performance.now() - total,
      );
    }
    const modelOf = new Map(choices.map((c) => [c.docLang, c.model]));
    const models = await this.loadModels(choices, timing);

    const modelOfIndex = (i: number): string => modelOf.get(docLangs[i]!)!;
    const t0 = performance.now();
    const glossed = await glossInputs(
      this.options.glosser,
      request,
      top,
      (i) => this.readsGlosses(models.get(modelOfIndex(i))!),
      modelOfIndex,
    );
    timing.tokenizeMs += performance.now() - t0;
    const run: ScoringRun = {
      query: request.query,
      glossed,
      top,
      firstStage: firstStageFeatures(request.candidates.map((c) => c.bm25Score)),
      long: request.long ?? { mode: 'truncate' },
      models,
      timing,
      tokens: 0,
      queryIds: new Map(),
      pending: new Map(),
      chunks: 0,
    };
    const scores = await this.scoreUntil(run, modelOfIndex, deadlineAt);
    const rerankScores = top.map((_, i) => {
      const scored = scores[i];
      return scored === undefined ? undefined : models.get(modelOfIndex(i))!.score(scored.logit);
    });
    // The models that scored (as a remote rerank's answer says them), not those a deadline cut.
    const lambdaOfList = fusionLambda(
      choices,
      top.map((_, i) => (scores[i] === undefined ? undefined : modelOfIndex(i))),
      requestedLambda,
    );
    // A list read wholly in glosses is fused against query and document translation together.
    const match = glossed?.passages.size === top.length ? glossMatchScores(glossed) : undefined;
    const documentMatch = top.map((_, i) => match?.get(i));
    const ranked = rankToDepth(
      request.candidates.map((c) => c.bm25Score),
      rerankScores,
      lambdaOfList,
      documentMatch,
    );
    const scored = rerankScores.filter((s) => s !== undefined).length;
    return {
      results: ranked.map(({ index, score }) => {
        const candidate = request.candidates[index]!;
        const scored = scores[index];
        return {
          docId: candidate.docId,
          lang: candidate.lang,
          firstStageRank: index + 1,
          bm25Score: candidate.bm25Score,
          ...(scored === undefined
            ? {}
            : {
                rerankScore: rerankScores[index]!,
                logit: scored.logit,
                score: score!,
                model: modelOfIndex(index),
                chunks: scored.chunks,
                bestChunk: scored.bestChunk,
                inputTokens: scored.inputTokens,
              }),
          ...(documentMatch[index] !== undefined ? { documentMatch: documentMatch[index] } : {}),
        };
      }),
      partial: scored < top.length,
      counts: {
        candidates: request.candidates.length,
        depth: top.length,
        scored,
        unscored: top.length - scored,
      },
      models: choices,
      strategy: choices.some((c) => c.rule === 'mixed-languages') ? 'multilingual' : strategy,
      lambda: lambdaOfList,
      tokens: run.tokens,
      timing: { ...timing, totalMs: performance.now() - total },
    };
  }

  /**
   * Scores (query, passage) pairs with one model, no routing or fusion: logits and comparable scores.
   * The texts are read as given, glosses included: a model that reads glosses gets none made here.
   */
  async scorePairs(
    modelId: string,
    pairs: ReadonlyArray<readonly [string, string]>,
  ): Promise<ScorePairsResult> {
    const timing: Timing = { loadMs: 0, tokenizeMs: 0, inferenceMs: 0 };
    const t0 = performance.now();
    const model = await this.model(modelId);
    timing.loadMs = performance.now() - t0;
    const t1 = performance.now();
    const maxLength = this.options.maxLength ?? model.maxLength;
    const queries = new Map<string, number[]>();
    const encoded = pairs.map(([query, passage]) => {
      let ids = queries.get(query);
      if (!ids) queries.set(query, (ids = model.tokenizer.tokenize(query)));
      return model.tokenizer.encodePassage(ids, passage, maxLength);
    });
    timing.tokenizeMs = performance.now() - t1;
    const t2 = performance.now();
    const logits = [...(await model.scoreEncoded(encoded, this.batchSize))];
    timing.inferenceMs = performance.now() - t2;
    return {
      model: modelId,
      logits,
      scores: logits.map((l) => model.score(l)),
      inputIds: encoded.map((e) => e.ids),
      timing: { ...timing, totalMs: performance.now() - t0 },
    };
  }

  /**
   * The candidates scored before the deadline (undefined for the others). Windows go in
   * first-stage order; a window is encoded whole, then each model's pairs are length-bucketed
   * into batches. A chunked candidate counts as scored once all its chunks are.
   */
  private async scoreUntil(
    run: ScoringRun,
    modelOf: (index: number) => string,
    deadlineAt: number,
  ): Promise<Array<CandidateScore | undefined>> {
    const scores: Array<CandidateScore | undefined> = [];
    const windowSize =
      deadlineAt === Infinity ? Math.max(run.top.length, 1) : this.batchSize * DEADLINE_WINDOW_BATCHES;
    for (const window of windows(run.top.length, windowSize)) {
      const groups: EncodedGroup[] = [];
      for (const [id, members] of groupBy(window, modelOf))
        groups.push(await this.encodeGroup(run, id, members));
      for (const { model, pairs, owners, chunkOf } of groups) {
        const lengths = pairs.map((p) => p.ids.length);
        for (const batch of lengthBuckets(lengths, this.batchSize, undefined, this.batchTokens(model))) {
          const width = Math.max(...batch.map((j) => lengths[j]!));
          // Start a batch only if it is expected to finish in time: a late answer is no answer.
          if (deadlineAt - this.clock() <= model.estimateMs(batch.length, width)) return scores;
          const t1 = performance.now();
          const logits = await model.runBatch(batch.map((j) => pairs[j]!));
          run.timing.inferenceMs += performance.now() - t1;
          batch.forEach((j, k) => {
            const i = owners[j]!;
            const state = run.pending.get(i)!;
            if (logits[k]! > state.logit) [state.logit, state.bestChunk] = [logits[k]!, chunkOf[j]!];
            run.tokens += lengths[j]!;
            if (--state.remaining > 0) return;
            const { logit, chunks, bestChunk, inputTokens } = state;
            scores[i] = { logit, chunks, bestChunk, inputTokens };
            run.pending.delete(i);
          });
        }
      }
    }
    return scores;
  }

  /** Whether every model reads glosses, whatever its manifest says (RerankerOptions.glossEveryModel). */
  get glossesEveryModel(): boolean {
    return this.options.glossEveryModel === true;
  }

  /** Whether `model` is given the glossed query and passages rather than the text. */
  private readsGlosses(model: RerankModel): boolean {
    return this.glossesEveryModel || model.manifest.input === 'english-gloss';
  }

  /**
   * The pairs of `members` (candidate indices) for one model, checked against `run.long`.
   * Tokenising is synchronous and a large request's takes hundreds of milliseconds, so it pauses
   * between candidates whenever a slice is used up (yield.ts): other requests run meanwhile.
   */
  private async encodeGroup(
    run: ScoringRun,
    modelId: string,
    members: readonly number[],
  ): Promise<EncodedGroup> {
    const { long } = run;
    const model = run.models.get(modelId)!;
    const t0 = performance.now();
    const slicer = new TimeSlicer(this.options.yieldSliceMs);
    const glosses = this.readsGlosses(model) ? run.glossed : undefined;
    const maxLength = this.options.maxLength ?? model.maxLength;
    const group: EncodedGroup = { model, pairs: [], owners: [], chunkOf: [] };
    for (const i of members) {
      await slicer.pause();
      const candidate = run.top[i]!;
      const text = glosses?.passages.get(i) ?? candidate.text;
      const query = glosses?.queries.get(i) ?? run.query;
      const key = `${modelId}\u0000${query}`;
      let ids = run.queryIds.get(key);
      if (!ids) run.queryIds.set(key, (ids = model.tokenizer.tokenize(query)));
      const encoded = encodeCandidate(model.tokenizer, ids, text, maxLength, long);
      if (long.mode === 'reject' && encoded.cut) {
        throw new PassageTooLongError(candidate.docId, modelId, maxLength);
      }
      const chunks = encoded.pairs.length;
      run.chunks += chunks;
      if (long.mode === 'chunk' && long.totalChunks !== undefined && run.chunks > long.totalChunks) {
        throw new ChunkLimitError(run.chunks, long.totalChunks);
      }
      const { inputTokens } = encoded;
      run.pending.set(i, { logit: -Infinity, bestChunk: 0, chunks, remaining: chunks, inputTokens });
      const firstStage = run.firstStage[i]!;
      encoded.pairs.forEach((pair, c) => {
        pair.firstStage = firstStage; // encodeCandidate's pairs are this candidate's own: no copy
        group.pairs.push(pair);
        group.owners.push(i);
        group.chunkOf.push(c);
      });
    }
    // This request's own tokenising time, not the other requests' that ran during its pauses.
    run.timing.tokenizeMs += performance.now() - t0 - slicer.yieldedMs;
    return group;
  }

  /** Padded tokens a batch of `model` may hold under `maxBatchMs` (unbounded without it or an estimate). */
  private batchTokens(model: RerankModel): number {
    const perToken = model.estimateMs(1, 1);
    const budget = this.options.maxBatchMs;
    return budget === undefined || perToken <= 0 ? Infinity : budget / perToken;
  }

  private model(id: string): Promise<RerankModel> {
    return acquireModel(this.registry.model(id).uri, this.options);
  }

  private async loadModels(
    choices: readonly ModelChoice[],
    timing: Timing,
  ): Promise<Map<string, RerankModel>> {
    const t0 = performance.now();
    const ids = [...new Set(choices.map((c) => c.model))];
    const loaded = await Promise.all(ids.map((id) => this.model(id)));
    timing.loadMs = performance.now() - t0;
    return new Map(ids.map((id, i) => [id, loaded[i]!]));
  }
}

/** The result of a request routed to no reranker: first-stage order, nothing scored, depth 0. */
function keptFirstStage(
  request: RerankRequest,
  choices: ModelChoice[],
  strategy: MixedLanguageStrategy,
  lambda: number,
  totalMs: number,
): RerankResult {
  return {
    results: firstStageOrder(request.candidates),
    partial: false,
    counts: { candidates: request.candidates.length, depth: 0, scored: 0, unscored: 0 },
    models: choices,
    strategy,
    lambda,
    tokens: 0,
    timing: { loadMs: 0, tokenizeMs: 0, inferenceMs: 0, totalMs },
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
