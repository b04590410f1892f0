/** Public surface of lib/lexicon: bilingual lexicons, their serialisation, combination and importers. */
export { DEFAULT_MAX_PHRASE_WORDS } from './constants.js';
export { LexiconError } from './errors.js';
export {
  Lexicon,
  type LexiconEntry,
  type LexiconInfo,
  type PhraseMatch,
  type Translation,
} from './lexicon.js';
export { normalizeKey } from './normalize.js';
export { fromTsv, toTsv } from './tsv.js';
export { invert, merge, type WeightedLexicon } from './combine.js';
export { lexiconStats, type LexiconStats } from './stats.js';
export type { ImportOptions, ImportResult } from './importers/common.js';
export { importMuse, importXling } from './importers/word-pairs.js';
export { importOmw } from './importers/omw.js';
export { decodeDictdNumber, importFreedict, parseDictdEntry } from './importers/freedict.js';
export { cleanTitle } from './importers/titles.js';
export { importWikititles } from './importers/wikititles.js';
export { importWikipediaSql, type WikipediaSqlOptions, type WikipediaSqlPaths } from './importers/wikisql.js';
export { SqlTupleParser, streamSqlTuples, type SqlValue } from './importers/sql-stream.js';
export {
  evaluateBli,
  induce,
  readGold,
  readVec,
  writeVec,
  type BliScores,
  type Embeddings,
  type GoldDictionary,
  type InduceBackend,
  type InduceMethod,
  type InduceOptions,
  type ReadVecOptions,
  type ReadVecResult,
  type VecSkips,
} from './induce/index.js';
export { importDing, parseDingEntry } from './importers/ding.js';
export { importApertium, importApertiumText, parseLtExpand } from './importers/apertium.js';
export * from './build/index.js';
export * from './pack/index.js';
