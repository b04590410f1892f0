import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { switchWiki, switchWikiPair, type WikiOptions } from '../../lib/codeswitch/index.js';
import { lexiconOf, seed, sentence } from './helpers.js';

const TITLES = lexiconOf('en', 'de', [
  ['machine learning', 'maschinelles Lernen'],
  ['machine', 'Maschine'],
  ['learning', 'Lernen'],
  ['art', 'Kunst'],
  ['a b', 'b'],
  ['b', 'c'],
]);
const EN_FR = lexiconOf('en', 'fr', [['art', 'art moderne']]);

function options(p: number, s = 1): WikiOptions {
  return { lexicon: TITLES, p, seed: s, exampleIndex: 0, side: 'passage' };
}

describe('switchWiki', () => {
  it('replaces the longest phrase on word boundaries only', () => {
    // Prepare
    const text = 'Machine learning is art, not a party; machine, learning.';
    // Act
    const result = switchWiki(text, options(1));
    // Assess
    expect(result.text).toBe('Maschinelles Lernen is Kunst, not a party; Maschine, Lernen.');
    expect(result).toMatchObject({ tokens: 9, switched: 4, positions: [0, 3, 7, 8] });
  });

  it('never translates a replaced span again', () => {
    // Act
    const result = switchWiki('a b b', options(1));
    // Assess
    expect(result.text).toBe('b c');
  });

  it('keeps all-caps phrases in capitals', () => {
    // Act
    const result = switchWiki('MACHINE LEARNING', options(1));
    // Assess
    expect(result.text).toBe('MASCHINELLES LERNEN');
  });

  it('is the identity at p = 0 and deterministic, and "party" is never touched', () => {
    fc.assert(
      fc.property(sentence, seed, fc.double({ min: 0, max: 1, noNaN: true }), (text, s, p) => {
        // Act
        const zero = switchWiki(text, options(0, s));
        const result = switchWiki(text, options(p, s));
        // Assess
        expect(zero.text).toBe(text);
        expect(switchWiki(text, options(p, s))).toEqual(result);
        expect(result.text.split('party').length).toBe(text.split('party').length);
        expect(result.text).not.toMatch(/pKunst|Kunsty/);
      }),
    );
  });
});

describe('switchWikiPair', () => {
  it('draws one query and one document language per instance, the same for every passage', () => {
    // Prepare
    const pair = { query: 'art', passage: 'art' };
    const base = { queryLexicons: [TITLES, EN_FR], docLexicons: [TITLES, EN_FR], p: 1, seed: 4 };
    // Act
    const runs = Array.from({ length: 40 }, (_, ex) => ({
      first: switchWikiPair(pair, { ...base, exampleIndex: ex }),
      negative: switchWikiPair(pair, { ...base, exampleIndex: ex, passageIndex: 1 }),
    }));
    // Assess
    for (const { first, negative } of runs) {
      expect(negative.docLanguage).toBe(first.docLanguage);
      expect(first.query.text).toBe(first.queryLanguage === 'de' ? 'Kunst' : 'art moderne');
    }
    expect(new Set(runs.map((r) => r.first.docLanguage))).toEqual(new Set(['de', 'fr']));
  });

  it('leaves a side with no lexicons alone', () => {
    // Act
    const result = switchWikiPair(
      { query: 'art', passage: 'art' },
      { queryLexicons: [], docLexicons: [TITLES], p: 1, seed: 0, exampleIndex: 0 },
    );
    // Assess
    expect(result.query.text).toBe('art');
    expect(result.queryLanguage).toBeNull();
    expect(result.passage.text).toBe('Kunst');
  });
});
