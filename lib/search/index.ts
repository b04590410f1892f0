export { idf, lengthNorms, termScore, termUpperBound } from './bm25.js';
export { QueryError } from './errors.js';
export { ranksAbove, TopKHeap, type ScoredDoc } from './heap.js';
export {
  bagOfWords,
  DEFAULT_TOP_K,
  MAX_TOP_K,
  Searcher,
  type QueryInfo,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  type WeightedTerm,
} from './searcher.js';
export { exhaustiveTopK, maxScoreTopK, type ScoringTerm, type ShardScoring } from './topk.js';
