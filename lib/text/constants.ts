/** Tunables and script tables for lib/text, kept in one place. */

/** Language code reported by analyzers that have no language-specific behaviour. */
export const GENERIC_LANG = 'xx';

/**
 * Size at which an analyzer's word → term memo (and with it its numbered vocabulary) is dropped
 * wholesale. Every analyzer keeps one, those without a stemmer too, since the index builder takes
 * terms as numbers from it. A corpus vocabulary rarely exceeds this per language, and clearing
 * (rather than LRU bookkeeping) keeps the hot path to one memo lookup per token (word-table.ts).
 */
export const STEM_CACHE_MAX_ENTRIES = 300_000;

/**
 * Longer tokens are dropped: they are hashes, base64 or run-together junk, useless as index terms, and
 * Snowball stemmers are super-linear on pathological input.
 */
export const MAX_TOKEN_LENGTH = 64;

/** Languages whose case mapping differs for I/i (dotted and dotless i). */
export const TURKIC_CASE_LOCALES: ReadonlySet<string> = new Set(['tr', 'az']);

/**
 * Scripts written without spaces between words. Runs of these go to Intl.Segmenter; everything else
 * goes through the regex tokenizer, which is an order of magnitude faster.
 * scx (Script_Extensions) for Han/Kana pulls in the prolonged sound mark and iteration marks.
 */
export const UNSPACED_SCRIPT_CLASS =
  '\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Mymr}';

/** Longest text handed to one Intl.Segmenter call; its cost grows quadratically with run length. */
export const MAX_SEGMENTER_CHUNK = 256;

/** Segments re-done at the start of the next chunk, since words near a chunk end may be mis-cut. */
export const CHUNK_OVERLAP_SEGMENTS = 2;

/** Which Intl.Segmenter locale handles a run, chosen by the run's first character. */
export const SEGMENTER_LOCALE_BY_SCRIPT: readonly (readonly [RegExp, string])[] = [
  [/^\p{sc=Thai}/u, 'th'],
  [/^\p{sc=Lao}/u, 'lo'],
  [/^\p{sc=Khmer}/u, 'km'],
  [/^\p{sc=Mymr}/u, 'my'],
];

/** Kana anywhere in a CJK run means Japanese; a pure-Han run in a non-ja/zh text defaults to Chinese. */
export const KANA_RE = /[\p{sc=Hira}\p{sc=Kana}]/u;

/** Invisible format characters that only split words by accident (soft hyphen, joiners, BOM). */
// Alternation, not a class: a class holding ZWJ reads as a joined sequence to linters and humans alike.
export const INVISIBLE_FORMAT_RE = /\u00AD|\u200C|\u200D|\u2060|\uFEFF/g;
/** Zero-width space is an explicit word boundary hint (used in Thai, Khmer, Myanmar text). */
export const ZERO_WIDTH_SPACE_RE = /\u200B/g;
/**
 * Persian joins the parts of compounds and verb prefixes (می‌خواهم) with ZWNJ; splitting there, as
 * Lucene's Persian analyzer does, lets the parts match unjoined spellings. Elsewhere ZWNJ is only a
 * rendering hint and is deleted.
 */
export const ZWNJ_SEPARATES_WORDS: ReadonlySet<string> = new Set(['fa']);
export const ZWNJ_RE = /\u200C/g;
export const HAS_FORMAT_CHAR_RE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/;

/** Typographic apostrophes folded to ASCII so "don’t" and "don't" index alike. */
export const APOSTROPHE_VARIANTS_RE = /[\u2019\u02BC\uFF07]/g;
export const HAS_APOSTROPHE_VARIANT_RE = /[\u2019\u02BC\uFF07]/;

/** Letters with a detection-worthy signal; digits and punctuation alone are undecidable. */
export const HAS_LETTER_RE = /\p{L}/u;

/** Longest piece of a bad tag echoed in an error message. */
export const MAX_TAG_ECHO_LENGTH = 40;

/** Distinct tags canonicalLanguage remembers: far more than the languages of any corpus. */
export const CANONICAL_TAG_MEMO_ENTRIES = 1024;

// Language identification (tuned on bench/langid.ts; see langid.ts for the reasoning).
/** Below this eld score, franc-min gets a say; no false positives on the benchmark set at this level. */
export const ELD_UNSURE_SCORE = 0.65;
/** Relative score gap within which a language with an analyzer beats one without. */
export const NEAR_TIE = 0.015;
/** Discount for answers eld itself flags as unreliable (too little text, flat scores). */
export const UNRELIABLE_FACTOR = 0.5;
/** A Han/kana/Hangul character counts as this many letters of an alphabetic script. */
export const CJK_CHAR_WEIGHT = 3;

/** BCP-47 "undetermined": the language of a text nobody gave and no detector could tell. */
export const UNDETERMINED_LANGUAGE = 'und';
