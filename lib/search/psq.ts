/**
 * Probabilistic structured queries (Darwish & Oard 2003): every analysed query term becomes a
 * group of document-language index terms weighted by p(t|q). A term the lexicon does not know
 * (names, numbers, rare words) is passed through: its surface word goes through the document
 * language's analyzer, which finds "NFL" or "308" in a German or Chinese index. Where the
 * lexicon has a phrase for consecutive query terms (vi "sự nghiệp"), the phrase is translated
 * as one key, longest match first, and its translations form one group.
 *
 * A translated word also keeps its own surface form as one more candidate (PSQ_SOURCE_TERMS):
 * names, loanwords and cognates the lexicon happens to know ("Bell", "Computer") are often
 * written the same way in the document language. The candidate is added on top of the
 * lexicon's distribution, not renormalised into it, so where the form does not occur in the
 * documents (another script) the query scores exactly as without it. In another script the same
 * name may occur, though: an untranslated word, and a translated word's own-form share, go to
 * the index terms of the same consonant skeleton when an index vocabulary is given (names.ts).
 * An untranslated word that is neither in the index nor a name there may be a compound the
 * lexicon knows in parts (Regenwald, 球队): it is searched as its parts' translations
 * (decompound.ts), or, in Arabic, a known word behind a joined prefix (يلعب, prefixes.ts). And a
 * Chinese name the segmenter split into characters is put back together
 * before any of this (rejoinNames).
 */
import { getAnalyzer, isTransliteratedHan, isTransliterationCharacter } from '../text/index.js';
import type { TermGroup } from './grouped.js';
import type { NameMatcher } from './names.js';
import { decompose } from './decompound.js';
import { detachPrefix } from './prefixes.js';
import { bagOfWords } from './searcher.js';
import { NULL_TRANSLATION, PHRASE_TERM_SEPARATOR, PSQ_SOURCE_TERMS } from './constants.js';
import {
  pruneTranslations,
  type PruneOptions,
  type TermTranslation,
  type TermTranslator,
} from './translation.js';

/** A query as searched in one document language. */
export interface TranslatedQuery {
  groups: TermGroup[];
  /** Analysed query terms that had no translation and were passed through. */
  untranslated: string[];
  /** Untranslated words found as names in the index vocabulary instead (names.ts). */
  names: NameMatch[];
  /** Untranslated words split into parts the lexicon knows instead (decompound.ts). */
  compounds: CompoundSplit[];
}

/** An untranslated query word and the index terms its consonant skeleton matched. */
export interface NameMatch {
  word: string;
  terms: string[];
}

/**
 * An untranslated query word searched as the translations of its parts (decompound.ts), or of
 * its one part left once a joined prefix is detached (prefixes.ts).
 */
export interface CompoundSplit {
  word: string;
  parts: string[];
}

/** A word with a Han character. */
const HAN_RE = /\p{Script=Han}/u;

/** Whitespace never falls inside a token (see lib/text), so each chunk analyses on its own. */
const CHUNK_SEPARATOR = /\s+/u;

interface QueryToken {
  term: string;
  /** What to re-analyse in the document language if the term has no translation. */
  surface: string;
}

/**
 * Options of translateQuery: pruning, whether a word's own form is one more candidate, and the
 * index vocabulary untranslated words are looked up in as names (none: passed through only).
 */
export interface TranslateOptions extends PruneOptions {
  sourceTerms?: boolean;
  names?: NameMatcher;
}

/**
 * The word's own form in the document language, as one more translation with the share of an
 * average kept one (1 / (n + 1)), split over its terms; none when a kept translation is that form.
 * Where the index does not hold the form but holds terms of the same name in its own script
 * (names.ts), those take the share instead: a translated word may still be a name or a loanword
 * the documents transliterate (en "computer", ru "компьютер").
 */
function sourceTermCandidates(
  surface: string,
  kept: readonly { term: string }[],
  docAnalyzer: ReturnType<typeof getAnalyzer>,
  names: NameMatcher | undefined,
): { terms: Array<{ term: string; weight: number }>; matched: string[] } {
  const known = new Set(kept.map((t) => t.term));
  const forms = [...new Set(docAnalyzer.analyze(surface))];
  if (forms.some((f) => known.has(f))) return { terms: [], matched: [] };
  // Not for a Han word, nor into a Chinese index: the lexicon knows few transliterated names, and
  // pinyin skeletons collide with the skeletons of ordinary words.
  const matched =
    names && !names.chinese && !HAN_RE.test(surface) && !forms.some((f) => names.has(f))
      ? names.candidates(surface).filter((t) => !known.has(t))
      : [];
  const candidates = matched.length > 0 ? matched : forms;
  const share = 1 / (kept.length + 1);
  return { terms: candidates.map((term) => ({ term, weight: share / candidates.length })), matched };
}

/**
 * A distribution without its NULL_TRANSLATION share, renormalised, and how much that was not:
 * the query word counts as much as it is a content word (a word that is mostly "how many" and
 * once "sleeve" is mostly not a search term).
 */
function contentTranslations(translations: readonly TermTranslation[]): {
  content: TermTranslation[];
  contentShare: number;
} {
  const content = translations.filter((t) => t.term !== NULL_TRANSLATION);
  const contentShare = content.reduce((sum, t) => sum + t.p, 0);
  if (content.length === translations.length) return { content, contentShare: 1 };
  return { content: content.map((t) => ({ term: t.term, p: t.p / contentShare })), contentShare };
}

/**
 * A compound's translations: each part's pruned content translations with its share of the
 * word (1 / parts), merged where parts share a translation.
 */
function compoundTranslations(
  parts: readonly string[],
  translator: TermTranslator,
  options: PruneOptions,
): Array<{ term: string; weight: number }> {
  const weights = new Map<string, number>();
  for (const part of parts) {
    const { content } = contentTranslations(translator.translate(part));
    if (content.length === 0) continue;
    for (const t of pruneTranslations(content, options))
      weights.set(t.term, (weights.get(t.term) ?? 0) + t.p / parts.length);
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/** The query's analysed terms in order, each with the text it came from. */
function queryTokens(text: string, queryLang: string): QueryToken[] {
  const analyzer = getAnalyzer(queryLang);
  const tokens: QueryToken[] = [];
  for (const chunk of text.split(CHUNK_SEPARATOR)) {
    const analysed = analyzer.analyze(chunk);
    // A chunk of one term is that term's surface word; an unspaced chunk (Chinese) holds many.
    for (const term of analysed) tokens.push({ term, surface: analysed.length === 1 ? chunk : term });
  }
  return tokens;
}

/**
 * Chinese segmentation splits a transliterated name it does not know into characters (杰克逊维尔
 * → 杰 克 逊 维, 卡罗莱纳 → 卡 罗 莱 纳), which the lexicon then translates one by one ("hero",
 * "gram"…). A run of single characters Chinese spells names with that may be a name (lib/text's
 * isTransliteratedHan) and names index terms (names.ts) becomes one untranslated word again.
 */
function rejoinNames(tokens: readonly QueryToken[], names: NameMatcher | undefined): QueryToken[] {
  if (names === undefined) return [...tokens];
  const single = (t: QueryToken) => [...t.term].length === 1 && isTransliterationCharacter(t.term);
  const out: QueryToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j < tokens.length && single(tokens[j]!)) j++;
    const word = tokens
      .slice(i, j)
      .map((t) => t.term)
      .join('');
    if (j > i && isTransliteratedHan(word) && names.candidates(word).length > 0) {
      out.push({ term: word, surface: word });
    } else out.push(...tokens.slice(i, Math.max(j, i + 1)));
    i = Math.max(j, i + 1);
  }
  return out;
}

/** A distinct source key of the query: a translated term or phrase, or an untranslated term. */
interface QueryKey {
  count: number;
  translations: readonly TermTranslation[];
  surface: string;
}

/**
 * The query's keys in first-occurrence order. At each position the longest phrase key the
 * translator knows wins (greedy longest match, as phrase-based lookup usually does); else the
 * single term, translated or not. Repeated keys count.
 */
function queryKeys(tokens: readonly QueryToken[], translator: TermTranslator): Map<string, QueryKey> {
  const keys = new Map<string, QueryKey>();
  const add = (key: string, translations: readonly TermTranslation[], surface: string) => {
    const seen = keys.get(key);
    if (seen) seen.count += 1;
    else keys.set(key, { count: 1, translations, surface });
  };
  let i = 0;
  while (i < tokens.length) {
    let length = 1;
    for (let n = Math.min(translator.maxPhraseTerms, tokens.length - i); n >= 2; n -= 1) {
      const key = tokens
        .slice(i, i + n)
        .map((t) => t.term)
        .join(PHRASE_TERM_SEPARATOR);
      const translations = translator.translate(key);
      if (translations.length > 0) {
        add(key, translations, key);
        length = n;
        break;
      }
    }
    if (length === 1) {
      const { term, surface } = tokens[i]!;
      add(term, translator.translate(term), surface);
    }
    i += length;
  }
  return keys;
}

/** The query as plain (monolingual) groups: bag of words under the query language's analyzer. */
export function monolingualQuery(text: string, lang: string): TranslatedQuery {
  const groups = bagOfWords(getAnalyzer(lang).analyze(text)).map((t) => ({
    weight: t.weight,
    terms: [{ term: t.term, weight: 1 }],
  }));
  return { groups, untranslated: [], names: [], compounds: [] };
}

/**
 * The query translated for one document language. Translations are pruned to the most
 * probable few (constants.ts); pass-through words become plain groups of their document terms.
 */
export function translateQuery(
  text: string,
  translator: TermTranslator,
  options: TranslateOptions = {},
): TranslatedQuery {
  const sourceTerms = options.sourceTerms ?? PSQ_SOURCE_TERMS;
  const docAnalyzer = getAnalyzer(translator.tgtLang);
  const groups: TermGroup[] = [];
  const untranslated: string[] = [];
  const names: NameMatch[] = [];
  const compounds: CompoundSplit[] = [];
  for (const [key, { count, translations, surface }] of queryKeys(
    rejoinNames(queryTokens(text, translator.srcLang), options.names),
    translator,
  )) {
    if (translations.length > 0) {
      const { content, contentShare } = contentTranslations(translations);
      // A word the lexicon only knows as function words is one: nothing to search for.
      if (content.length === 0) continue;
      const kept = pruneTranslations(content, options);
      const terms = kept.map((t) => ({ term: t.term, weight: t.p }));
      // A phrase key's surface is its analysed terms, not a word the documents could contain.
      const phrase = key.includes(PHRASE_TERM_SEPARATOR);
      if (sourceTerms && !phrase) {
        const own = sourceTermCandidates(surface, kept, docAnalyzer, options.names);
        terms.push(...own.terms);
        if (own.matched.length > 0) names.push({ word: surface, terms: own.matched });
      }
      groups.push({ weight: count * contentShare, terms });
      continue;
    }
    untranslated.push(key);
    const passedThrough = [...new Set(docAnalyzer.analyze(surface))];
    // Where the word as written is not in the index, the same name in the documents' script may be.
    const matcher = options.names;
    const absent = matcher !== undefined && !passedThrough.some((t) => matcher.has(t));
    const found = absent ? matcher.candidates(surface) : [];
    if (found.length > 0) {
      groups.push({ weight: count, terms: found.map((term) => ({ term, weight: 1 / found.length })) });
      names.push({ word: surface, terms: [...found] });
      continue;
    }
    // Not in the index and no name there: a compound of words the lexicon knows, perhaps, or
    // (Arabic) a known word behind a joined conjunction, preposition or person marker.
    const parts = absent ? (decompose(surface, translator) ?? detachPrefix(surface, translator)) : undefined;
    if (parts !== undefined) {
      const terms = compoundTranslations(parts, translator, options);
      if (terms.length > 0) {
        groups.push({ weight: count, terms });
        compounds.push({ word: surface, parts });
        continue;
      }
    }
    for (const docTerm of passedThrough)
      groups.push({ weight: count, terms: [{ term: docTerm, weight: 1 }] });
  }
  return { groups, untranslated, names, compounds };
}
