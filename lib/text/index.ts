/**
 * Public surface of lib/text: per-language analyzers and language identification. All of lib/text
 * runs anywhere (Node, Lambda, Cloudflare Workers) and imports nothing from Node (eslint.config.js
 * enforces it), so unlike lib/storage, lib/index, lib/search and lib/lexicon it has no node.ts.
 */
export { getAnalyzer, SUPPORTED_LANGUAGES, type Analyzer } from './analyzer.js';
export { createStemmer, type StemFn } from './stemmers.js';
export { canonicalLanguage, isKnownLanguage, languageName } from './tags.js';
export { InvalidLanguageTagError } from './errors.js';
export {
  createDetectorFrom,
  createLanguageDetector,
  LANGUAGE_DETECTOR_TABLES,
  type DetectedLanguage,
  type LanguageDetector,
  type LanguageDetectorTable,
} from './langid.js';
export { identifyQueryLanguage, type LanguageSource, type QueryLanguage } from './query-language.js';
export { UNDETERMINED_LANGUAGE, UNSPACED_SCRIPT_CLASS } from './constants.js';
export { segmentUnspacedRun, type RunSegment } from './tokenize.js';
export {
  isTransliteratedHan,
  isTransliterationCharacter,
  mergeLiquids,
  nameScriptTest,
  nameSkeleton,
  romanize,
} from './skeleton.js';
