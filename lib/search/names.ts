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
 * Chinese writes a foreign r and l alike (卡罗来纳, Carolina), so where either side is Han the
 * skeletons are compared with their liquids merged (lib/text's mergeLiquids): an index of Chinese
 * is keyed that way throughout, any other index in a second table built for its first Han word.
 * Only Han words that may be transliterations take part (lib/text's isTransliteratedHan), and in
 * a Chinese index only for words PSQ could not translate.
 *
 * The vocabulary is read from the shard heads already in memory; the skeleton table is built on
 * the first query that needs it, and not at all for a vocabulary over NAME_MAX_VOCABULARY terms
 * (its memory and build time would be a cold start's, for a rare benefit).
 */
import type { IndexReader } from '../index/index.js';
import { isTransliteratedHan, mergeLiquids, nameScriptTest, nameSkeleton } from '../text/index.js';
import { NAME_MAX_CANDIDATES, NAME_MAX_VOCABULARY, NAME_MIN_SKELETON_CLASSES } from './constants.js';

/** Index terms by skeleton, for the untranslated words of a query. */
export class NameMatcher {
  /** Index terms by skeleton with merged liquids, for Han words; built on first use. */
  private byMergedSkeleton: ReadonlyMap<string, readonly string[]> | undefined;

  private constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly bySkeleton: ReadonlyMap<string, readonly string[]>,
    /** Whether bySkeleton's keys are already merged (a Chinese index). */
    private readonly merged: boolean,
  ) {
    if (merged) this.byMergedSkeleton = bySkeleton;
  }

  /**
   * A matcher over these index terms (each analysed, as the index holds them); `mergedLiquids`
   * for an index in Chinese, whose skeletons cannot tell r from l.
   */
  static fromTerms(terms: Iterable<string>, options: { mergedLiquids?: boolean } = {}): NameMatcher {
    const vocabulary = new Set(terms);
    const merged = options.mergedLiquids ?? false;
    return new NameMatcher(vocabulary, skeletonTable(vocabulary, merged), merged);
  }

  /**
   * A matcher over the terms of the given shard heads that pass `keep`, or undefined when the
   * heads hold more than NAME_MAX_VOCABULARY terms in all (counted before anything is read).
   */
  static fromHeads(
    heads: ReadonlyArray<{ termCount: number; termAt(index: number): string }>,
    keep: (term: string) => boolean,
    options: { mergedLiquids?: boolean } = {},
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
    return NameMatcher.fromTerms(terms(), options);
  }

  /**
   * Whether this is a Chinese index (skeletons compared with merged liquids): only words PSQ
   * could not translate look for names there, since the pinyin skeletons of Chinese words
   * collide with many an ordinary word of another language (psq.ts).
   */
  get chinese(): boolean {
    return this.merged;
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
    const han = HAN_RE.test(word);
    if (han && !isTransliteratedHan(word)) return [];
    let skeleton = nameSkeleton(word);
    let table = this.bySkeleton;
    if (this.merged || han) {
      skeleton = mergeLiquids(skeleton);
      this.byMergedSkeleton ??= skeletonTable(this.vocabulary, true);
      table = this.byMergedSkeleton;
    }
    if (skeleton.length < NAME_MIN_SKELETON_CLASSES) return [];
    let group = table.get(skeleton);
    // A Chinese index is not stemmed: nothing was taken off its terms' ends.
    if (group === undefined && !this.merged && skeleton.length > NAME_MIN_SKELETON_CLASSES) {
      group = table.get(skeleton.slice(0, -1));
    }
    return group === undefined || group.length > NAME_MAX_CANDIDATES ? [] : group;
  }
}

/** A word with a Han character: its skeleton comes from pinyin, which merges r and l. */
const HAN_RE = /\p{Script=Han}/u;

/** Index terms by skeleton (liquids merged or not), the specific skeletons only. */
function skeletonTable(vocabulary: ReadonlySet<string>, merged: boolean): Map<string, string[]> {
  const bySkeleton = new Map<string, string[]>();
  for (const term of vocabulary) {
    const plain = nameSkeleton(term);
    const skeleton = merged ? mergeLiquids(plain) : plain;
    if (skeleton.length < NAME_MIN_SKELETON_CLASSES) continue;
    const group = bySkeleton.get(skeleton);
    // Past the cap a skeleton is ambiguous whatever else shares it; keep one over to know.
    if (group === undefined) bySkeleton.set(skeleton, [term]);
    else if (group.length <= NAME_MAX_CANDIDATES) group.push(term);
  }
  return bySkeleton;
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
  const heads = reader.shards.filter((s) => s.fault === undefined).map((s) => s.dictionary);
  const matcher =
    keep === undefined ? undefined : NameMatcher.fromHeads(heads, keep, { mergedLiquids: lang === 'zh' });
  byLang.set(lang, matcher);
  return matcher;
}
