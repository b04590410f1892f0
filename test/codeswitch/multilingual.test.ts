import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodeSwitchError,
  switchBilingual,
  switchMultilingual,
  type MultilingualOptions,
} from '../../lib/codeswitch/index.js';
import { EN_DE_PAIRS, EN_FR_PAIRS, exampleIndex, lexiconOf, seed, sentence } from './helpers.js';

const EN_DE = lexiconOf('en', 'de', EN_DE_PAIRS);
const EN_FR = lexiconOf('en', 'fr', EN_FR_PAIRS);

function options(p: number, s = 1, ex = 0): MultilingualOptions {
  return { lexicons: [EN_DE, EN_FR], p, seed: s, exampleIndex: ex, side: 'query' };
}

describe('switchMultilingual', () => {
  it('sends each switched word to one language and counts per language', () => {
    // Prepare
    const text = 'the dog house the dog house the dog house';
    // Act
    const result = switchMultilingual(text, options(1, 5));
    // Assess
    const counts = Object.values(result.byLanguage).reduce((a, b) => a + b, 0);
    expect(result.switched).toBe(9);
    expect(counts).toBe(9);
    expect(Object.keys(result.byLanguage).sort()).toEqual(['de', 'fr']);
    for (const word of result.text.split(' '))
      expect(['das', 'la', 'Hund', 'chien', 'Haus', 'maison']).toContain(word);
  });

  it('leaves a word whose drawn language lacks it', () => {
    // Prepare: "big" is only in the German lexicon.
    const draws = fc
      .sample(exampleIndex, { seed: 2, numRuns: 40 })
      .map((ex) => switchMultilingual('big', options(1, 9, ex)));
    // Assess
    expect(draws.every((r) => r.eligible === 1)).toBe(true);
    expect(new Set(draws.map((r) => r.text))).toEqual(new Set(['big', 'groß']));
  });

  it('rejects lexicons with different source languages or repeated targets', () => {
    // Prepare
    const deEn = lexiconOf('de', 'en', [['Haus', 'house']]);
    // Act
    const mixed = () => switchMultilingual('x', { ...options(1), lexicons: [EN_DE, deEn] });
    const repeated = () => switchMultilingual('x', { ...options(1), lexicons: [EN_DE, EN_DE] });
    const none = () => switchMultilingual('x', { ...options(1), lexicons: [] });
    // Assess
    expect(mixed).toThrow(CodeSwitchError);
    expect(repeated).toThrow(CodeSwitchError);
    expect(none).toThrow(CodeSwitchError);
  });

  it('is the identity at p = 0, deterministic, and nested in p with the same languages', () => {
    fc.assert(
      fc.property(sentence, seed, exampleIndex, (text, s, ex) => {
        // Act
        const zero = switchMultilingual(text, options(0, s, ex));
        const low = switchMultilingual(text, options(0.25, s, ex));
        const high = switchMultilingual(text, options(0.5, s, ex));
        // Assess
        expect(zero.text).toBe(text);
        expect(switchMultilingual(text, options(0.25, s, ex))).toEqual(low);
        expect(low.positions.every((pos) => high.positions.includes(pos))).toBe(true);
      }),
    );
  });

  it('switches at p = 1 every word that all lexicons cover', () => {
    fc.assert(
      fc.property(sentence, seed, (text, s) => {
        // Act
        const result = switchMultilingual(text, options(1, s));
        const single = switchBilingual(text, {
          lexicon: EN_FR,
          p: 1,
          seed: s,
          exampleIndex: 0,
          side: 'query',
        });
        // Assess: every EN_FR word is also in EN_DE, so all of them switch whichever language is drawn.
        expect(result.switched).toBeGreaterThanOrEqual(single.switched);
        expect(result.switched).toBeLessThanOrEqual(result.eligible);
      }),
    );
  });
});
