/**
 * Names written in two scripts, made to read the same on both sides of a glossed pair.
 *
 * Why: no lexicon lists most names, so a gloss leaves them as written, and a name then reads
 * "Panthers" in an English question and "Пантерз" in the Russian passage that answers it, or
 * "البانثرز" and "Пантерз" between Arabic and Russian. The reranker was trained on round-tripped
 * English, where a name is the same Latin word on both sides; across scripts it sees no match at
 * all, though the first stage found one (lib/search's names.ts matches such words through their
 * consonant skeletons). Here a name left as written on one side whose skeleton (lib/text's
 * nameSkeleton: Пантерз, البانثرز and Panthers all give PNTRS) equals a name's on the other side
 * is written as that name: its Latin form where one side has it, else one romanisation for both.
 *
 * A skeleton is coarse, so the rules are those of the first stage's name matching, fixed before
 * measuring: at least GLOSS_NAME_MIN_SKELETON_CLASSES consonant classes, Han words only when they
 * may be transliterations (lib/text's isTransliteratedHan) and compared with r and l merged, and
 * in a script with case only a word that starts with a capital letter (a name in running text).
 */
import { isTransliteratedHan, mergeLiquids, nameSkeleton, romanize } from '../text/index.js';
import { GLOSS_NAME_MIN_SKELETON_CLASSES, MAX_MEMO_WORDS } from './constants.js';

/** A word a side left as written that may be a name: segments first..last (a Han run may span several). */
export interface NameWord {
  first: number;
  last: number;
  text: string;
  /** Latin script: readable as it stands, and the form a matched name is written in. */
  latin: boolean;
  han: boolean;
  skeleton: string;
}

/** What to write at a segment instead of the gloss: a name, or null for the rest of a rewritten run. */
export type NameRewrites = Map<number, string | null>;

const LATIN_RE = /^[\p{Script=Latin}\p{N}'’-]+$/u;
const HAN_RE = /^\p{Script=Han}+$/u;
const CASED_RE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const CAPITAL_RE = /^\p{Lu}/u;

const skeletons = new Map<string, string>();

function skeletonOf(text: string): string {
  let skeleton = skeletons.get(text);
  if (skeleton === undefined) {
    skeleton = nameSkeleton(text);
    if (skeletons.size >= MAX_MEMO_WORDS) skeletons.clear();
    skeletons.set(text, skeleton);
  }
  return skeleton;
}

/**
 * The word as a possible name, or undefined: a word of a cased script must start with a capital,
 * a Han word must be a possible transliteration, and its skeleton must be specific enough.
 */
export function nameWord(text: string, first: number, last = first): NameWord | undefined {
  const han = HAN_RE.test(text);
  if (han ? !isTransliteratedHan(text) : CASED_RE.test(text) && !CAPITAL_RE.test(text)) return undefined;
  const skeleton = skeletonOf(text);
  if (skeleton.length < GLOSS_NAME_MIN_SKELETON_CLASSES) return undefined;
  return { first, last, text, latin: LATIN_RE.test(text), han, skeleton };
}

function sameName(a: NameWord, b: NameWord): boolean {
  if (!a.han && !b.han) return a.skeleton === b.skeleton;
  return mergeLiquids(a.skeleton) === mergeLiquids(b.skeleton);
}

/** A romanised name, capitalised as a name is in English text. */
function latinForm(word: NameWord): string {
  const roman = romanize(word.text);
  return roman.charAt(0).toUpperCase() + roman.slice(1);
}

function rewrite(rewrites: NameRewrites, word: NameWord, form: string): void {
  rewrites.set(word.first, form);
  for (let i = word.first + 1; i <= word.last; i++) rewrites.set(i, null);
}

/**
 * Each side's names that are written in a script other than Latin and match a name of the other
 * side, with what to write for them: the other side's Latin form, else both romanised alike (the
 * passage's word romanised, so both sides write one string). A word matches at most once, the
 * first match in the other side's order.
 */
export function matchNames(
  query: readonly NameWord[],
  passage: readonly NameWord[],
): { query: NameRewrites; passage: NameRewrites } {
  const rewrites = { query: new Map(), passage: new Map() } as { query: NameRewrites; passage: NameRewrites };
  if (query.length === 0 || passage.length === 0) return rewrites;
  const matched = new Set<NameWord>();
  for (const q of query) {
    const p = passage.find((candidate) => !matched.has(candidate) && sameName(q, candidate));
    if (p === undefined || (q.latin && p.latin)) continue;
    matched.add(p);
    const form = q.latin ? q.text : p.latin ? p.text : latinForm(p);
    if (!q.latin) rewrite(rewrites.query, q, form);
    if (!p.latin) rewrite(rewrites.passage, p, form);
  }
  return rewrites;
}
