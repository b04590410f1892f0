import { describe, expect, it } from 'vitest';
import { getAnalyzer } from '../../lib/text/index.js';
import {
  foldTaaMarbuta,
  foldText,
  normalizeArabic,
  normalizeGreek,
  normalizePersian,
} from '../../lib/text/normalize.js';
import { tokenize } from '../../lib/text/tokenize.js';

describe('foldText', () => {
  it('applies NFKC: fullwidth letters, ligatures and fullwidth digits', () => {
    // Prepare
    const input = 'ＡＢＣ ﬁnance １８７６';
    // Act
    const out = foldText(input, 'en');
    // Assess
    expect(out).toBe('abc finance 1876');
  });

  it('lowercases I to i outside Turkic languages and removes the dot left by İ', () => {
    expect(foldText('I İ', 'en')).toBe('i i');
  });

  it('uses Turkish rules for tr and az', () => {
    expect(foldText('IŞIK İstanbul', 'tr')).toBe('ışık istanbul');
    expect(foldText('I', 'az')).toBe('ı');
  });

  it('deletes soft hyphens and joiners but treats zero-width space as a word break', () => {
    expect(foldText('infor\u00ADmation', 'en')).toBe('information');
    expect(foldText('a\u200Bb', 'en')).toBe('a b');
  });

  it('splits Persian at ZWNJ but deletes ZWNJ elsewhere', () => {
    expect(foldText('می\u200Cخواهم', 'fa')).toBe('می خواهم');
    expect(foldText('می\u200Cخواهم', 'ar')).toBe('میخواهم');
  });
});

describe('script-specific normalizers', () => {
  it('Arabic: diacritics, tatweel, alef forms, alef maksura; taa marbuta folded on stems', () => {
    expect(normalizeArabic('مَدْرَسَةٌ')).toBe('مدرسة');
    expect(foldTaaMarbuta('مدرسة')).toBe('مدرسه');
    expect(normalizeArabic('كتـــاب')).toBe('كتاب');
    expect(normalizeArabic('أ إ آ ٱ')).toBe('ا ا ا ا');
    expect(normalizeArabic('على')).toBe('علي');
    expect(normalizeArabic('ی ک')).toBe('ي ك');
  });

  it('Arabic analyzer output never contains taa marbuta', () => {
    const out = getAnalyzer('ar').analyze('الحياة مدينة ثقافة قة');
    expect(out.length).toBe(4);
    for (const term of out) expect(term).not.toContain('ة');
  });

  it('Persian: Arabic yeh/kaf go to the Persian letters', () => {
    expect(normalizePersian('يك كتاب')).toBe('یک کتاب');
    expect(normalizePersian('خانۀ')).toBe('خانه');
  });

  it('Greek: accents stripped and final sigma folded', () => {
    expect(normalizeGreek('δρόμος ΐ')).toBe('δρομοσ ι');
  });

  it('leaves combining marks alone where they are letters (Hindi matras, Vietnamese tones)', () => {
    expect(getAnalyzer('hi').analyze('किताब')).toEqual(['किताब']);
    expect(getAnalyzer('vi').analyze('phở')).toEqual(['phở']);
  });
});

describe('tokenize', () => {
  it('splits on punctuation and symbols, keeping digits and internal apostrophes', () => {
    // Prepare
    const text = "don't stop—state-of-the-art, 'quoted' 3.14 $100 ☃ ...";
    // Act
    const out = tokenize(text);
    // Assess
    expect(out).toEqual(["don't", 'stop', 'state', 'of', 'the', 'art', 'quoted', '3', '14', '100']);
  });

  it('separates an unspaced-script run from adjacent Latin letters', () => {
    expect(tokenize('windows的问题')).toEqual(['windows', '的', '问题']);
  });

  it('reads a Han run as Japanese when it contains kana', () => {
    expect(tokenize('東京に行きます')).toEqual(expect.arrayContaining(['東京']));
  });

  it('segments runs longer than one Intl.Segmenter chunk the same as a single call would', () => {
    // Prepare
    const thai = 'ภาษาไทยง่ายนิดเดียว'.repeat(200);
    const expected: string[] = [];
    for (const s of new Intl.Segmenter('th', { granularity: 'word' }).segment(thai)) {
      if (s.isWordLike === true) expected.push(s.segment);
    }
    // Act
    const out = tokenize(thai);
    // Assess
    expect(out).toEqual(expected);
  });

  it('returns nothing for punctuation-only input', () => {
    expect(tokenize('!!! ... ¿? — «»')).toEqual([]);
  });
});
