/**
 * Name skeletons: the same name written in Latin, Cyrillic, Greek and Arabic script reduces to
 * one key, vowels and inflection endings aside; scripts the table does not cover give none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameScriptTest, nameSkeleton, romanize } from '../../lib/text/index.js';

describe('nameSkeleton', () => {
  it('gives one skeleton for a name across scripts and spellings', () => {
    // Act / Assess
    expect(['Tesla', 'Тесла', 'Теслы', 'تسلا', 'Τέσλα'].map(nameSkeleton)).toEqual(Array(5).fill('TSL'));
    expect(['Jacksonville', 'Джэксонвилл'].map(nameSkeleton)).toEqual(['SKSNBL', 'SKSNBL']);
    expect(['Panthers', 'Пэнтерс', 'البانثرز', 'بانثرز'].map(nameSkeleton)).toEqual(Array(4).fill('BNTRS'));
    expect(['Temüjin', 'Temudschin', 'Тэмуджин'].map(nameSkeleton)).toEqual(['TMSN', 'TMSN', 'TMSN']);
  });

  it('drops Arabic diacritics and the joined article, but not a word that only starts like it', () => {
    // Assess: البانثرز is al- + banthirz; الف ("thousand") keeps its first letters.
    expect(romanize('البَانْثِرْز')).toBe('banthrz');
    expect(nameSkeleton('الف')).toBe('LB');
    // "with the Super (Bowl)", "and the Broncos", "for the Panthers".
    expect(['بالسوبر', 'والبرونكوز', 'للبانثرز'].map(nameSkeleton)).toEqual(['SBR', 'BRNKS', 'BNTRS']);
  });

  it('has nothing to say about scripts it does not romanise', () => {
    // Assess
    expect(nameSkeleton('特斯拉')).toBe('');
    expect(nameSkeleton('2015')).toBe('');
  });

  it('ignores vowels and case: inserting vowels anywhere never changes the skeleton', () => {
    const consonants = fc.stringMatching(/^[bcdfgklmnprstvz]{1,8}$/);
    const vowels = fc.array(fc.constantFrom('a', 'e', 'i', 'o', 'u', 'y'), { maxLength: 8 });
    fc.assert(
      fc.property(consonants, vowels, fc.nat(), (word, inserted, seed) => {
        const chars = [...word];
        inserted.forEach((v, i) => chars.splice((seed + i) % (chars.length + 1), 0, v));
        const spread = chars.join('');
        // Digraph rules (sh, ch, th…) only ever see consonants brought together, never split.
        fc.pre(!/(sh|ch|zh|ph|th|dh|kh|gh|ck|qu|sch)/.test(word + spread));
        expect(nameSkeleton(spread.toUpperCase())).toBe(nameSkeleton(word));
      }),
    );
  });
});

describe('nameScriptTest', () => {
  it("keeps a language's own script and has no test for scripts without a table", () => {
    // Act
    const russian = nameScriptTest('ru')!;
    const english = nameScriptTest('en')!;
    // Assess
    expect([russian('бронкос'), russian('bronco'), english('bronco'), english('бронкос')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(nameScriptTest('zh')).toBeUndefined();
    expect(nameScriptTest('th')).toBeUndefined();
  });
});
