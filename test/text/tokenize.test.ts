/**
 * forEachToken scans all-ASCII chunks itself and hands the rest to the token regex: it must give
 * the regex's words, in the same order, on any text, whatever its mix of scripts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachToken, forEachTokenByRegex } from '../../lib/text/tokenize.js';

function tokens(each: typeof forEachToken, text: string, cjkLocale: string | null = null): string[] {
  const out: string[] = [];
  each(text, cjkLocale, (t) => out.push(t));
  return out;
}

/** Pieces that meet at chunk edges: ASCII words, apostrophes, delimiters, Latin with accents, CJK, Thai, marks, surrogates. */
const PIECES = [
  'a',
  'Z',
  'don',
  '7',
  "'",
  "''",
  ' ',
  '-',
  '.',
  '\n',
  '_',
  'é',
  'l',
  'straße',
  'e\u0301',
  '\u0301',
  '北京',
  '東京タワー',
  'ภาษาไทย',
  'москва',
  'مدرسة',
  '😀',
  '\ud800',
  '１２',
  '½',
  '\u200b',
  '’',
];

describe('forEachToken', () => {
  it('gives the same words as the token regex on mixed-script text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        fc.constantFrom(null, 'zh', 'ja'),
        (pieces, cjkLocale) => {
          const text = pieces.join('');
          expect(tokens(forEachToken, text, cjkLocale)).toEqual(tokens(forEachTokenByRegex, text, cjkLocale));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the same words as the token regex on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(tokens(forEachToken, text)).toEqual(tokens(forEachTokenByRegex, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps apostrophes only between letters or digits, as the regex does', () => {
    expect(tokens(forEachToken, "don't 'quoted' a''b l'homme x' 'y rock'n'roll")).toEqual([
      "don't",
      'quoted',
      'a',
      'b',
      "l'homme",
      'x',
      'y',
      "rock'n'roll",
    ]);
    expect(tokens(forEachToken, "l'été windows的问题 naïve café's")).toEqual([
      "l'été",
      'windows',
      '的',
      '问题',
      'naïve',
      "café's",
    ]);
  });
});
