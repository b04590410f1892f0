/**
 * Markup cleaning for dictionary entries. Wiktionary-derived wordnets and dictd conversions leak their
 * source syntax ('''bold''', [[links]], {{templates}}, HTML entities, ~ for spaces, stress accents,
 * stray parentheses) into headwords and translations; a query word never matches such a key, so every
 * source passes through `cleanLexicon` before it is merged, keeping its per-entry weights.
 */
import { Lexicon } from '../lexicon.js';
import { cleanText, decodeHtmlEntities, normalizeKey } from '../normalize.js';
import { LANGUAGE_SCRIPT_RE, MAX_TRANSLATION_WORDS } from './constants.js';

/** '''bold''' marks the headword inside a Wiktionary quotation: the bold part is the lemma. */
const BOLD_RE = /'''(.+?)'''/gu;
const QUOTE_MARKUP_RE = /'{2,}/g;
const TEMPLATE_RE = /\{\{[^{}]*\}\}/g;
const LINK_RE = /\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]/g;
/** Stress accents in Russian dictionary forms (анте́нна): readers never type them. */
const CYRILLIC_STRESS_RE = /(\p{Script=Cyrillic})[\u0300\u0301]/gu;
/** A balanced parenthesised gloss. */
const GLOSS_RE = /\([^()]*\)/gu;
/** FreeDict eng-hin writes spaces inside a translation as ~ (क्षणिक~विराम). */
const TILDE_RE = /~/g;
/** A trailing sense number left on a translation line ("абака 2."). */
const TRAILING_SENSE_NUMBER_RE = /\s+\d+\.$/u;
/** Leading and trailing punctuation that is never part of a word. */
const EDGE_PUNCTUATION_RE = /^[\s,;:.!?*"“”„«»/|-]+|[\s,;:!?*"“”„«»/|-]+$/gu;

/** Removes unmatched ( and ) so "Haus)" or "(Haus" become "Haus"; balanced pairs stay. */
function dropStrayParentheses(text: string): string {
  const chars = [...text];
  const open: number[] = [];
  const drop = new Set<number>();
  chars.forEach((char, i) => {
    if (char === '(') open.push(i);
    else if (char === ')') {
      if (open.length > 0) open.pop();
      else drop.add(i);
    }
  });
  for (const i of open) drop.add(i);
  return chars.filter((_, i) => !drop.has(i)).join('');
}

/**
 * Any character the slow path would act on; most dictionary words have none, and importers have
 * already run cleanText on them, so they come back as they are.
 */
const MARKUP_HINT_RE = /['[\]{}&~()]|\u0300|\u0301|\d\.$|^[,;:.!?*"“”„«»/|-]|[,;:!?*"“”„«»/|-]$/u;

/**
 * One headword or translation, as a lexicon stores it (cleanText'ed), without wiki, HTML or dictd
 * markup; '' when nothing is left.
 */
export function cleanMarkup(text: string): string {
  if (!MARKUP_HINT_RE.test(text)) return text;
  let out = decodeHtmlEntities(text);
  const bold = [...out.matchAll(BOLD_RE)].map((m) => m[1] ?? '');
  if (bold.length > 0) out = bold.join(' ');
  out = out
    .replace(QUOTE_MARKUP_RE, '')
    .replace(TEMPLATE_RE, ' ')
    .replace(LINK_RE, '$1')
    .replace(/\[\[|\]\]|\{\{|\}\}/g, ' ')
    .replace(TILDE_RE, ' ')
    .normalize('NFD')
    .replace(CYRILLIC_STRESS_RE, '$1')
    .normalize('NFC');
  out = cleanText(dropStrayParentheses(out));
  // Balanced (glosses) go, unless they are all there is: "Eel (on a menu)" -> "Eel", "(sth.)" -> "sth.".
  const withoutGlosses = cleanText(out.replace(GLOSS_RE, ' '));
  out = withoutGlosses !== '' ? withoutGlosses : out.replace(/[()]/g, ' ');
  out = cleanText(out).replace(TRAILING_SENSE_NUMBER_RE, '');
  return cleanText(out.replace(EDGE_PUNCTUATION_RE, ''));
}

/** Whether a cleaned translation can be one: short enough, and in the target's script where known. */
export function plausibleTranslation(text: string, tgtLang: string): boolean {
  if (text.split(' ').length > MAX_TRANSLATION_WORDS) return false;
  const script = LANGUAGE_SCRIPT_RE[tgtLang];
  return script === undefined || script.test(text);
}

/** Whether a cleaned headword belongs to the source language, by the same script test. */
function plausibleHeadword(text: string, srcLang: string): boolean {
  const script = LANGUAGE_SCRIPT_RE[srcLang];
  return script === undefined || script.test(text);
}

/** Cleaned raw scores: normalised key -> cleaned target -> summed score. */
export type CleanScores = Map<string, Map<string, number>>;

export interface CleanResult {
  lexicon: Lexicon;
  /** Pairs dropped: nothing left after cleaning, too long, or in the wrong script. */
  dropped: number;
}

/**
 * The cleaned pairs of `lexicon` with their raw scores (pairs that clean to the same words add up),
 * in plain maps: the build merges these straight into the direction's lexicon without building an
 * intermediate Lexicon (phrase trie, sorted caches) per source.
 */
export function cleanScores(lexicon: Lexicon): { scores: CleanScores; dropped: number } {
  const scores: CleanScores = new Map();
  let dropped = 0;
  // Targets repeat across entries (a German noun translates many English words): clean each once.
  const cleanedTargets = new Map<string, string>();
  for (const entry of lexicon.entries()) {
    const cleanedSrc = cleanMarkup(entry.src);
    const src = cleanedSrc === entry.src ? entry.src : normalizeKey(cleanedSrc, lexicon.srcLang);
    const raw = lexicon.rawScores(entry.src);
    const headwordOk = src !== '' && plausibleHeadword(src, lexicon.srcLang);
    let targets = scores.get(src);
    for (const { tgt } of entry.translations) {
      let target = cleanedTargets.get(tgt);
      if (target === undefined) {
        target = cleanMarkup(tgt);
        cleanedTargets.set(tgt, target);
      }
      const score = raw?.get(tgt) ?? 0;
      if (!headwordOk || target === '' || score <= 0 || !plausibleTranslation(target, lexicon.tgtLang)) {
        dropped += 1;
        continue;
      }
      if (targets === undefined) {
        targets = new Map();
        scores.set(src, targets);
      }
      targets.set(target, (targets.get(target) ?? 0) + score);
    }
  }
  return { scores, dropped };
}

/** A copy of `lexicon` with every key and target cleaned, keeping the raw scores (sense ranks, counts). */
export function cleanLexicon(lexicon: Lexicon, id: string = lexicon.id): CleanResult {
  const cleaned = new Lexicon({ srcLang: lexicon.srcLang, tgtLang: lexicon.tgtLang, id });
  const { scores, dropped } = cleanScores(lexicon);
  for (const [src, targets] of scores) {
    for (const [tgt, score] of targets) cleaned.add(src, tgt, score);
  }
  return { lexicon: cleaned, dropped };
}
