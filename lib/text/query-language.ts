/**
 * The first word on a query's language: the caller's tag when it gave one (checked and made
 * canonical), else what the detector reads. Everything that runs a query asks this one function,
 * so `xlir search`, the API and the edge Worker agree; lib/search's fan-out may still fall back
 * from a detected language that cannot reach the documents, and says so.
 */
import { UNDETERMINED_LANGUAGE } from './constants.js';
import type { LanguageDetector } from './langid.js';
import { canonicalLanguage } from './tags.js';

/** How a query's language was chosen: as given, as detected, or a fallback (lib/search fanout.ts). */
export type LanguageSource = 'given' | 'detected' | 'fallback';

export interface QueryLanguage {
  lang: string;
  source: LanguageSource;
  /** Present when the language was detected rather than given. */
  detectedConfidence?: number;
}

/**
 * `queryLang` when given (InvalidLanguageTagError when it is not a language tag), else the
 * detector's answer, or `und` with confidence 0 when the text has no language to tell.
 */
export function identifyQueryLanguage(
  query: string,
  queryLang: string | undefined,
  detector: LanguageDetector,
): QueryLanguage {
  if (queryLang !== undefined) return { lang: canonicalLanguage(queryLang), source: 'given' };
  const detected = detector.detect(query);
  return detected
    ? { lang: detected.lang, detectedConfidence: detected.confidence, source: 'detected' }
    : { lang: UNDETERMINED_LANGUAGE, detectedConfidence: 0, source: 'detected' };
}
