/** Lexicons derived from others: the reverse direction, and weighted mixtures of several sources. */
import { LexiconError } from './errors.js';
import { Lexicon } from './lexicon.js';

/** One input of `merge`: a lexicon and how much its probabilities count. */
export interface WeightedLexicon {
  lexicon: Lexicon;
  weight: number;
}

/**
 * X->EN from EN->X: the score of (t -> s) is p(t | s), summed over every s that t translates, then
 * normalised per t. Without a prior over s this treats source words as equally likely.
 */
export function invert(lexicon: Lexicon): Lexicon {
  const inverted = new Lexicon({
    srcLang: lexicon.tgtLang,
    tgtLang: lexicon.srcLang,
    id: `invert(${lexicon.id})`,
  });
  for (const entry of lexicon.entries()) {
    for (const { tgt, p } of entry.translations) {
      // p underflows to 0 only for absurd score ratios; such a pair carries no evidence anyway.
      if (p > 0) inverted.add(tgt, entry.src, p);
    }
  }
  return inverted;
}

/**
 * Weighted sum of the inputs' probabilities, renormalised per entry. An entry present in one input
 * only keeps that input's distribution: weights trade lexicons off only where they overlap.
 */
export function merge(parts: readonly WeightedLexicon[], options: { id?: string } = {}): Lexicon {
  const first = parts[0];
  if (first === undefined) throw new LexiconError('merge needs at least one lexicon');
  for (const { lexicon, weight } of parts) {
    if (lexicon.srcLang !== first.lexicon.srcLang || lexicon.tgtLang !== first.lexicon.tgtLang) {
      throw new LexiconError(
        `cannot merge ${lexicon.id} (${lexicon.srcLang}->${lexicon.tgtLang}) with ` +
          `${first.lexicon.id} (${first.lexicon.srcLang}->${first.lexicon.tgtLang}): languages differ`,
      );
    }
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new LexiconError(`weight of ${lexicon.id} must be a finite number > 0, got ${weight}`);
    }
  }
  const id = options.id ?? `merge(${parts.map((x) => `${x.lexicon.id}*${x.weight}`).join(',')})`;
  const merged = new Lexicon({ srcLang: first.lexicon.srcLang, tgtLang: first.lexicon.tgtLang, id });
  for (const { lexicon, weight } of parts) {
    for (const entry of lexicon.entries()) {
      for (const { tgt, p } of entry.translations) {
        if (p > 0) merged.add(entry.src, tgt, weight * p);
      }
    }
  }
  return merged;
}
