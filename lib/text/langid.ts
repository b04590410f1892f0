/**
 * Language identification for short texts (queries). eld's medium n-gram table won the comparison in
 * bench/langid.ts: as accurate as its large table at a third of the load time and under half the
 * memory. That is still ~0.3 s and ~190 MB resident per thread, so the table loads on first need
 * (`loadLanguageDetector`), not on import: an index build of tagged records would otherwise carry it
 * in the main thread and every worker without ever using it. Three corrections on top, each for a
 * gap the benchmark showed:
 *  - CJK script first: eld scores n-grams, so a Chinese question quoting a Latin name ("Sky Digital是什么")
 *    was read as Basque or German. Han, kana and Hangul carry a word per one or two characters.
 *  - eld has no Indonesian or Swahili model. Its Malay answer is reported as Indonesian (same
 *    macrolanguage, same Snowball stemmer, far more common); when eld is unsure, franc-min is asked and
 *    trusted only for Swahili.
 *  - Near ties go to a language with a dedicated analyzer (Hindi over Marathi, Persian over Kurdish).
 */
import type { eld as EldMedium } from 'eld/medium';
import { franc } from 'franc-min';
import { SUPPORTED_LANGUAGES } from './analyzer.js';
import {
  CJK_CHAR_WEIGHT,
  ELD_UNSURE_SCORE,
  HAS_LETTER_RE,
  NEAR_TIE,
  UNRELIABLE_FACTOR,
} from './constants.js';

export interface DetectedLanguage {
  lang: string;
  /** In [0, 1]. */
  confidence: number;
}

type EldDetector = ReturnType<typeof EldMedium.newInstance>;

let detector: EldDetector | undefined;
let loading: Promise<void> | undefined;

/** Loads eld's n-gram table once per thread; detectLanguage needs it for all but CJK text. */
export function loadLanguageDetector(): Promise<void> {
  loading ??= import('eld/medium').then(({ eld }) => {
    detector = eld.newInstance();
  });
  return loading;
}

/** A caller used detectLanguage without awaiting loadLanguageDetector: a bug, not bad input. */
export class LanguageDetectorNotLoadedError extends Error {
  constructor() {
    super('detectLanguage needs `await loadLanguageDetector()` first: the n-gram table loads lazily');
    this.name = 'LanguageDetectorNotLoadedError';
  }
}
const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_LANGUAGES);

/** eld answers that are reported as another code; see the module comment. */
const ELD_CODE_ALIASES: Readonly<Record<string, string>> = { ms: 'id' };
/** franc-min answers accepted as a second opinion: languages eld cannot produce at all. */
const FRANC_FALLBACK: Readonly<Record<string, string>> = { swh: 'sw' };

const HANGUL_RE = /\p{sc=Hangul}/gu;
const KANA_RE = /[\p{sc=Hiragana}\p{sc=Katakana}]/gu;
const HAN_RE = /\p{sc=Han}/gu;
const LETTER_RE = /\p{L}/gu;

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/** Script-level decision for CJK text, or null when the CJK part does not dominate. */
function detectCjk(text: string): DetectedLanguage | null {
  const hangul = count(HANGUL_RE, text);
  const kana = count(KANA_RE, text);
  const han = count(HAN_RE, text);
  const cjk = hangul + kana + han;
  if (cjk === 0) return null;
  const other = count(LETTER_RE, text) - cjk;
  const weight = cjk * CJK_CHAR_WEIGHT;
  if (weight < other) return null;
  const confidence = weight / (weight + other);
  if (hangul >= kana + han) return { lang: 'ko', confidence };
  return { lang: kana > 0 ? 'ja' : 'zh', confidence };
}

function topScores(scores: Record<string, number>): [string, number][] {
  return Object.entries(scores).sort((a, b) => b[1] - a[1]);
}

/** The best-scoring language, unless a supported language is within NEAR_TIE of an unsupported top. */
function preferSupported(ranked: [string, number][]): [string, number] | undefined {
  const top = ranked[0];
  if (top === undefined || SUPPORTED.has(top[0])) return top;
  for (const candidate of ranked.slice(1)) {
    if (candidate[1] < top[1] * (1 - NEAR_TIE)) break;
    if (SUPPORTED.has(candidate[0])) return candidate;
  }
  return top;
}

/**
 * Most likely language of `text` as an ISO 639-1 code; null when it has no letters or is undecidable.
 * Throws LanguageDetectorNotLoadedError unless loadLanguageDetector has resolved in this thread.
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  if (typeof text !== 'string' || !HAS_LETTER_RE.test(text)) return null;
  const cjk = detectCjk(text);
  if (cjk !== null) return cjk;
  if (detector === undefined) throw new LanguageDetectorNotLoadedError();

  const result = detector.detect(text);
  const best = preferSupported(topScores(result.getScores()));
  if (best === undefined || result.language === '') return null;
  const [code, score] = best;
  const confidence = Math.min(1, Math.max(0, score)) * (result.isReliable() ? 1 : UNRELIABLE_FACTOR);

  if (score < ELD_UNSURE_SCORE) {
    const second = FRANC_FALLBACK[franc(text, { minLength: 1 })];
    if (second !== undefined) return { lang: second, confidence };
  }
  return { lang: ELD_CODE_ALIASES[code] ?? code, confidence };
}
