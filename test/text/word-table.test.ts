/**
 * The analyzer's memo, keyed by ranges of strings, must answer as a Map keyed by the words
 * themselves would: through growth, for any characters (surrogates included), for a range in the
 * middle of a longer text, and after clear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordTable } from '../../lib/text/word-table.js';

describe('WordTable', () => {
  it('answers as a Map of the words would, each word given as a range of a longer text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 3 })), {
          maxLength: 300,
        }),
        (entries) => {
          const table = new WordTable();
          const reference = new Map<string, number>();
          entries.forEach(([word, padding], i) => {
            const text = `${padding}${word}${padding}`;
            const [start, end] = [padding.length, padding.length + word.length];
            expect(table.get(text, start, end)).toBe(reference.get(word));
            if (!reference.has(word)) {
              table.set(text, start, end, i);
              reference.set(word, i);
            }
          });
          expect(table.size).toBe(reference.size);
          for (const [word, value] of reference) expect(table.get(word, 0, word.length)).toBe(value);
        },
      ),
    );
  });

  it('keeps every word through many doublings and forgets them all on clear', () => {
    const table = new WordTable();
    const words = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}é北`);
    words.forEach((w, i) => table.set(w, 0, w.length, i));
    expect(words.every((w, i) => table.get(` ${w} `, 1, w.length + 1) === i)).toBe(true);
    expect(table.get('w', 0, 1)).toBeUndefined();
    expect(table.get('', 0, 0)).toBeUndefined();
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get(words[7]!, 0, words[7]!.length)).toBeUndefined();
    table.set('', 0, 0, -1);
    expect(table.get('x', 1, 1)).toBe(-1);
  });
});
