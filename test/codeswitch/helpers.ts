/** Small in-code lexicons and arbitraries shared by the code-switching tests. */
import fc from 'fast-check';
import { Lexicon } from '../../lib/lexicon/index.js';

/** Builds a lexicon from [source, target] pairs, each with score 1 (first listed wins ties by order). */
export function lexiconOf(
  srcLang: string,
  tgtLang: string,
  pairs: readonly (readonly [string, string])[],
): Lexicon {
  const lexicon = new Lexicon({ srcLang, tgtLang, id: `test:${srcLang}-${tgtLang}` });
  for (const [src, tgt] of pairs) lexicon.add(src, tgt, 1);
  return lexicon;
}

export const EN_DE_PAIRS: readonly (readonly [string, string])[] = [
  ['art', 'Kunst'],
  ['house', 'Haus'],
  ['the', 'das'],
  ['dog', 'Hund'],
  ['big', 'groß'],
  ['street', 'straße'],
  ["don't", 'nicht'],
];

export const EN_FR_PAIRS: readonly (readonly [string, string])[] = [
  ['art', 'art'],
  ['house', 'maison'],
  ['the', 'la'],
  ['dog', 'chien'],
];

/** Sentences drawn from lexicon words, near-misses ("party", "arts") and punctuation. */
export const sentence: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      'art',
      'Art',
      'ART',
      'party',
      'arts',
      'house',
      'House',
      'the',
      'dog',
      "don't",
      'big',
      'cat',
    ),
    { maxLength: 12 },
  )
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', ', ', '  ', ' "', '" ', '-', '\n', '’'), {
        minLength: words.length + 1,
        maxLength: words.length + 1,
      })
      .map((seps) => seps.map((sep, i) => sep + (words[i] ?? '')).join('')),
  );

export const seed: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0xffffffff });
export const exampleIndex: fc.Arbitrary<number> = fc.nat({ max: 1_000_000 });
