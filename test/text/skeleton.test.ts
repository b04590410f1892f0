/**
 * Name skeletons: the same name written in Latin, Cyrillic, Greek, Arabic and Han script reduces
 * to one key, vowels and inflection endings aside (and r/l for Han, through mergeLiquids); scripts
 * the tables do not cover give none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeLiquids, nameScriptTest, nameSkeleton, romanize } from '../../lib/text/index.js';

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
    // Assess: Thai, and digits.
    expect(nameSkeleton('เทสลา')).toBe('');
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

describe('nameSkeleton of Han words', () => {
  /** Whether two words' skeletons match once r and l are one class (a Han word on either side). */
  const sameName = (a: string, b: string): boolean =>
    mergeLiquids(nameSkeleton(a)) === mergeLiquids(nameSkeleton(b));

  it('romanises Han through pinyin respelt for English consonant classes', () => {
    // Act / Assess: x is sh, c is ts, -ng is n, 尔 is r.
    expect(['特斯拉', '休斯敦', '杰克逊维尔', '舒尔茨', '亨利'].map(romanize)).toEqual([
      'tesila',
      'shiusidun',
      'jiekeshunweir',
      'shurtsi',
      'henli',
    ]);
  });

  it('gives the skeleton of the name the characters transcribe', () => {
    // Assess: the same without merging liquids, when the name has no r or l the other way round.
    expect(['特斯拉', 'Tesla'].map(nameSkeleton)).toEqual(['TSL', 'TSL']);
    expect(['休斯敦', 'Houston'].map(nameSkeleton)).toEqual(['STN', 'STN']);
    expect(['明尼苏达', 'Minnesota'].map(nameSkeleton)).toEqual(['MNST', 'MNST']);
  });

  it('matches names with an r once liquids are merged on both sides', () => {
    // Assess: 罗 and 莱/来 are l where Carolina has r and l; 尔 stands for -ville's ll.
    expect(['卡罗莱纳', '卡罗来纳', 'Carolina'].map(nameSkeleton)).toEqual(['KLN', 'KLN', 'KRLN']);
    expect(sameName('卡罗莱纳', 'Carolina') && sameName('卡罗来纳', 'Carolina')).toBe(true);
    expect(['杰克逊维尔', 'Jacksonville'].map(nameSkeleton)).toEqual(['SKSNBR', 'SKSNBL']);
    expect(sameName('杰克逊维尔', 'Jacksonville')).toBe(true);
    expect(sameName('弗里茨', 'Fritz') && sameName('舒尔茨', 'Schultz')).toBe(true);
  });

  it('leaves characters outside the general standard table as they are', () => {
    // Assess: 丶 has a Unihan reading (zhǔ) but is not in the table; 査 is the Japanese form of 查.
    expect(['丶', '査'].map(romanize)).toEqual(['丶', '査']);
    expect(['丶', '査'].map(nameSkeleton)).toEqual(['', '']);
    // The table's characters around it still count.
    expect(nameSkeleton('特丶斯拉')).toBe('TSL');
  });

  it('merges R into L and collapses the runs this makes', () => {
    // Assess
    expect(['KRLN', 'BRTS', 'LRL', 'TSL', ''].map(mergeLiquids)).toEqual(['KLN', 'BLTS', 'L', 'TSL', '']);
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
    expect(nameScriptTest('ja')).toBeUndefined();
    const chinese = nameScriptTest('zh')!;
    expect(['特斯拉', '特斯拉s', 'Tesla', '2015'].map(chinese)).toEqual([true, false, false, false]);
    expect(nameScriptTest('th')).toBeUndefined();
  });
});
