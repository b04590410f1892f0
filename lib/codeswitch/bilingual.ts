/**
 * BL-CS (Litschko et al. 2023): each word of a text is replaced, with probability p, by its top
 * translation in one bilingual lexicon.
 */
import type { Lexicon } from '../lexicon/index.js';
import { switchTokens, unchanged, type SwitchOptions, type SwitchResult } from './core.js';
import type { Side } from './random.js';

export interface BilingualOptions extends SwitchOptions {
  /** Source language -> target language; words are looked up normalised. */
  lexicon: Lexicon;
}

export function switchBilingual(text: string, options: BilingualOptions): SwitchResult {
  const { lexicon } = options;
  return switchTokens(text, options, [lexicon], () => 0);
}

/** A query with one passage, the unit the pair helpers switch. */
export interface TextPair {
  query: string;
  passage: string;
}

export interface PairResult {
  query: SwitchResult;
  passage: SwitchResult;
}

/** Per-example options: the side is set by the pair helper, so it is not taken here. */
export type PairOptions = Omit<SwitchOptions, 'side' | 'passageIndex'>;

export interface BilingualPairOptions extends PairOptions {
  /** Lexicon for the query; null or absent leaves the query alone (e.g. an English query in EN–DE). */
  queryLexicon?: Lexicon | null;
  /** Lexicon for the passage; null or absent leaves the passage alone. */
  docLexicon?: Lexicon | null;
  /** Which passage of the example this is (0 for the positive), so negatives draw independently. */
  passageIndex?: number;
}

function switchSide(text: string, lexicon: Lexicon | null | undefined, options: SwitchOptions): SwitchResult {
  return lexicon === null || lexicon === undefined
    ? unchanged(text)
    : switchBilingual(text, { ...options, lexicon });
}

/** Switches query and passage independently: each side has its own draws. */
export function switchPair(pair: TextPair, options: BilingualPairOptions): PairResult {
  const { queryLexicon, docLexicon, passageIndex, ...rest } = options;
  const side = (s: Side): SwitchOptions => ({ ...rest, side: s, passageIndex: passageIndex ?? 0 });
  return {
    query: switchSide(pair.query, queryLexicon, side('query')),
    passage: switchSide(pair.passage, docLexicon, side('passage')),
  };
}
