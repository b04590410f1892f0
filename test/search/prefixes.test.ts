/**
 * Joined prefixes (lib/search/prefixes.ts): an Arabic query word the lexicon lacks, that the
 * index does not hold and that names nothing there, is searched as the translation of the word
 * behind its one-letter prefix; other languages, short rests and unknown rests are left alone.
 */
import { describe, expect, it } from 'vitest';
import {
  AnalysedLexicon,
  DETACHABLE_PREFIXES,
  DETACHED_MIN_LETTERS,
  NameMatcher,
  detachPrefix,
  translateQuery,
} from '../../lib/search/index.js';
import { lexicon, termIn } from './lexicon.js';

const ar = termIn('ar');
const en = termIn('en');

describe('detachPrefix', () => {
  const arEn = AnalysedLexicon.fromLexicon(
    lexicon('ar', 'en', [
      ['لعب', 'play', 1],
      ['امتناع', 'abstention', 1],
    ]),
  );

  it('finds the known word behind a person marker or a joined preposition', () => {
    // Act / Assess
    expect(detachPrefix('يلعب', arEn)).toEqual([ar('لعب')]);
    expect(detachPrefix('لامتناع', arEn)).toEqual([ar('امتناع')]);
  });

  it('leaves a word whose first letter is no prefix, whose rest is short or unknown', () => {
    // Act / Assess
    expect(DETACHABLE_PREFIXES.ar).toContain('ي');
    expect(detachPrefix('ملعب', arEn)).toBeUndefined(); // م is no prefix
    expect(DETACHED_MIN_LETTERS).toBe(3);
    expect(detachPrefix('بلع', arEn)).toBeUndefined(); // two letters left
    expect(detachPrefix('يكتب', arEn)).toBeUndefined(); // كتب is not in the lexicon
  });

  it('detaches nothing in a language without prefixes', () => {
    // Prepare: Russian "у" would otherwise leave a known word.
    const ruEn = AnalysedLexicon.fromLexicon(lexicon('ru', 'en', [['лица', 'face', 1]]));
    // Act / Assess
    expect(DETACHABLE_PREFIXES.ru).toBeUndefined();
    expect(detachPrefix('улица', ruEn)).toBeUndefined();
  });
});

describe('translateQuery with a joined prefix', () => {
  const arEn = AnalysedLexicon.fromLexicon(
    lexicon('ar', 'en', [
      ['لعب', 'play', 3],
      ['لعب', 'game', 1],
    ]),
  );

  it('searches the prefixed word as the bare word’s translations and reports the split', () => {
    // Prepare: the English index holds neither the Arabic word nor a name like it.
    const matcher = NameMatcher.fromTerms([en('play'), en('game')]);
    // Act
    const { groups, compounds, untranslated } = translateQuery('يلعب', arEn, {
      sourceTerms: false,
      names: matcher,
    });
    // Assess
    expect(untranslated).toEqual([ar('يلعب')]);
    expect(compounds).toEqual([{ word: 'يلعب', parts: [ar('لعب')] }]);
    expect(groups).toEqual([
      {
        weight: 1,
        terms: [
          { term: en('play'), weight: 0.75 },
          { term: en('game'), weight: 0.25 },
        ],
      },
    ]);
  });

  it('passes the word through where the index holds it as written', () => {
    // Prepare
    const holding = NameMatcher.fromTerms([ar('يلعب')]);
    // Act
    const { groups, compounds } = translateQuery('يلعب', arEn, { sourceTerms: false, names: holding });
    // Assess
    expect(compounds).toEqual([]);
    expect(groups).toEqual([{ weight: 1, terms: [{ term: ar('يلعب'), weight: 1 }] }]);
  });
});
