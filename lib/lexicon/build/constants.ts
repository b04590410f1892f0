/**
 * Tunables of `xlir lexicon build`: where each dictionary source lives, which Debian package installs
 * it, how its entries are cleaned, and how much it counts when sources of one direction are merged.
 */

/** The kinds of dictionary source the build reads; one merge weight each. */
export type SourceKind = 'omw' | 'xling' | 'freedict' | 'ding' | 'apertium' | 'unihan' | 'cedict';

export const SOURCE_KINDS: readonly SourceKind[] = [
  'omw',
  'xling',
  'freedict',
  'ding',
  'apertium',
  'unihan',
  'cedict',
];

/**
 * Merge weight per source kind: the source's precision against the held-out xling/yacle TEST
 * dictionaries (`yacle.test.freq.2k.*`, never the train splits the build imports), measured by
 * `npm run bench:lexicon-weights` (bench/lexicon-weights.ts) on every test pair whose two languages
 * have a source of that kind, in either orientation (a test pair x-y is also gold for y-x).
 * weight = mean over pairs of (P@1 + P@5) / 2, each P@k counted over the test words the source
 * covers: `merge` only trades sources off where they overlap, so coverage must not enter the weight.
 * Pairs with fewer than WEIGHT_MIN_COVERED covered test words are left out of the mean.
 * Measured 2026-12-04 with --langs en,de,es,ru,ar,zh,fr,it,nl,el,hi,tr,vi,th (docs/lexicons.md):
 *   omw      0.694 (5 directions: en-de, en-fr, en-it, en-ru, en-tr)
 *   ding     0.572 (2: en-de, de-en)
 *   freedict 0.553 (10)
 *   xling    0.310 (10 non-English pairs; a lower bound: its only measurable test words are those the
 *            train split shares with the test split, whose test translations mostly differ by
 *            construction; en-xx train and test words are disjoint, so en-xx pairs score nothing)
 *   apertium 0.532 not measured (no xling test pair covers es, the only apertium pair's language):
 *            the mean of the four measured weights.
 *   unihan   0.532 not measured (no xling test pair has zh): the same rule.
 *   cedict   0.532 not measured (no xling test pair has zh): the same rule.
 */
export const SOURCE_WEIGHTS: Readonly<Record<SourceKind, number>> = {
  omw: 0.694,
  ding: 0.572,
  freedict: 0.553,
  xling: 0.31,
  apertium: 0.532,
  unihan: 0.532,
  cedict: 0.532,
};

/**
 * Sources that translate only their own way: Unihan glosses characters, so it says what a
 * Chinese character in a query means, but inverted it would translate English words into single
 * characters ("forest" → 林) where Chinese writes words (森林, 雨林). A direction built only from
 * these is marked one-way in the pack, and PSQ never inverts it (LexiconCatalog). Measured on
 * XQuAD-R: with Unihan inverted too, X→zh lost 0.002–0.020 MAP while zh→X gained.
 */
export const ONE_WAY_SOURCE_KINDS: readonly SourceKind[] = ['unihan'];

/** Fewest covered test words for a pair's precision to enter a weight; fewer is noise. */
export const WEIGHT_MIN_COVERED = 50;

/** ISO 639-3 codes the dictionary files are named with (FreeDict, OMW, apertium), by xlir language. */
export const ISO639_3: Readonly<Record<string, string>> = {
  en: 'eng',
  de: 'deu',
  es: 'spa',
  ru: 'rus',
  ar: 'arb',
  zh: 'cmn',
  fr: 'fra',
  it: 'ita',
  nl: 'nld',
  el: 'ell',
  hi: 'hin',
  tr: 'tur',
  vi: 'vie',
  th: 'tha',
  fi: 'fin',
  hr: 'hrv',
  pt: 'por',
  ja: 'jpn',
  ko: 'kor',
};

/**
 * FreeDict dictionaries Debian packages as `dict-freedict-<src>-<tgt>` that the build expects when
 * both languages are asked for: a missing one is a warning naming the package.
 */
export const KNOWN_FREEDICT_PAIRS: readonly string[] = [
  'eng-deu',
  'eng-spa',
  'eng-rus',
  'eng-ara',
  'eng-fra',
  'eng-ita',
  'eng-nld',
  'eng-ell',
  'eng-hin',
  'eng-tur',
  'deu-eng',
  'spa-eng',
  'ara-eng',
  'fra-eng',
  'ita-eng',
  'nld-eng',
  'tur-eng',
  'ell-eng',
  'deu-rus',
  'deu-spa',
  'spa-deu',
];

/** Apertium language pairs the build expects (Debian `apertium-<pair>`). */
export const KNOWN_APERTIUM_PAIRS: readonly string[] = ['eng-spa'];

/** Where Debian installs dictd databases and apertium data. */
export const DEFAULT_DICTD_DIR = '/usr/share/dictd';
export const DEFAULT_APERTIUM_DIR = '/usr/share/apertium';
/** Unihan's readings and glosses (Debian `unicode-data`). */
export const DEFAULT_UNIHAN_READINGS = '/usr/share/unicode/Unihan_Readings.txt.bz2';

/** Ding's dict-de-en files in the dictd folder, headword language first. */
export const DING_FILES: ReadonlyArray<{ base: string; srcLang: string; tgtLang: string }> = [
  { base: 'german-english', srcLang: 'de', tgtLang: 'en' },
  { base: 'english-german', srcLang: 'en', tgtLang: 'de' },
];

/** Subfolders of the --data folder (the ../shared/data/lexicons layout). */
export const OMW_DIR = 'omw-wikt';
export const XLING_DIR = 'xling';

/** xling/yacle train splits, largest first wins: `yacle.train.freq.5k.en-de.tsv`. */
export const XLING_TRAIN_RE = /^yacle\.train\.freq\.(\d+)(k?)\.([a-z]+-[a-z]+)\.tsv$/;
/** xling/yacle held-out test splits, read only by the weight measurement. */
export const XLING_TEST_RE = /^yacle\.test\.freq\.(\d+)(k?)\.([a-z]+-[a-z]+)\.tsv$/;

/**
 * Translations longer than this many words are definitions or glosses ("auf einer Flussinsel
 * gelegene Stadt im westlichen Iran"), not translations; a query term's PSQ group would only be
 * diluted by them.
 */
export const MAX_TRANSLATION_WORDS = 4;

/**
 * Unicode scripts of the languages whose script tells a translation from a gloss in the source
 * language: FreeDict deu-rus mixes Russian translations with German definitions.
 */
export const LANGUAGE_SCRIPT_RE: Readonly<Record<string, RegExp>> = {
  ru: /\p{Script=Cyrillic}/u,
  el: /\p{Script=Greek}/u,
  ar: /\p{Script=Arabic}/u,
  hi: /\p{Script=Devanagari}/u,
  zh: /\p{Script=Han}/u,
  th: /\p{Script=Thai}/u,
};

/** Words per language in the coverage sample the summary table reports on, drawn evenly. */
export const COVERAGE_SAMPLE_SIZE = 2000;
