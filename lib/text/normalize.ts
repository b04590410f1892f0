/**
 * Character-level normalisation applied to whole texts (and to stopword lists, so the two always agree).
 * Working on the whole string rather than per token lets V8/ICU run each step as one native pass.
 */
import {
  APOSTROPHE_VARIANTS_RE,
  HAS_APOSTROPHE_VARIANT_RE,
  HAS_FORMAT_CHAR_RE,
  INVISIBLE_FORMAT_RE,
  TURKIC_CASE_LOCALES,
  ZERO_WIDTH_SPACE_RE,
  ZWNJ_RE,
  ZWNJ_SEPARATES_WORDS,
} from './constants.js';

/** A language-specific rewrite run after NFKC and case folding. */
export type CharNormalizer = (text: string) => string;

/** Default lowercasing turns 'İ' into 'i' + COMBINING DOT ABOVE; outside Turkic languages the dot is noise. */
const I_WITH_DOT_RE = /i\u0307/g;

/** NFKC, then locale-aware lowercasing, then removal of invisible characters that would split words. */
export function foldText(text: string, lang: string): string {
  let out = text.normalize('NFKC');
  if (TURKIC_CASE_LOCALES.has(lang)) {
    out = out.toLocaleLowerCase('tr');
  } else {
    out = out.toLowerCase();
    if (out.includes('\u0307')) out = out.replace(I_WITH_DOT_RE, 'i');
  }
  if (HAS_FORMAT_CHAR_RE.test(out)) {
    if (ZWNJ_SEPARATES_WORDS.has(lang)) out = out.replace(ZWNJ_RE, ' ');
    out = out.replace(ZERO_WIDTH_SPACE_RE, ' ').replace(INVISIBLE_FORMAT_RE, '');
  }
  if (HAS_APOSTROPHE_VARIANT_RE.test(out)) out = out.replace(APOSTROPHE_VARIANTS_RE, "'");
  return out;
}

// Arabic script: tashkeel (harakat, tanween, shadda, sukun), Quranic annotation marks, superscript
// alef and tatweel carry no lexical distinction for retrieval and are mostly absent from queries.
const ARABIC_DIACRITICS_RE =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const HAS_ARABIC_RE = /[\u0600-\u06FF]/;

/**
 * Arabic, before stemming: hamza-carrying and wasla alef forms to bare alef, alef maksura to yaa, and
 * Persian keheh/yeh to their Arabic counterparts so text typed on a Persian keyboard still matches.
 * Taa marbuta is folded to haa only after stemming (foldTaaMarbuta): the Snowball Arabic stemmer
 * strips ة as the feminine ending but treats ه as a pronoun suffix it mostly keeps after the article,
 * so folding first stopped المدرسة and مدرسة from conflating (8 of 320 such pairs in XQuAD-R Arabic
 * conflated when folding first, 292 when folding after).
 */
const ARABIC_LETTER_MAP: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0622': '\u0627', // آ
  '\u0671': '\u0627', // ٱ
  '\u0649': '\u064A', // ى -> ي
  '\u06CC': '\u064A', // ی -> ي
  '\u06A9': '\u0643', // ک -> ك
};
const ARABIC_LETTER_RE = /[\u0623\u0625\u0622\u0671\u0649\u06CC\u06A9]/g;

/**
 * Persian: the Arabic normalisation for alefs and diacritics, but yeh and kaf go the other way, to
 * the Persian letters (ی, ک) that Persian keyboards produce; heh with yeh above / goal to plain heh.
 */
const PERSIAN_LETTER_MAP: Readonly<Record<string, string>> = {
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0622': '\u0627',
  '\u0671': '\u0627',
  '\u064A': '\u06CC', // ي -> ی
  '\u0649': '\u06CC', // ى -> ی
  '\u0643': '\u06A9', // ك -> ک
  '\u0629': '\u0647', // ة -> ه
  '\u06C0': '\u0647', // ۀ -> ه
  '\u06C1': '\u0647', // ہ -> ه
};
const PERSIAN_LETTER_RE = /[\u0623\u0625\u0622\u0671\u064A\u0649\u0643\u0629\u06C0\u06C1]/g;

export function normalizeArabic(text: string): string {
  if (!HAS_ARABIC_RE.test(text)) return text;
  return text.replace(ARABIC_DIACRITICS_RE, '').replace(ARABIC_LETTER_RE, (c) => ARABIC_LETTER_MAP[c] ?? c);
}

/** Applied to Arabic stems: any taa marbuta the stemmer left becomes haa, so both spellings meet. */
export function foldTaaMarbuta(term: string): string {
  return term.includes('\u0629') ? term.replaceAll('\u0629', '\u0647') : term;
}

export function normalizePersian(text: string): string {
  if (!HAS_ARABIC_RE.test(text)) return text;
  return text.replace(ARABIC_DIACRITICS_RE, '').replace(PERSIAN_LETTER_RE, (c) => PERSIAN_LETTER_MAP[c] ?? c);
}

const COMBINING_MARK_RE = /\p{M}/gu;
const HAS_NON_ASCII_RE = /[\u0080-\uFFFF]/;

/**
 * Greek: accents (tonos, dialytika) are dropped and final sigma folded, as Greek search conventionally
 * does (users often type without accents) and as the Snowball Greek stemmer does internally anyway.
 */
export function normalizeGreek(text: string): string {
  if (!HAS_NON_ASCII_RE.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARK_RE, '').normalize('NFC').replaceAll('ς', 'σ');
}

/** Russian: ё is optional in ordinary print (ёлка/елка), so both spellings must meet. */
export function normalizeRussian(text: string): string {
  return text.includes('ё') ? text.replaceAll('ё', 'е') : text;
}
