import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  segmentText,
  switchBilingual,
  switchPair,
  type BilingualOptions,
} from '../../lib/codeswitch/index.js';
import { EN_DE_PAIRS, exampleIndex, lexiconOf, seed, sentence } from './helpers.js';

const EN_DE = lexiconOf('en', 'de', EN_DE_PAIRS);

function options(p: number, s = 1, ex = 0): BilingualOptions {
  return { lexicon: EN_DE, p, seed: s, exampleIndex: ex, side: 'passage' };
}

function wordsOf(text: string): string[] {
  return segmentText(text)
    .filter((seg) => seg.kind === 'word')
    .map((seg) => seg.text);
}

describe('switchBilingual golden examples', () => {
  it('replaces every covered word at p = 1, keeping case patterns and separators', () => {
    // Prepare
    const text = `The big dog's house, "ART" party — don't!`;
    // Act
    const result = switchBilingual(text, options(1));
    // Assess
    expect(result.text).toBe(`Das groß dog's Haus, "KUNST" party — nicht!`);
    expect(result).toMatchObject({ tokens: 7, eligible: 5, switched: 5, positions: [0, 1, 3, 4, 6] });
    expect(result.byLanguage).toEqual({ de: 5 });
  });

  it('upper-cases with the target language rules', () => {
    // Act
    const result = switchBilingual('STREET', options(1));
    // Assess
    expect(result.text).toBe('STRASSE');
  });

  it('leaves stopwords alone only when asked to', () => {
    // Prepare
    const text = 'the house';
    // Act
    const plain = switchBilingual(text, options(1));
    const analyzerList = switchBilingual(text, { ...options(1), protectStopwords: true });
    const ownList = switchBilingual(text, {
      ...options(1),
      protectStopwords: true,
      stopwords: new Set(['house']),
    });
    // Assess
    expect(plain.text).toBe('das Haus');
    expect(analyzerList.text).toBe('the Haus');
    expect(analyzerList.eligible).toBe(1);
    expect(ownList.text).toBe('das house');
  });
});

describe('switchPair', () => {
  it('leaves a side with a null lexicon untouched and draws each side independently', () => {
    // Prepare
    const pair = { query: 'the dog house', passage: 'the dog house' };
    // Act
    const enDe = switchPair(pair, { queryLexicon: null, docLexicon: EN_DE, p: 1, seed: 3, exampleIndex: 0 });
    const both = switchPair(pair, {
      queryLexicon: EN_DE,
      docLexicon: EN_DE,
      p: 0.5,
      seed: 3,
      exampleIndex: 0,
    });
    // Assess
    expect(enDe.query).toEqual({
      text: pair.query,
      tokens: 3,
      eligible: 0,
      switched: 0,
      positions: [],
      byLanguage: {},
    });
    expect(enDe.passage.text).toBe('das Hund Haus');
    const sides = fc.sample(fc.nat({ max: 500 }), { seed: 11, numRuns: 50 }).map((ex) => {
      const r = switchPair(pair, {
        queryLexicon: EN_DE,
        docLexicon: EN_DE,
        p: 0.5,
        seed: 3,
        exampleIndex: ex,
      });
      return r.query.positions.join() === r.passage.positions.join();
    });
    expect(sides.some((same) => !same)).toBe(true);
    expect(both.query.tokens).toBe(3);
  });
});

describe('switchBilingual properties', () => {
  it('is the identity at p = 0', () => {
    fc.assert(
      fc.property(fc.oneof(sentence, fc.string({ unit: 'binary' })), seed, (text, s) => {
        // Act
        const result = switchBilingual(text, options(0, s));
        // Assess
        expect(result.text).toBe(text);
        expect(result.switched).toBe(0);
      }),
    );
  });

  it('switches every covered word at p = 1 and never touches a word inside another', () => {
    fc.assert(
      fc.property(sentence, seed, (text, s) => {
        // Act
        const result = switchBilingual(text, options(1, s));
        // Assess
        expect(result.switched).toBe(result.eligible);
        const before = wordsOf(text);
        const after = wordsOf(result.text);
        expect(after).toHaveLength(before.length);
        before.forEach((word, i) => {
          if (!EN_DE.has(word)) expect(after[i]).toBe(word);
        });
        expect(after.filter((w) => w === 'party')).toHaveLength(before.filter((w) => w === 'party').length);
      }),
    );
  });

  it('is deterministic for a seed and nested in p', () => {
    fc.assert(
      fc.property(sentence, seed, exampleIndex, (text, s, ex) => {
        // Act
        const low = switchBilingual(text, options(0.25, s, ex));
        const again = switchBilingual(text, options(0.25, s, ex));
        const high = switchBilingual(text, options(0.5, s, ex));
        // Assess
        expect(again).toEqual(low);
        expect(low.positions.every((pos) => high.positions.includes(pos))).toBe(true);
      }),
    );
  });

  it('changes only switched words: separators survive byte for byte', () => {
    fc.assert(
      fc.property(sentence, seed, fc.double({ min: 0, max: 1, noNaN: true }), (text, s, p) => {
        // Act
        const result = switchBilingual(text, options(p, s));
        // Assess
        const others = (t: string): string[] =>
          segmentText(t)
            .filter((seg) => seg.kind === 'other')
            .map((seg) => seg.text);
        expect(others(result.text)).toEqual(others(text));
      }),
    );
  });
});
