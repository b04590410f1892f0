/**
 * Memoised per-token lookups, the hot path of code-switching. A raw word (with its case) maps to its
 * final, case-carried translations, so a repeated word costs one Map lookup instead of key
 * normalisation (NFKC twice, locale lower-casing) per lexicon, the lexicon probes and case mapping:
 * this took BL-CS from ~30k to ~100k SQuAD pairs/s. Text is Zipfian, so the memo stays small; it is
 * bounded and simply restarts when full, which keeps memory flat on any corpus.
 */
import { normalizeKey, type Lexicon } from '../lexicon/index.js';
import { getAnalyzer } from '../text/index.js';
import { applyCase, casePattern } from './case.js';
import { MAX_MEMO_WORDS } from './constants.js';

/** Raw word -> translation in the word's case pattern, or null when the lexicon lacks the word. */
export type Translator = (word: string) => string | null;

/**
 * Raw word -> its translation through each lexicon of a set (null where one lacks it), or null when no
 * lexicon covers it: one lookup answers both "is it covered?" and "what does it become?".
 */
export type SetTranslator = (word: string) => readonly (string | null)[] | null;

interface Memo {
  /** Size and pair count of each lexicon when the memo was made: a grown lexicon invalidates it. */
  versions: number[];
  translate: SetTranslator;
}

/** Memos for lexicon sets, keyed by the lexicons themselves in order (a trie of WeakMaps). */
interface MemoNode {
  children: WeakMap<Lexicon, MemoNode>;
  memo?: Memo;
}

const memoRoot: MemoNode = { children: new WeakMap() };

/** The top translation of `word`, in `word`'s case pattern; undefined when the lexicon lacks it. */
export function translateWord(word: string, lexicon: Lexicon): string | undefined {
  const top = lexicon.top(word);
  if (top === undefined) return undefined;
  return applyCase(top.tgt, casePattern(word, lexicon.srcLang), lexicon.tgtLang);
}

/** Stands for a memoised null, so a hit always takes one Map lookup (no has() for absent words). */
const NULL_VALUE = Symbol('null');

function memoised<T>(compute: (word: string) => T): (word: string) => T {
  const cache = new Map<string, T | typeof NULL_VALUE>();
  return (word) => {
    const hit = cache.get(word);
    if (hit !== undefined) return (hit === NULL_VALUE ? null : hit) as T;
    const value = compute(word);
    if (cache.size >= MAX_MEMO_WORDS) cache.clear();
    cache.set(word, value === null ? NULL_VALUE : value);
    return value;
  };
}

function versionsOf(lexicons: readonly Lexicon[]): number[] {
  return lexicons.flatMap((lexicon) => [lexicon.size, lexicon.pairs]);
}

/** Checked on every call, so it allocates nothing. */
function isCurrent(versions: readonly number[], lexicons: readonly Lexicon[]): boolean {
  for (let i = 0; i < lexicons.length; i += 1) {
    const lexicon = lexicons[i] as Lexicon;
    if (versions[2 * i] !== lexicon.size || versions[2 * i + 1] !== lexicon.pairs) return false;
  }
  return true;
}

/**
 * The memoised translator of a lexicon set. Lexicons are filled before switching; adding entries later
 * changes a size or pair count and starts a fresh memo (re-weighting an existing pair does not, so
 * callers must not re-weight a lexicon between switches).
 */
export function setTranslatorFor(lexicons: readonly Lexicon[]): SetTranslator {
  let node = memoRoot;
  for (const lexicon of lexicons) {
    let child = node.children.get(lexicon);
    if (child === undefined) {
      child = { children: new WeakMap() };
      node.children.set(lexicon, child);
    }
    node = child;
  }
  if (node.memo !== undefined && isCurrent(node.memo.versions, lexicons)) return node.memo.translate;
  const translate = memoised((word) => {
    const translations = lexicons.map((lexicon) => translateWord(word, lexicon) ?? null);
    return translations.some((t) => t !== null) ? translations : null;
  });
  node.memo = { versions: versionsOf(lexicons), translate };
  return translate;
}

/** The memoised translator of one lexicon. */
export function translatorFor(lexicon: Lexicon): Translator {
  const translate = setTranslatorFor([lexicon]);
  return (word) => translate(word)?.[0] ?? null;
}

const analyzerStopwords = new Map<string, (word: string) => boolean>();
const listStopwords = new WeakMap<ReadonlySet<string>, Map<string, (word: string) => boolean>>();

/** True when the word is a stopword of `lang` (by `stopwords`, else by the language's analyzer). */
export function isProtected(word: string, lang: string, stopwords: ReadonlySet<string> | undefined): boolean {
  if (stopwords !== undefined) return stopwords.has(normalizeKey(word, lang));
  return getAnalyzer(lang).analyze(word).length === 0;
}

/** isProtected, memoised per language and stopword list. */
export function protectionFor(
  lang: string,
  stopwords: ReadonlySet<string> | undefined,
): (word: string) => boolean {
  let byLang = analyzerStopwords;
  if (stopwords !== undefined) {
    byLang = listStopwords.get(stopwords) ?? new Map();
    listStopwords.set(stopwords, byLang);
  }
  let check = byLang.get(lang);
  if (check === undefined) {
    check = memoised((word) => isProtected(word, lang, stopwords));
    byLang.set(lang, check);
  }
  return check;
}
