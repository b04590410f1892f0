/**
 * The Node-only surface of lib/lexicon: making lexicons. The importers (MUSE, xling, OMW,
 * FreeDict, wikititles, Wikipedia SQL dumps, Ding, Apertium) read local files and streams,
 * induction runs ONNX or reads embeddings from disk, `xlir lexicon build` walks folders, and the
 * pack writer gzips with node:zlib. Reading lexicons and packs runs anywhere: ./index.ts.
 */
export type { ImportOptions, ImportResult } from './importers/common.js';
export { importMuse, importXling } from './importers/word-pairs.js';
export { importOmw } from './importers/omw.js';
export { decodeDictdNumber, importFreedict, parseDictdEntry } from './importers/freedict.js';
export { cleanTitle } from './importers/titles.js';
export { importWikititles } from './importers/wikititles.js';
export { importWikipediaSql, type WikipediaSqlOptions, type WikipediaSqlPaths } from './importers/wikisql.js';
export { SqlTupleParser, streamSqlTuples, type SqlValue } from './importers/sql-stream.js';
export { importDing, parseDingEntry } from './importers/ding.js';
export { importUnihan, unihanGlosses, UNIHAN_MAX_GLOSS_WORDS } from './importers/unihan.js';
export { cedictGlosses, CEDICT_MAX_GLOSS_WORDS, importCedict, installedCedict } from './importers/cedict.js';
export {
  APERTIUM_STEP_BUDGET,
  type ApertiumOptions,
  importApertium,
  importApertiumText,
  type LtPrintWalk,
  runLtPrint,
  walkLtPrint,
} from './importers/apertium.js';
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
export * from './build/index.js';
export {
  directionKey,
  writeLexiconPack,
  type LexiconPackInput,
  type WriteLexiconPackOptions,
} from './pack/write.js';
