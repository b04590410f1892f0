/**
 * Public surface of lib/search that runs anywhere (Node, Lambda, Cloudflare Workers): BM25 with
 * MaxScore top-k over an IndexReader, PSQ query translation over a LexiconCatalog (in memory or
 * over a lexicon pack in any ObjectStore), fan-out over document languages and fusion. It imports
 * nothing from Node (eslint.config.js enforces it).
 *
 * Opening lexicons from a folder of TSV files or from a file:// or s3:// URI needs Node:
 * openLexicons, catalogFromDirectory and lexiconFilesByDirection are in ./node.ts.
 */
export { idf, lengthNorm, termScore, termUpperBound } from './bm25.js';
export { lengthNorms, type LengthNorms } from './norms.js';
export { blockMaxima, ImpactCache, MIN_POSTINGS_PER_BLOCK, termImpacts } from './impacts.js';
export { MissingLexiconError, QueryError } from './errors.js';
export { ranksAbove, TopKHeap, type ScoredDoc } from './heap.js';
export {
  mergeGroupPostings,
  singletonGroup,
  type TermGroup,
  type WeightedPostings,
  type WeightedTerm,
} from './grouped.js';
export {
  bagOfWords,
  DEFAULT_TOP_K,
  MAX_TOP_K,
  Searcher,
  type LanguageSource,
  type QueryInfo,
  type RankedDoc,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
} from './searcher.js';
export {
  exhaustiveTopK,
  maxScoreInto,
  maxScoreTopK,
  MAXSCORE_WINDOW_DOCS,
  type ScoringPostings,
  type ScoringTerm,
  type ShardScoring,
} from './topk.js';
export {
  DEFAULT_FUSION,
  FUSION_HEAD_DEPTH,
  FUSION_TIE_MARGIN,
  FUSION_METHODS,
  LEXICON_EVIDENCE_WEIGHTS,
  MAX_SOURCE_PHRASE_TERMS,
  COMPOUNDING_LANGUAGES,
  DECOMPOUND_MAX_PARTS,
  DECOMPOUND_MIN_PART_LETTERS,
  DETACHABLE_PREFIXES,
  DETACHED_MIN_LETTERS,
  NAME_MAX_CANDIDATES,
  NAME_MAX_VOCABULARY,
  NAME_MIN_SKELETON_CLASSES,
  NULL_TRANSLATION,
  PHRASE_TERM_SEPARATOR,
  PHRASE_TRANSLATION,
  PHRASE_TRANSLATIONS,
  PIVOT_LANGUAGE,
  PSQ_CUMULATIVE_PROBABILITY,
  PSQ_MAX_TRANSLATIONS,
  RRF_K,
  type FusionMethod,
  type PhraseTranslation,
} from './constants.js';
export {
  isShardFault,
  SHARD_FAILURE_MODES,
  ShardGuard,
  ShardTimeoutError,
  type ShardFailureMode,
  type ShardGuardOptions,
} from './shards.js';
export { fuseRankings, type FusedItem, type FusionOptions } from './fusion.js';
export {
  AnalysedLexicon,
  MixtureTranslator,
  PivotTranslator,
  pruneTranslations,
  type PruneOptions,
  type TermTranslation,
  type TermTranslator,
  type WeightedTranslator,
} from './translation.js';
export {
  catalogFromPack,
  combineEqually,
  LexiconCatalog,
  type EvidenceWeights,
  type LoadLexicons,
  type TranslatorSource,
} from './lexicons.js';
export {
  monolingualQuery,
  translateQuery,
  type CompoundSplit,
  type NameMatch,
  type TranslatedQuery,
  type TranslateOptions,
} from './psq.js';
export { NameMatcher, nameMatcherFor } from './names.js';
export { decompose } from './decompound.js';
export { detachPrefix } from './prefixes.js';
export {
  CrossLingualSearcher,
  resolveFanOutLanguage,
  type CrossLingualOptions,
  type CrossLingualResult,
  type LanguageRanking,
  type ResolvedLanguage,
} from './fanout.js';
