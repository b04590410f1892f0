/**
 * Names no lexicon lists, found in the index's own vocabulary. A query word PSQ cannot translate
 * is passed through (psq.ts), which finds "Tesla" in a German index but not "Пэнтерс" in an
 * English one, nor "Panthers" in an Arabic one. Those are the same name in another script, and the
 * documents hold it: the index terms whose consonant skeleton (lib/text's nameSkeleton) equals the
 * query word's are its candidates, e.g. Пэнтерс → panther, Broncos → бронкос, البانثرز → panthers.
 * A word the lexicon does translate gets them in place of its own form (psq.ts), at the share of
 * an average translation: "computer" has Russian translations, and Russian also writes "компьютер".
 *
 * A skeleton is coarse, so a match counts only when it is specific: at least
 * NAME_MIN_SKELETON_CLASSES consonant classes, and at most NAME_MAX_CANDIDATES index terms sharing
 * it. Both are rules fixed before measuring, not fitted (docs/results.md has the measurement).
 *
 * The vocabulary is read from the shard heads already in memory; the skeleton table is built on
 * the first query that needs it, and not at all for a vocabulary over NAME_MAX_VOCABULARY terms
 * (its memory and build time would be a cold start's, for a rare benefit).
 */
import type { IndexReader } from '../index/index.js';
import { nameScriptTest, nameSkeleton } from '../text/index.js';
import { NAME_MAX_CANDIDATES, NAME_MAX_VOCABULARY, NAME_MIN_SKELETON_CLASSES } from './constants.js';

/** Index terms by skeleton, for the untranslated words of a query. */
export class NameMatcher {
  private constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly bySkeleton: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** A matcher over these index terms (each analysed, as the index holds them). */
  static fromTerms(terms: Iterable<string>): NameMatcher {
    const vocabulary = new Set(terms);
    const bySkeleton = new Map<string, string[]>();
    for (const term of vocabulary) {
      const skeleton = nameSkeleton(term);
      if (skeleton.length < NAME_MIN_SKELETON_CLASSES) continue;
      const group = bySkeleton.get(skeleton);
      // Past the cap a skeleton is ambiguous whatever else shares it; keep one over to know.
      if (group === undefined) bySkeleton.set(skeleton, [term]);
      else if (group.length <= NAME_MAX_CANDIDATES) group.push(term);
    }
    return new NameMatcher(vocabulary, bySkeleton);
  }

  /**
   * A matcher over the terms of the given shard heads that pass `keep`, or undefined when the
   * heads hold more than NAME_MAX_VOCABULARY terms in all (counted before anything is read).
   */
  static fromHeads(
    heads: ReadonlyArray<{ termCount: number; termAt(index: number): string }>,
    keep: (term: string) => boolean,
  ): NameMatcher | undefined {
    const total = heads.reduce((sum, head) => sum + head.termCount, 0);
    if (total > NAME_MAX_VOCABULARY) return undefined;
    function* terms() {
      for (const head of heads) {
        for (let i = 0; i < head.termCount; i++) {
          const term = head.termAt(i);
          if (keep(term)) yield term;
        }
      }
    }
    return NameMatcher.fromTerms(terms());
  }

  /** Whether the index holds this term. */
  has(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /**
   * Index terms that may be this word written another way: none when the skeleton is not
   * specific. The index holds stems, so where no term has the word's whole skeleton, its last
   * class may be an inflection the stemmer took off ("Бронкос", BRNKS, is the index's "bronco",
   * BRNK): the skeleton without it is tried once, under the same rules.
   */
  candidates(word: string): readonly string[] {
    const skeleton = nameSkeleton(word);
    if (skeleton.length < NAME_MIN_SKELETON_CLASSES) return [];
    let group = this.bySkeleton.get(skeleton);
    if (group === undefined && skeleton.length > NAME_MIN_SKELETON_CLASSES) {
      group = this.bySkeleton.get(skeleton.slice(0, -1));
    }
    return group === undefined || group.length > NAME_MAX_CANDIDATES ? [] : group;
  }
}

/** Matchers per index build and document language; a new build (a new reader) gets its own. */
const matchers = new WeakMap<IndexReader, Map<string, NameMatcher | undefined>>();

/**
 * The name matcher for one document language of an index: its readable shards' terms in that
 * language's script. Undefined for a script nameSkeleton does not romanise, or a vocabulary too
 * large (NAME_MAX_VOCABULARY). Built once per reader and language, on first use.
 */
export function nameMatcherFor(reader: IndexReader, lang: string): NameMatcher | undefined {
  let byLang = matchers.get(reader);
  if (byLang === undefined) {
    byLang = new Map();
    matchers.set(reader, byLang);
  }
  if (byLang.has(lang)) return byLang.get(lang);
  const keep = nameScriptTest(lang);
  const heads = reader.shards.filter((s) => s.fault === undefined).map((s) => s.head);
  const matcher = keep === undefined ? undefined : NameMatcher.fromHeads(heads, keep);
  byLang.set(lang, matcher);
  return matcher;
}
