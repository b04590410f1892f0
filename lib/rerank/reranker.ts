/**
 * The second stage: reorders first-stage candidates with cross-encoders chosen per document
 * language, fuses with BM25, and honours a time budget without ever hiding a shortfall.
 *
 * Under a deadline, candidates are scored window by window in first-stage order (length-bucketed
 * inside a window) and a batch starts only if the running cost estimate says it can finish in
 * time. What was scored by then is ranked by fused score; the rest keeps first-stage order below
 * it, and the result says `partial: true` with the counts.
 */
import {
  DEADLINE_WINDOW_BATCHES,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  MAX_BATCH_SIZE,
  MAX_RERANK_DEPTH,
} from './constants.js';
import { RerankRequestError } from './errors.js';
import { lengthBuckets, windows } from './batching.js';
import { rankCandidates } from './fusion.js';
import { acquireModel, type ModelLoadOptions, type RerankModel } from './model.js';
import { chooseModels, type MixedLanguageStrategy, type ModelChoice } from './model-choice.js';
import { ModelRegistry } from './registry.js';
import { routingLanguage } from './routing.js';
import {
  checkRequest,
  type RerankCandidate,
  type RerankRequest,
  type RerankResult,
  type ScorePairsResult,
} from './request.js';
import type { EncodedPair } from './tokenizer.js';

export interface RerankerOptions extends ModelLoadOptions {
  batchSize?: number;
  strategy?: MixedLanguageStrategy;
  lambda?: number;
  /** Overrides every model's max_length (benchmarks; must not exceed what the model supports). */
  maxLength?: number;
  /** Milliseconds since an arbitrary origin; only deadlines read it. Tests pass a fake clock. */
  clock?: () => number;
}

interface Timing {
  loadMs: number;
  tokenizeMs: number;
  inferenceMs: number;
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
    const fusionLambda = lambda ?? this.options.lambda ?? DEFAULT_LAMBDA;
    const deadlineAt = deadlineMs === undefined ? Infinity : started + deadlineMs;
    const top = request.candidates.slice(0, depth);
    const timing: Timing = { loadMs: 0, tokenizeMs: 0, inferenceMs: 0 };
    const scoredTokens = { count: 0 };

    const docLangs = top.map((c) => routingLanguage(c.lang));
    const choices = chooseModels(
      this.registry,
      request.queryLang,
      [...new Set(docLangs)],
      request.model ?? 'auto',
      strategy,
      requestedStrategy === undefined,
    );
    const modelOf = new Map(choices.map((c) => [c.docLang, c.model]));
    const models = await this.loadModels(choices, timing);

    const modelOfIndex = (i: number): string => modelOf.get(docLangs[i]!)!;
    const logits = await this.scoreUntil(
      request.query,
      top,
      modelOfIndex,
      models,
      deadlineAt,
      timing,
      scoredTokens,
    );
    const rerankScores = top.map((_, i) => {
      const logit = logits[i];
      return logit === undefined ? undefined : models.get(modelOfIndex(i))!.score(logit);
    });
    const ranked = rankCandidates(
      top.map((c) => c.bm25Score),
      rerankScores,
      fusionLambda,
    );
    // Candidates beyond depth follow in first-stage order.
    for (let i = top.length; i < request.candidates.length; i++) ranked.push({ index: i });
    const scored = rerankScores.filter((s) => s !== undefined).length;
    return {
      results: ranked.map(({ index, score }) => {
        const candidate = request.candidates[index]!;
        const logit = logits[index];
        return {
          docId: candidate.docId,
          lang: candidate.lang,
          firstStageRank: index + 1,
          bm25Score: candidate.bm25Score,
          ...(logit === undefined
            ? {}
            : { rerankScore: rerankScores[index]!, logit, score: score!, model: modelOfIndex(index) }),
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
      lambda: fusionLambda,
      tokens: scoredTokens.count,
      timing: { ...timing, totalMs: performance.now() - total },
    };
  }

  /** Scores (query, passage) pairs with one model, no routing or fusion: logits and comparable scores. */
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
   * Logits of the candidates scored before the deadline (undefined for the others). Windows go
   * in first-stage order; inside one, each model's share is length-bucketed into batches.
   */
  private async scoreUntil(
    query: string,
    top: readonly RerankCandidate[],
    modelOf: (index: number) => string,
    models: ReadonlyMap<string, RerankModel>,
    deadlineAt: number,
    timing: Timing,
    scoredTokens: { count: number },
  ): Promise<Array<number | undefined>> {
    const logits: Array<number | undefined> = [];
    const queryIds = new Map<string, number[]>();
    // Filled window by window; lengthBuckets reads only the members it is given.
    const encoded: EncodedPair[] = [];
    const lengths: number[] = [];
    const windowSize =
      deadlineAt === Infinity ? Math.max(top.length, 1) : this.batchSize * DEADLINE_WINDOW_BATCHES;
    for (const window of windows(top.length, windowSize)) {
      for (const [modelId, members] of groupBy(window, modelOf)) {
        const model = models.get(modelId)!;
        const t0 = performance.now();
        let ids = queryIds.get(modelId);
        if (!ids) queryIds.set(modelId, (ids = model.tokenizer.tokenize(query)));
        const maxLength = this.options.maxLength ?? model.maxLength;
        for (const i of members) {
          const pair = model.tokenizer.encodePassage(ids, top[i]!.text, maxLength);
          encoded[i] = pair;
          lengths[i] = pair.ids.length;
        }
        timing.tokenizeMs += performance.now() - t0;
        for (const batch of lengthBuckets(lengths, this.batchSize, members)) {
          const width = Math.max(...batch.map((i) => lengths[i]!));
          // Start a batch only if it is expected to finish in time: a late answer is no answer.
          if (deadlineAt - this.clock() <= model.estimateMs(batch.length, width)) return logits;
          const t1 = performance.now();
          const scores = await model.runBatch(batch.map((i) => encoded[i]!));
          timing.inferenceMs += performance.now() - t1;
          batch.forEach((i, j) => {
            logits[i] = scores[j]!;
            scoredTokens.count += lengths[i]!;
          });
        }
      }
    }
    return logits;
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
