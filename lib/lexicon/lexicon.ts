/**
 * A bilingual lexicon: source words and phrases mapped to weighted translations. Raw scores accumulate
 * and are normalised per entry on read, so the probabilities of one entry always sum to 1 and adding
 * evidence later needs no rescaling pass.
 */
import { canonicalLanguage } from '../text/index.js';
import { DEFAULT_MAX_PHRASE_WORDS } from './constants.js';
import { LexiconError } from './errors.js';
import { cleanText, echo, keyWords, normalizeKey } from './normalize.js';

/** Languages and provenance of a lexicon; tags are canonicalised ('EN-us' -> 'en'). */
export interface LexiconInfo {
  srcLang: string;
  tgtLang: string;
  /** Where the entries came from, e.g. 'muse:en-de.txt'. */
  id: string;
}

/** One translation with its probability p(tgt | src). */
export interface Translation {
  tgt: string;
  p: number;
}

/** A source key (normalised) with its translations, most probable first. */
export interface LexiconEntry {
  src: string;
  translations: readonly Translation[];
}

/** The result of a phrase lookup: how many tokens matched, and the entry they matched. */
export interface PhraseMatch {
  length: number;
  entry: LexiconEntry;
}

/** A node of the phrase trie: children by whole normalised word; `key` where a complete entry ends. */
interface TrieNode {
  children: Map<string, TrieNode>;
  key?: string;
}

function byProbabilityThenTarget(a: Translation, b: Translation): number {
  if (a.p !== b.p) return b.p - a.p;
  return a.tgt < b.tgt ? -1 : a.tgt > b.tgt ? 1 : 0;
}

export class Lexicon {
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly id: string;
  /** Raw accumulated scores: key -> target -> score. */
  private readonly scores = new Map<string, Map<string, number>>();
  /** Normalised, sorted translations per key; dropped for a key whenever it gains evidence. */
  private readonly sorted = new Map<string, readonly Translation[]>();
  private readonly trie: TrieNode = { children: new Map() };
  private pairCount = 0;
  private longestPhrase = 0;

  constructor(info: LexiconInfo) {
    this.srcLang = canonicalLanguage(info.srcLang);
    this.tgtLang = canonicalLanguage(info.tgtLang);
    this.id = info.id;
  }

  /** Number of source entries (words and phrases). */
  get size(): number {
    return this.scores.size;
  }

  /** Number of distinct (source, target) pairs. */
  get pairs(): number {
    return this.pairCount;
  }

  /** Words in the longest source phrase: callers need not try longer matches. */
  get maxPhraseWords(): number {
    return this.longestPhrase;
  }

  /** Adds evidence that `src` translates to `tgt`; repeated pairs accumulate. */
  add(src: string, tgt: string, score: number): void {
    if (!Number.isFinite(score) || score <= 0) {
      throw new LexiconError(`score must be a finite number > 0, got ${score} for ${echo(src)}`);
    }
    const key = normalizeKey(src, this.srcLang);
    const target = cleanText(tgt);
    if (key === '' || target === '') {
      throw new LexiconError(`empty source or target after normalisation: ${echo(src)} -> ${echo(tgt)}`);
    }
    let targets = this.scores.get(key);
    if (targets === undefined) {
      targets = new Map();
      this.scores.set(key, targets);
      this.insertPhrase(key);
    }
    const previous = targets.get(target);
    if (previous === undefined) this.pairCount += 1;
    targets.set(target, (previous ?? 0) + score);
    this.sorted.delete(key);
  }

  /** Translations of `src` by probability (descending), ties by target; empty when unknown. */
  translations(src: string): readonly Translation[] {
    return this.translationsOfKey(normalizeKey(src, this.srcLang));
  }

  top(src: string): Translation | undefined {
    return this.translations(src)[0];
  }

  has(src: string): boolean {
    return this.scores.has(normalizeKey(src, this.srcLang));
  }

  /** Entries in key order, so serialisation and derived lexicons are deterministic. */
  *entries(): IterableIterator<LexiconEntry> {
    for (const src of [...this.scores.keys()].sort()) {
      yield { src, translations: this.translationsOfKey(src) };
    }
  }

  /** Raw (unnormalised) scores of one key, target order unspecified; for exact serialisation. */
  rawScores(key: string): ReadonlyMap<string, number> | undefined {
    return this.scores.get(key);
  }

  /**
   * The longest entry matching whole tokens from `tokens[start]` on, at most `maxWords` long. Tokens
   * are compared as whole normalised words, so "art" never matches inside "party".
   */
  longestMatch(
    tokens: readonly string[],
    start: number,
    maxWords: number = DEFAULT_MAX_PHRASE_WORDS,
  ): PhraseMatch | undefined {
    let node: TrieNode = this.trie;
    let best: PhraseMatch | undefined;
    const end = Math.min(tokens.length, start + maxWords);
    for (let i = start; i < end; i += 1) {
      const next = node.children.get(normalizeKey(tokens[i] ?? '', this.srcLang));
      if (next === undefined) break;
      node = next;
      if (node.key !== undefined) {
        best = {
          length: i - start + 1,
          entry: { src: node.key, translations: this.translationsOfKey(node.key) },
        };
      }
    }
    return best;
  }

  private translationsOfKey(key: string): readonly Translation[] {
    const cached = this.sorted.get(key);
    if (cached !== undefined) return cached;
    const targets = this.scores.get(key);
    if (targets === undefined) return [];
    // Sorting raw scores first fixes the summation order, so equal evidence gives bit-identical p
    // whatever order it was added in (TSV round trips are exact).
    const raw = [...targets].map(([tgt, p]) => ({ tgt, p })).sort(byProbabilityThenTarget);
    const total = raw.reduce((sum, t) => sum + t.p, 0);
    const result = raw.map((t) => ({ tgt: t.tgt, p: t.p / total }));
    this.sorted.set(key, result);
    return result;
  }

  private insertPhrase(key: string): void {
    const words = keyWords(key);
    let node = this.trie;
    for (const word of words) {
      let child = node.children.get(word);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(word, child);
      }
      node = child;
    }
    node.key = key;
    this.longestPhrase = Math.max(this.longestPhrase, words.length);
  }
}
