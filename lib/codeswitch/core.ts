/**
 * The token loop shared by BL-CS and ML-CS: segment, draw per word position, replace through a chosen
 * lexicon, and count. Only word segments are ever replaced, so separators survive byte for byte.
 */
import type { Lexicon } from '../lexicon/index.js';
import { normalizeKey } from '../lexicon/index.js';
import { getAnalyzer } from '../text/index.js';
import { applyCase, casePattern } from './case.js';
import { STREAM_SWITCH } from './constants.js';
import { uniform, validateDrawKey, validateProbability, type DrawKey } from './random.js';
import { joinSegments, segmentText } from './tokenize.js';

/** Options common to every method. */
export interface SwitchOptions extends DrawKey {
  /** Probability that a word is switched, in [0, 1]. */
  p: number;
  /** Leave stopwords in the source language (default false: the paper switches them too). */
  protectStopwords?: boolean;
  /** Normalised stopword keys replacing the source language analyzer's list when protecting. */
  stopwords?: ReadonlySet<string>;
}

/** What one text became, with counts for provenance. */
export interface SwitchResult {
  text: string;
  /** Word tokens in the input. */
  tokens: number;
  /** Tokens some lexicon of the method covers and that are not protected. */
  eligible: number;
  /** Tokens (or, for phrases, spans) replaced. */
  switched: number;
  /** Word positions (0-based among word tokens) that were replaced; for phrases, their first word. */
  positions: number[];
  /** Switches per target language. */
  byLanguage: Record<string, number>;
}

/** A result that leaves `text` alone, e.g. for a side already in the target language. */
export function unchanged(text: string): SwitchResult {
  const tokens = segmentText(text).filter((s) => s.kind === 'word').length;
  return { text, tokens, eligible: 0, switched: 0, positions: [], byLanguage: {} };
}

/** True when the word is a stopword of `lang` (by `stopwords`, else by the language's analyzer). */
export function isProtected(word: string, lang: string, stopwords: ReadonlySet<string> | undefined): boolean {
  if (stopwords !== undefined) return stopwords.has(normalizeKey(word, lang));
  return getAnalyzer(lang).analyze(word).length === 0;
}

/** The top translation of `word`, in `word`'s case pattern; undefined when the lexicon lacks it. */
export function translateWord(word: string, lexicon: Lexicon): string | undefined {
  const top = lexicon.top(word);
  if (top === undefined) return undefined;
  return applyCase(top.tgt, casePattern(word, lexicon.srcLang), lexicon.tgtLang);
}

/**
 * Runs the token loop. `choose` returns the lexicon to translate a word through, given its position;
 * it is only asked for words whose switch draw fell under p, so its own draws never affect which
 * positions are candidates.
 */
export function switchTokens(
  text: string,
  options: SwitchOptions,
  lexicons: readonly Lexicon[],
  choose: (position: number) => Lexicon,
): SwitchResult {
  validateProbability(options.p);
  validateDrawKey(options);
  const srcLang = (lexicons[0] as Lexicon).srcLang;
  const segments = segmentText(text);
  const result: SwitchResult = { text, tokens: 0, eligible: 0, switched: 0, positions: [], byLanguage: {} };
  for (const segment of segments) {
    if (segment.kind !== 'word') continue;
    const position = result.tokens;
    result.tokens += 1;
    if (!lexicons.some((lexicon) => lexicon.has(segment.text))) continue;
    if (options.protectStopwords === true && isProtected(segment.text, srcLang, options.stopwords)) continue;
    result.eligible += 1;
    if (!(uniform(options, position, STREAM_SWITCH) < options.p)) continue;
    const lexicon = choose(position);
    const translated = translateWord(segment.text, lexicon);
    if (translated === undefined) continue;
    segment.text = translated;
    result.switched += 1;
    result.positions.push(position);
    result.byLanguage[lexicon.tgtLang] = (result.byLanguage[lexicon.tgtLang] ?? 0) + 1;
  }
  result.text = joinSegments(segments);
  return result;
}
