/**
 * The token loop shared by BL-CS and ML-CS: segment, draw per word position, replace through a chosen
 * lexicon, and count. Only word segments are ever replaced, so separators survive byte for byte.
 */
import type { Lexicon } from '../lexicon/index.js';
import { STREAM_SWITCH } from './constants.js';
import { protectionFor, setTranslatorFor } from './lookup.js';
import { drawer, validateDrawKey, validateProbability, type DrawKey } from './random.js';
import { forEachWord } from './tokenize.js';

/**
 * Options common to every method. Hot loops should pass literals of one fixed shape: options spread
 * afresh for every text made property reads megamorphic and cost about a third of the throughput.
 */
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
  let tokens = 0;
  forEachWord(text, () => (tokens += 1));
  return { text, tokens, eligible: 0, switched: 0, positions: [], byLanguage: {} };
}

/**
 * Runs the token loop. `choose` returns the index of the lexicon to translate a word through, given
 * its position; it is only asked for words whose switch draw fell under p, so its own draws never
 * affect which positions are candidates. The output is built from slices of the input, so everything
 * but replaced words is copied unchanged.
 */
export function switchTokens(
  text: string,
  options: SwitchOptions,
  lexicons: readonly Lexicon[],
  choose: (position: number) => number,
): SwitchResult {
  validateProbability(options.p);
  validateDrawKey(options);
  const srcLang = (lexicons[0] as Lexicon).srcLang;
  const translate = setTranslatorFor(lexicons);
  const isStopword =
    options.protectStopwords === true ? protectionFor(srcLang, options.stopwords) : undefined;
  const draw = drawer(options, STREAM_SWITCH);
  const { p } = options;
  const result: SwitchResult = { text, tokens: 0, eligible: 0, switched: 0, positions: [], byLanguage: {} };
  let out = '';
  let copied = 0;
  forEachWord(text, (word, start, end) => {
    const position = result.tokens;
    result.tokens += 1;
    const translations = translate(word);
    if (translations === null) return;
    if (isStopword !== undefined && isStopword(word)) return;
    result.eligible += 1;
    if (!(draw(position) < p)) return;
    const index = choose(position);
    const translated = translations[index];
    if (translated === null || translated === undefined) return;
    out += text.slice(copied, start) + translated;
    copied = end;
    result.switched += 1;
    result.positions.push(position);
    const lang = (lexicons[index] as Lexicon).tgtLang;
    result.byLanguage[lang] = (result.byLanguage[lang] ?? 0) + 1;
  });
  if (result.switched > 0) result.text = out + text.slice(copied);
  return result;
}
