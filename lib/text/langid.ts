/**
 * Language identification for short texts (queries). eld's medium n-gram table won the comparison in
 * bench/langid.ts: as accurate as its large table at a third of the load time and under half the
 * memory. That is still ~0.3 s and ~190 MB resident per thread, so a detector is made by an async
 * factory (`createLanguageDetector`), never on import: an index build of tagged records would
 * otherwise carry the table in the main thread and every worker without ever using it, and a
 * Cloudflare Worker (128 MB per isolate) can only afford the small table. Whoever needs detection
 * awaits the factory and holds the detector it returns; there is no load-before-call protocol.
 * Three corrections on top of eld, each for a gap the benchmark showed:
 *  - CJK script first: eld scores n-grams, so a Chinese question quoting a Latin name ("Sky Digital是什么")
 *    was read as Basque or German. Han, kana and Hangul carry a word per one or two characters.
 *  - eld has no Indonesian or Swahili model. Its Malay answer is reported as Indonesian (same
 *    macrolanguage, same Snowball stemmer, far more common); when eld is unsure, franc-min is asked and
 *    trusted only for Swahili.
 *  - Near ties go to a language with a dedicated analyzer (Hindi over Marathi, Persian over Kurdish).
 */
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

/** What eld's static entries export: one preloaded instance per n-gram table. */
interface EldInstance {
  newInstance(): EldInstance;
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
}

/**
 * eld's n-gram tables, largest first. `medium` is the default (bench/langid.ts); `small` and
 * `extrasmall` are for runtimes with little memory (the edge Worker).
 */
export const LANGUAGE_DETECTOR_TABLES = ['medium', 'small', 'extrasmall'] as const;
export type LanguageDetectorTable = (typeof LANGUAGE_DETECTOR_TABLES)[number];

/** Finds the language of short texts. Made by createLanguageDetector; safe to share. */
export interface LanguageDetector {
  readonly table: LanguageDetectorTable;
  /** Most likely language of `text` as an ISO 639-1 code; null when it has no letters or is undecidable. */
  detect(text: string): DetectedLanguage | null;
}

// One literal import per table, so a bundler keeps only the tables a program can ask for.
const TABLE_LOADERS: Readonly<Record<LanguageDetectorTable, () => Promise<{ eld: EldInstance }>>> = {
  medium: () => import('eld/medium') as Promise<{ eld: EldInstance }>,
  small: () => import('eld/small') as Promise<{ eld: EldInstance }>,
  extrasmall: () => import('eld/extrasmall') as Promise<{ eld: EldInstance }>,
};

const detectors = new Map<LanguageDetectorTable, Promise<LanguageDetector>>();

/**
 * A language detector over one of eld's tables (default `medium`). The table loads once per
 * thread; later calls for the same table return the same detector.
 */
export function createLanguageDetector(
  options: { table?: LanguageDetectorTable } = {},
): Promise<LanguageDetector> {
  return createDetectorFrom(options.table ?? 'medium', TABLE_LOADERS);
}

/**
 * The same over caller-given table loaders: a bundle for a small runtime passes only the table it
 * ships, so the others are not in it (see functions/edge).
 */
export function createDetectorFrom(
  table: LanguageDetectorTable,
  loaders: Partial<Record<LanguageDetectorTable, () => Promise<{ eld: EldInstance }>>>,
): Promise<LanguageDetector> {
  const load = loaders[table];
  if (load === undefined) throw new Error(`no loader for the ${table} language table`);
  let detector = detectors.get(table);
  if (detector === undefined) {
    detector = load().then(({ eld }) => {
      const instance = eld.newInstance();
      return { table, detect: (text: string) => detectWith(instance, text) };
    });
    detectors.set(table, detector);
    detector.catch(() => detectors.delete(table));
  }
  return detector;
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

function detectWith(detector: EldInstance, text: string): DetectedLanguage | null {
  if (typeof text !== 'string' || !HAS_LETTER_RE.test(text)) return null;
  const cjk = detectCjk(text);
  if (cjk !== null) return cjk;

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
