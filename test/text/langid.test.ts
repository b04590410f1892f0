import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector, type LanguageDetector } from '../../lib/text/index.js';

describe('the language detector', () => {
  let detector: LanguageDetector;
  beforeAll(async () => {
    detector = await createLanguageDetector();
  });

  // Sentences written for this test (not taken from the benchmark set).
  const cases: [string, string][] = [
    ['en', 'The quick brown fox jumps over the lazy dog'],
    ['de', 'Der schnelle braune Fuchs springt über den faulen Hund'],
    ['fr', 'Le renard brun saute par-dessus le chien paresseux'],
    ['es', 'El zorro marrón salta sobre el perro perezoso'],
    ['ru', 'Быстрая коричневая лиса прыгает через ленивую собаку'],
    ['ar', 'الثعلب البني السريع يقفز فوق الكلب الكسول'],
    ['el', 'Η γρήγορη καφέ αλεπού πηδάει πάνω από το τεμπέλικο σκυλί'],
    ['zh', '敏捷的棕色狐狸跳过了懒狗'],
    ['ja', '素早い茶色の狐が怠け者の犬を飛び越える'],
    ['ko', '빠른 갈색 여우가 게으른 개를 뛰어넘는다'],
    ['th', 'สุนัขจิ้งจอกสีน้ำตาลกระโดดข้ามสุนัขขี้เกียจ'],
    ['hi', 'बिल्ली पूरे दिन सोफे पर सोती है'],
    ['fi', 'Kissa nukkuu sohvalla koko päivän'],
    ['tr', 'Kedi bütün gün kanepede uyuyor'],
    ['id', 'Rubah coklat yang cepat melompati anjing yang malas'],
  ];

  it.each(cases)('detects %s', (lang, text) => {
    // Act
    const got = detector.detect(text);
    // Assess
    expect(got?.lang).toBe(lang);
    expect(got?.confidence).toBeGreaterThan(0);
    expect(got?.confidence).toBeLessThanOrEqual(1);
  });

  it('reads a Chinese question quoting a Latin name as Chinese', () => {
    expect(detector.detect('Sky Digital是什么时候推出的？')?.lang).toBe('zh');
  });

  it('reads an English sentence quoting a Chinese name as English', () => {
    expect(detector.detect('I studied at 北京大学 for four years')?.lang).toBe('en');
  });

  it('returns null when there are no letters', () => {
    expect(detector.detect('')).toBeNull();
    expect(detector.detect('   ')).toBeNull();
    expect(detector.detect('12345 !!! ... 42')).toBeNull();
  });

  it('does not throw on lone surrogates', () => {
    expect(() => detector.detect('abc \uD800 def \uDC00')).not.toThrow();
  });
});
