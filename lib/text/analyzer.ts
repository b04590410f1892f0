/**
 * Analyzer construction and caching. Each analyzer numbers the terms it has produced (its
 * vocabulary), so the index builder can take a document's terms as numbers and map them to its
 * shard's term ids through an array instead of a second string-keyed lookup per token.
 */
import { GENERIC_LANG, MAX_TOKEN_LENGTH, STEM_CACHE_MAX_ENTRIES, TURKIC_CASE_LOCALES } from './constants.js';
import { LANGUAGES, type LanguageConfig, type TokenFilter } from './languages.js';
import { foldText, type CharNormalizer } from './normalize.js';
import { createStemmer, type StemFn } from './stemmers.js';
import { rawStopwords } from './stopwords.js';
import { canonicalLanguage } from './tags.js';
import { forEachToken, forEachTokenRange } from './tokenize.js';
import { WordTable } from './word-table.js';

export interface Analyzer {
  /** Canonical primary language subtag in use, e.g. 'en', 'zh'; 'xx' for the generic analyzer. */
  readonly lang: string;
  /** Stemmer name, null when the language has none. */
  readonly stemmer: string | null;
  /** Index terms in document order: NFKC, case-folded, segmented, stopwords removed, stemmed. */
  analyze(text: string): string[];
  /**
   * The terms of `analyze(text)` as numbers into this analyzer's vocabulary, appended to `out`;
   * `term(n)` gives number n's text. Numbers hold while `vocabularyEpoch` stays the same: the
   * vocabulary is dropped when it outgrows its limit, only ever at the start of a call, and the
   * epoch then moves on.
   */
  analyzeTermNumbers(text: string, out: number[]): void;
  term(n: number): string;
  readonly vocabularyEpoch: number;
}

/** Languages with a dedicated analyzer (stopwords and/or stemmer and/or normalisation). */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(Object.keys(LANGUAGES).sort());

const EMPTY_SET: ReadonlySet<string> = new Set();
/** The memo's mark for a word that yields no term. */
const NO_TERM = -1;

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
  /** Token → its term's number in `vocabulary`, NO_TERM for a token that yields none (a stopword). */
  private readonly numbers = new WordTable();
  /** Term texts by number, each text once. */
  private readonly vocabulary: string[] = [];
  /** Term text → number, consulted only when a word is new, so two words with one stem share it. */
  private readonly numberOfTerm = new Map<string, number>();
  private readonly stopwords: ReadonlySet<string>;
  vocabularyEpoch = 0;

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
    const numbers: number[] = [];
    this.analyzeTermNumbers(text, numbers);
    const { vocabulary } = this;
    return numbers.map((n) => vocabulary[n]!);
  }

  term(n: number): string {
    return this.vocabulary[n]!;
  }

  analyzeTermNumbers(text: string, out: number[]): void {
    if (typeof text !== 'string' || text === '') return;
    // Dropping the memo between calls, never during one, keeps every number of a call valid.
    if (this.numbers.size >= STEM_CACHE_MAX_ENTRIES) {
      this.numbers.clear();
      this.numberOfTerm.clear();
      this.vocabulary.length = 0;
      this.vocabularyEpoch++;
    }
    const { numbers } = this;
    forEachTokenRange(this.fold(text), this.cjkLocale, (source, start, end) => {
      if (end - start > MAX_TOKEN_LENGTH) return;
      // One lookup per token: the memo holds the token's term number, or NO_TERM for a stopword.
      let n = numbers.get(source, start, end);
      if (n === undefined) {
        n = this.numberToken(start === 0 && end === source.length ? source : source.slice(start, end));
        numbers.set(source, start, end, n);
      }
      if (n !== NO_TERM) out.push(n);
    });
  }

  /** A new token's term: filter, stopword check, stem, then the term's number, new or shared. */
  private numberToken(token: string): number {
    const word = this.filter === undefined ? token : this.filter(token);
    if (word === '' || this.stopwords.has(word)) return NO_TERM;
    const { stem, postStem } = this;
    const term = stem === null ? word : postStem === undefined ? stem(word) : postStem(stem(word));
    if (term === '') return NO_TERM;
    let n = this.numberOfTerm.get(term);
    if (n === undefined) {
      n = this.vocabulary.length;
      this.vocabulary.push(term);
      this.numberOfTerm.set(term, n);
    }
    return n;
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
