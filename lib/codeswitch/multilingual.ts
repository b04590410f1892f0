/**
 * ML-CS (Litschko et al. 2023): each word is, with probability p, sent to a target language chosen
 * uniformly from several lexicons sharing one source language, and replaced if that lexicon covers it.
 * The language is drawn independently of the switch decision, so the switched positions at a given p
 * are the same as for BL-CS with the same seed, and nested across p.
 */
import type { Lexicon } from '../lexicon/index.js';
import { STREAM_LANGUAGE } from './constants.js';
import { switchTokens, type SwitchOptions, type SwitchResult } from './core.js';
import { CodeSwitchError } from './errors.js';
import { drawer, pick } from './random.js';

export interface MultilingualOptions extends SwitchOptions {
  /** One lexicon per target language, all from the same source language. */
  lexicons: readonly Lexicon[];
}

/** Throws unless the lexicons share a source language and have distinct target languages. */
export function validateLexiconSet(lexicons: readonly Lexicon[]): void {
  const first = lexicons[0];
  if (first === undefined) throw new CodeSwitchError('at least one lexicon is needed');
  // Runs once per text, so it allocates nothing: sets are a handful of languages.
  for (let i = 0; i < lexicons.length; i += 1) {
    const lexicon = lexicons[i] as Lexicon;
    if (lexicon.srcLang !== first.srcLang) {
      throw new CodeSwitchError(`lexicons mix source languages: ${first.srcLang} and ${lexicon.srcLang}`);
    }
    for (let j = 0; j < i; j += 1) {
      if ((lexicons[j] as Lexicon).tgtLang === lexicon.tgtLang) {
        throw new CodeSwitchError(`two lexicons target ${lexicon.tgtLang}: per-language counts would merge`);
      }
    }
  }
}

export function switchMultilingual(text: string, options: MultilingualOptions): SwitchResult {
  const { lexicons } = options;
  validateLexiconSet(lexicons);
  const language = drawer(options, STREAM_LANGUAGE);
  return switchTokens(text, options, lexicons, (position) => pick(language(position), lexicons.length));
}
