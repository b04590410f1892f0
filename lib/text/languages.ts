/** Per-language analyzer settings: the one table to edit when adding a language. */
import {
  foldTaaMarbuta,
  normalizeArabic,
  normalizeGreek,
  normalizePersian,
  normalizeRussian,
  type CharNormalizer,
} from './normalize.js';

/** Rewrites one token after folding; returns '' to drop it. */
export type TokenFilter = (token: string) => string;

export interface LanguageConfig {
  /** Snowball algorithm name (see stemmers.ts), or null where Snowball has none. */
  readonly stemmer: string | null;
  /** Key into stopwords.ts; defaults to the language code. */
  readonly stopwords?: string;
  readonly normalize?: CharNormalizer;
  readonly filter?: TokenFilter;
  /** Rewrites each stem (memoised with it). */
  readonly postStem?: (stem: string) => string;
  /** How Han runs are segmented when the text is in this language. */
  readonly cjkLocale?: 'ja' | 'zh';
}

/** Builds a filter that strips elided articles/prepositions written with an apostrophe (l'homme). */
function elision(prefixes: readonly string[]): TokenFilter {
  const set = new Set(prefixes);
  return (token) => {
    const at = token.indexOf("'");
    if (at < 0) return token;
    return set.has(token.slice(0, at)) ? token.slice(at + 1) : token;
  };
}

// Lists follow Lucene's French, Italian and Catalan analyzers.
const FRENCH_ELISION = elision([
  'l',
  'm',
  't',
  'qu',
  'n',
  's',
  'j',
  'd',
  'c',
  'jusqu',
  'quoiqu',
  'lorsqu',
  'puisqu',
]);
// prettier-ignore
const ITALIAN_ELISION = elision([
  'c', 'l', 'all', 'dall', 'dell', 'nell', 'sull', 'coll', 'pell', 'gl', 'agl', 'dagl', 'degl', 'negl',
  'sugl', 'un', 'm', 't', 's', 'v', 'd', 'quell', 'quest', 'nessun', 'buon',
]);
const CATALAN_ELISION = elision(['d', 'l', 'm', 'n', 's', 't']);

/** Turkish writes case suffixes on proper nouns after an apostrophe (Türkiye'nin); index the noun. */
const dropAfterApostrophe: TokenFilter = (token) => {
  const at = token.indexOf("'");
  return at < 0 ? token : token.slice(0, at);
};

export const LANGUAGES: Readonly<Record<string, LanguageConfig>> = {
  ar: { stemmer: 'arabic', normalize: normalizeArabic, postStem: foldTaaMarbuta },
  de: { stemmer: 'german' },
  el: { stemmer: 'greek', normalize: normalizeGreek },
  en: { stemmer: 'english' },
  es: { stemmer: 'spanish' },
  fa: { stemmer: null, normalize: normalizePersian },
  fi: { stemmer: 'finnish' },
  fr: { stemmer: 'french', filter: FRENCH_ELISION },
  hi: { stemmer: 'hindi' },
  id: { stemmer: 'indonesian' },
  it: { stemmer: 'italian', filter: ITALIAN_ELISION },
  ja: { stemmer: null, cjkLocale: 'ja' },
  ko: { stemmer: null },
  nl: { stemmer: 'dutch' },
  pt: { stemmer: 'portuguese' },
  ru: { stemmer: 'russian', normalize: normalizeRussian },
  sw: { stemmer: null },
  te: { stemmer: null },
  th: { stemmer: null },
  tr: { stemmer: 'turkish', filter: dropAfterApostrophe },
  vi: { stemmer: null },
  zh: { stemmer: null, cjkLocale: 'zh' },
  // Further languages that both packages cover, cheap to support.
  ca: { stemmer: 'catalan', filter: CATALAN_ELISION },
  da: { stemmer: 'danish' },
  eu: { stemmer: 'basque' },
  ga: { stemmer: 'irish' },
  hu: { stemmer: 'hungarian' },
  hy: { stemmer: 'armenian' },
  ms: { stemmer: 'indonesian' }, // Malay and Indonesian share morphology; Snowball's stemmer covers both
  nb: { stemmer: 'norwegian', stopwords: 'no' },
  nn: { stemmer: 'norwegian', stopwords: 'no' },
  no: { stemmer: 'norwegian' },
  ro: { stemmer: 'romanian' },
  sv: { stemmer: 'swedish' },
  ta: { stemmer: 'tamil' },
};
