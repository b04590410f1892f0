/**
 * Properties every method must keep, beyond those in the per-method files: the memoised fast paths
 * agree with their definitions, and ML-CS and Wiki-CS never touch text they do not switch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  drawer,
  hashWords,
  segmentText,
  switchBilingual,
  switchMultilingual,
  switchWiki,
  type Side,
} from '../../lib/codeswitch/index.js';
import { EN_DE_PAIRS, EN_FR_PAIRS, exampleIndex, lexiconOf, seed, sentence } from './helpers.js';

const EN_DE = lexiconOf('en', 'de', EN_DE_PAIRS);
const EN_FR = lexiconOf('en', 'fr', EN_FR_PAIRS);
/** German restricted to the French lexicon's words: both languages cover exactly the same words. */
const EN_DE_SAME = lexiconOf(
  'en',
  'de',
  EN_DE_PAIRS.filter(([src]) => EN_FR_PAIRS.some(([fr]) => fr === src)),
);

function others(text: string): string[] {
  return segmentText(text)
    .filter((s) => s.kind === 'other')
    .map((s) => s.text);
}

function words(text: string): string[] {
  return segmentText(text)
    .filter((s) => s.kind === 'word')
    .map((s) => s.text);
}

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const side = fc.constantFrom<Side>('query', 'passage');

describe('draws', () => {
  it('the per-text drawer equals murmur3 over [seed, example, side, position, stream]', () => {
    fc.assert(
      fc.property(
        seed,
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        side,
        fc.nat({ max: 50 }),
        fc.nat({ max: 2 ** 40 }),
        fc.nat({ max: 4 }),
        (s, ex, sd, passage, position, stream) => {
          // Prepare
          const split = (n: number) => [n >>> 0, Math.floor(n / 2 ** 32) >>> 0];
          const sideCode = sd === 'query' ? 0 : 1 + passage;
          const words = [s, ...split(ex), ...split(sideCode), ...split(position), stream];
          // Act
          const u = drawer({ seed: s, exampleIndex: ex, side: sd, passageIndex: passage }, stream)(position);
          // Assess
          expect(u).toBe(hashWords(words) / 2 ** 32);
        },
      ),
    );
  });
});

describe('memoised lookups', () => {
  it('give the same output whether a lexicon is fresh or already warm', () => {
    fc.assert(
      fc.property(sentence, seed, probability, (text, s, p) => {
        // Prepare
        const key = { p, seed: s, exampleIndex: 0, side: 'query' as const };
        const fresh = lexiconOf('en', 'de', EN_DE_PAIRS);
        // Act
        const cold = switchBilingual(text, { ...key, lexicon: fresh });
        const warm = switchBilingual(text, { ...key, lexicon: EN_DE });
        // Assess
        expect(cold).toEqual(warm);
      }),
    );
  });

  it('see entries added after a lexicon was first used', () => {
    // Prepare
    const lexicon = lexiconOf('en', 'de', [['house', 'Haus']]);
    const options = { lexicon, p: 1, seed: 0, exampleIndex: 0, side: 'query' as const };
    const before = switchBilingual('dog house', options).text;
    // Act
    lexicon.add('dog', 'Hund', 1);
    const after = switchBilingual('dog house', options).text;
    // Assess
    expect(before).toBe('dog Haus');
    expect(after).toBe('Hund Haus');
  });
});

describe('ML-CS properties', () => {
  it('changes only switched words: separators and uncovered words survive byte for byte', () => {
    fc.assert(
      fc.property(sentence, seed, exampleIndex, probability, (text, s, ex, p) => {
        // Act
        const result = switchMultilingual(text, {
          lexicons: [EN_DE, EN_FR],
          p,
          seed: s,
          exampleIndex: ex,
          side: 'passage',
        });
        // Assess
        expect(others(result.text)).toEqual(others(text));
        const before = words(text);
        const after = words(result.text);
        expect(after).toHaveLength(before.length);
        before.forEach((word, i) => {
          if (!EN_DE.has(word) && !EN_FR.has(word)) expect(after[i]).toBe(word);
        });
      }),
    );
  });

  it('switches every covered word at p = 1 when all languages cover the same words', () => {
    fc.assert(
      fc.property(sentence, seed, exampleIndex, (text, s, ex) => {
        // Act
        const result = switchMultilingual(text, {
          lexicons: [EN_DE_SAME, EN_FR],
          p: 1,
          seed: s,
          exampleIndex: ex,
          side: 'query',
        });
        // Assess
        expect(result.switched).toBe(result.eligible);
      }),
    );
  });

  it('golden: each covered word takes one language, in the source word’s case', () => {
    // Prepare
    const text = 'House, house! HOUSE';
    // Act
    const result = switchMultilingual(text, {
      lexicons: [EN_DE_SAME, EN_FR],
      p: 1,
      seed: 1,
      exampleIndex: 0,
      side: 'query',
    });
    // Assess
    const [a, b, c] = words(result.text);
    expect(['Haus', 'Maison']).toContain(a);
    // A lower-case source keeps the lexicon's own spelling (German nouns stay capitalised).
    expect(['Haus', 'maison']).toContain(b);
    expect(['HAUS', 'MAISON']).toContain(c);
    expect(others(result.text)).toEqual([', ', '! ']);
  });
});

describe('Wiki-CS properties', () => {
  it('with one-word entries, changes only switched words and keeps every separator', () => {
    fc.assert(
      fc.property(sentence, seed, probability, (text, s, p) => {
        // Act
        const result = switchWiki(text, { lexicon: EN_DE, p, seed: s, exampleIndex: 0, side: 'passage' });
        // Assess
        expect(others(result.text)).toEqual(others(text));
        const before = words(text);
        const after = words(result.text);
        before.forEach((word, i) => {
          if (!EN_DE.has(word)) expect(after[i]).toBe(word);
        });
      }),
    );
  });

  it('switches every eligible phrase at p = 1', () => {
    // Prepare
    const titles = lexiconOf('en', 'de', [
      ...EN_DE_PAIRS,
      ['big dog', 'Riesenhund'],
      ['the house', 'das Haus'],
    ]);
    fc.assert(
      fc.property(sentence, seed, (text, s) => {
        // Act
        const result = switchWiki(text, { lexicon: titles, p: 1, seed: s, exampleIndex: 0, side: 'query' });
        // Assess
        expect(result.switched).toBe(result.eligible);
        expect(result.text.split('party').length).toBe(text.split('party').length);
      }),
    );
  });
});
