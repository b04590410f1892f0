import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invert, Lexicon } from '../../lib/lexicon/index.js';
import { EN_DE, total } from './helpers.js';

/** Words from a mix of scripts and case/compatibility forms, never blank. */
const word = fc
  .string({
    unit: fc.constantFrom('a', 'B', 'ß', 'İ', 'ı', 'é', 'Σ', 'ﬁ', 'ж', '中', ' ', '1'),
    minLength: 1,
    maxLength: 6,
  })
  .filter((s) => s.trim() !== '');
const triple = fc.tuple(word, word, fc.double({ min: 1e-6, max: 1e6, noNaN: true }));

describe('lexicon properties', () => {
  it('keeps every entry a distribution and survives a double inversion', () => {
    fc.assert(
      fc.property(
        fc.array(triple, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('en', 'tr', 'de'),
        (adds, lang) => {
          // Prepare
          const lexicon = new Lexicon({ ...EN_DE, srcLang: lang, id: 'random' });
          // Act
          for (const [src, tgt, score] of adds) lexicon.add(src, tgt, score);
          const back = invert(invert(lexicon));
          // Assess
          for (const entry of [...lexicon.entries(), ...back.entries()]) {
            expect(Math.abs(total(entry.translations) - 1)).toBeLessThanOrEqual(1e-9);
          }
          expect([...back.entries()].map((e) => e.src)).toEqual([...lexicon.entries()].map((e) => e.src));
        },
      ),
    );
  });
});
