/** Analyzer construction and caching. */
import { GENERIC_LANG, MAX_TOKEN_LENGTH, STEM_CACHE_MAX_ENTRIES, TURKIC_CASE_LOCALES } from './constants.js';
import { LANGUAGES, type LanguageConfig, type TokenFilter } from './languages.js';
import { foldText, type CharNormalizer } from './normalize.js';
import { createStemmer, type StemFn } from './stemmers.js';
import { rawStopwords } from './stopwords.js';
import { canonicalLanguage } from './tags.js';
import { forEachToken } from './tokenize.js';

export interface Analyzer {
  /** Canonical primary language subtag in use, e.g. 'en', 'zh'; 'xx' for the generic analyzer. */
  readonly lang: string;
  /** Stemmer name, null when the language has none. */
  readonly stemmer: string | null;
  /** Index terms in document order: NFKC, case-folded, segmented, stopwords removed, stemmed. */
  analyze(text: string): string[];
}

/** Languages with a dedicated analyzer (stopwords and/or stemmer and/or normalisation). */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(Object.keys(LANGUAGES).sort());

const EMPTY_SET: ReadonlySet<string> = new Set();

class TextAnalyzer implements Analyzer {
  readonly lang: string;
  readonly stemmer: string | null;
  /** Language whose case rules apply; differs from `lang` for generic analyzers (e.g. 'az'). */
  private readonly caseLang: string;
  private readonly normalize: CharNormalizer | undefined;
  private readonly filter: TokenFilter | undefined;
  private readonly cjkLocale: string | null;
  private readonly stem: StemFn | null;
  private readonly postStem: ((stem: string) => string) | undefined;
  /** Word → index term, '' for a word that yields none (a stopword, or a stem that is empty). */
  private readonly terms = new Map<string, string>();
  private readonly stopwords: ReadonlySet<string>;

  constructor(lang: string, caseLang: string, config: LanguageConfig) {
    this.lang = lang;
    this.caseLang = caseLang;
    this.stemmer = config.stemmer;
    this.normalize = config.normalize;
    this.filter = config.filter;
    this.cjkLocale = config.cjkLocale ?? null;
    this.stem = config.stemmer === null ? null : createStemmer(config.stemmer);
    this.postStem = config.postStem;
    this.stopwords = lang === GENERIC_LANG ? EMPTY_SET : this.prepareStopwords(config.stopwords ?? lang);
  }

  analyze(text: string): string[] {
    const terms: string[] = [];
    if (typeof text !== 'string' || text === '') return terms;
    const { filter, stopwords, stem, terms: termOf, postStem } = this;
    forEachToken(this.fold(text), this.cjkLocale, (token) => {
      if (token.length > MAX_TOKEN_LENGTH) return;
      const word = filter === undefined ? token : filter(token);
      if (word === '') return;
      if (stem === null) {
        if (!stopwords.has(word)) terms.push(word);
        return;
      }
      // One lookup per token: the memo maps a word to its stem, or to '' when it is a stopword.
      let term = termOf.get(word);
      if (term === undefined) {
        term = stopwords.has(word) ? '' : postStem === undefined ? stem(word) : postStem(stem(word));
        if (termOf.size >= STEM_CACHE_MAX_ENTRIES) termOf.clear();
        termOf.set(word, term);
      }
      if (term !== '') terms.push(term);
    });
    return terms;
  }

  private fold(text: string): string {
    const folded = foldText(text, this.caseLang);
    return this.normalize === undefined ? folded : this.normalize(folded);
  }

  /** Stopwords go through the same folding, normalisation and filter as text, so the spellings agree. */
  private prepareStopwords(key: string): ReadonlySet<string> {
    const set = new Set<string>();
    for (const entry of rawStopwords(key)) {
      const tokens: string[] = [];
      forEachToken(this.fold(entry), this.cjkLocale, (t) => tokens.push(t));
      // Multi-word entries ("a lot", Vietnamese compounds) cannot match a single token; skip them.
      if (tokens.length !== 1) continue;
      const word = this.filter === undefined ? (tokens[0] as string) : this.filter(tokens[0] as string);
      if (word !== '') set.add(word);
    }
    return set;
  }
}

const GENERIC_CONFIG: LanguageConfig = { stemmer: null };
const analyzers = new Map<string, Analyzer>();
let genericAnalyzer: Analyzer | undefined;
let genericTurkicAnalyzer: Analyzer | undefined;

/**
 * Generic analyzers are shared rather than cached per tag, so arbitrary caller-supplied tags cannot grow
 * the cache; only Turkic case folding needs a variant.
 */
function generic(lang: string): Analyzer {
  if (TURKIC_CASE_LOCALES.has(lang)) {
    genericTurkicAnalyzer ??= new TextAnalyzer(GENERIC_LANG, 'tr', GENERIC_CONFIG);
    return genericTurkicAnalyzer;
  }
  genericAnalyzer ??= new TextAnalyzer(GENERIC_LANG, GENERIC_LANG, GENERIC_CONFIG);
  return genericAnalyzer;
}

/** Cached per canonical tag; valid but unsupported tags get the generic analyzer; invalid tags throw. */
export function getAnalyzer(langTag: string): Analyzer {
  const lang = canonicalLanguage(langTag);
  const cached = analyzers.get(lang);
  if (cached !== undefined) return cached;
  const config = LANGUAGES[lang];
  if (config === undefined) return generic(lang);
  const analyzer = new TextAnalyzer(lang, lang, config);
  analyzers.set(lang, analyzer);
  return analyzer;
}
