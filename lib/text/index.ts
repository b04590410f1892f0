/** Public surface of lib/text: per-language analyzers and language identification. */
export { getAnalyzer, SUPPORTED_LANGUAGES, type Analyzer } from './analyzer.js';
export { canonicalLanguage, isKnownLanguage, languageName } from './tags.js';
export { InvalidLanguageTagError } from './errors.js';
export {
  detectLanguage,
  LanguageDetectorNotLoadedError,
  loadLanguageDetector,
  type DetectedLanguage,
} from './langid.js';
export { UNSPACED_SCRIPT_CLASS } from './constants.js';
export { segmentUnspacedRun, type RunSegment } from './tokenize.js';
