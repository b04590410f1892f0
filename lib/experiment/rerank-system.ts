/** The reranking stage as an experiment system: first-stage candidates in, reranked list out. */
import type { MixedLanguageStrategy, Reranker } from '../rerank/index.js';
import type { Candidate, RankingQuery, RankingSystem } from './types.js';

export interface RerankSystemOptions {
  depth: number;
  /** A model id, or 'auto' to route by (query language, document language). */
  model: string;
  lambda: number;
  strategy?: MixedLanguageStrategy;
}

export function rerankSystemName(options: RerankSystemOptions): string {
  const strategy = options.strategy ? `/${options.strategy}` : '';
  return `rerank:${options.model}${strategy}@${options.lambda}`;
}

export function rerankSystem(reranker: Reranker, options: RerankSystemOptions): RankingSystem {
  return {
    name: rerankSystemName(options),
    depth: options.depth,
    needsText: true,
    async rank(query: RankingQuery, candidates: readonly Candidate[]): Promise<Candidate[]> {
      const result = await reranker.rerank({
        query: query.text,
        queryLang: query.lang,
        candidates: candidates.map((c) => ({
          docId: c.docId,
          lang: c.lang,
          text: c.text ?? '',
          bm25Score: c.score,
        })),
        depth: candidates.length,
        model: options.model,
        lambda: options.lambda,
        ...(options.strategy ? { strategy: options.strategy } : {}),
      });
      // Positions, not fused scores, carry the order: the experiment scores runs by rank.
      return result.results.map((r, i) => ({
        docId: r.docId,
        lang: r.lang,
        score: result.results.length - i,
      }));
    },
  };
}
