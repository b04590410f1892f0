/** The reranking stage as an experiment system: first-stage candidates in, reranked list out. */
import {
  fusionLambda,
  rankCandidates,
  type MixedLanguageStrategy,
  type ModelChoice,
  type Reranker,
} from '../rerank/index.js';
import type { Candidate, RankingQuery, RankingSystem } from './types.js';

export interface RerankSystemOptions {
  depth: number;
  /** A model id, or 'auto' to route by (query language, document language). */
  model: string;
  /** A fusion weight, or MODEL_LAMBDA: the one the list's models ask for, as serving fuses by default. */
  lambda: number | typeof MODEL_LAMBDA;
  strategy?: MixedLanguageStrategy;
  /**
   * Whether a model with a first-stage input reads the candidates' scores (default). False
   * measures what a caller without them gets, as the Cohere-compatible /v1/rerank route does:
   * every score 0, so every row [0, 0] (lib/rerank/first-stage.ts). Fusion still uses them.
   */
  firstStageScores?: boolean;
}

/** `--lambda model`: each list fused at the λ its models ask for, as serving does (fusionLambda). */
export const MODEL_LAMBDA = 'model';

/** One system's model scores for a query, with what fusionLambda needs to weigh them as served. */
interface ModelScores {
  scores: Array<number | undefined>;
  /** Document translation's score per candidate, where it was read in glosses (fused next to the first stage's). */
  documentMatch: Array<number | undefined>;
  /** The model that scored each candidate (undefined: unscored), and the request's model choices. */
  models: Array<string | undefined>;
  choices: ModelChoice[];
}

/**
 * Model scores shared by systems that differ only in λ: fusion is cheap, the cross-encoder
 * is not, so an experiment sweeping λ runs each model once per query.
 */
export type RerankScoreCache = Map<string, Promise<ModelScores>>;

/**
 * `glossed`: the reranker glosses every pair into English, whatever each model's manifest says
 * (Reranker.glossesEveryModel); named in the system, and kept apart in the score cache.
 */
export function rerankSystemName(options: RerankSystemOptions, glossed = false): string {
  const strategy = options.strategy ? `/${options.strategy}` : '';
  const scores = options.firstStageScores === false ? '/no-scores' : '';
  const gloss = glossed ? '/gloss' : '';
  return `rerank:${options.model}${strategy}${scores}${gloss}@${options.lambda}`;
}

export function rerankSystem(
  reranker: Reranker,
  options: RerankSystemOptions,
  cache: RerankScoreCache = new Map(),
): RankingSystem {
  const withScores = options.firstStageScores !== false;
  const scoresFor = (query: RankingQuery, candidates: readonly Candidate[]) => {
    const key = [
      options.model,
      options.strategy ?? '',
      withScores ? 'scores' : 'no-scores',
      reranker.glossesEveryModel ? 'gloss' : 'text',
      query.qid,
      query.lang,
      ...candidates.map((c) => c.docId),
    ].join('\u0000');
    let scores = cache.get(key);
    if (!scores) {
      scores = reranker
        .rerank({
          query: query.text,
          queryLang: query.lang,
          candidates: candidates.map((c) => ({
            docId: c.docId,
            lang: c.lang,
            text: c.text ?? '',
            bm25Score: withScores ? c.score : 0,
          })),
          depth: candidates.length,
          model: options.model,
          lambda: 1,
          ...(options.strategy ? { strategy: options.strategy } : {}),
        })
        .then((result) => {
          const byDoc = new Map(result.results.map((r) => [r.docId, r]));
          return {
            scores: candidates.map((c) => byDoc.get(c.docId)?.rerankScore),
            documentMatch: candidates.map((c) => byDoc.get(c.docId)?.documentMatch),
            models: candidates.map((c) => byDoc.get(c.docId)?.model),
            choices: result.models,
          };
        });
      cache.set(key, scores);
    }
    return scores;
  };
  return {
    name: rerankSystemName(options, reranker.glossesEveryModel),
    depth: options.depth,
    needsText: true,
    async rank(query: RankingQuery, candidates: readonly Candidate[]): Promise<Candidate[]> {
      const { scores, documentMatch, models, choices } = await scoresFor(query, candidates);
      const lambda = options.lambda === MODEL_LAMBDA ? undefined : options.lambda;
      const ranked = rankCandidates(
        candidates.map((c) => c.score),
        scores,
        fusionLambda(choices, models, lambda),
        documentMatch,
      );
      // Positions, not fused scores, carry the order: the experiment scores runs by rank.
      return ranked.map((position, i) => ({
        docId: candidates[position.index]!.docId,
        lang: candidates[position.index]!.lang,
        score: ranked.length - i,
      }));
    },
  };
}
