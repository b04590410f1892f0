/** Summary numbers for reports and import logs. */
import type { Lexicon } from './lexicon.js';

export interface LexiconStats {
  entries: number;
  pairs: number;
  /** Entries whose source is more than one word. */
  phraseEntries: number;
  meanTranslationsPerEntry: number;
}

export function lexiconStats(lexicon: Lexicon): LexiconStats {
  let phraseEntries = 0;
  for (const entry of lexicon.entries()) {
    if (entry.src.includes(' ')) phraseEntries += 1;
  }
  return {
    entries: lexicon.size,
    pairs: lexicon.pairs,
    phraseEntries,
    meanTranslationsPerEntry: lexicon.size === 0 ? 0 : lexicon.pairs / lexicon.size,
  };
}
