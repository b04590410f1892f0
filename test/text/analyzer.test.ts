import { describe, expect, it } from 'vitest';
import { getAnalyzer, SUPPORTED_LANGUAGES } from '../../lib/text/index.js';

/** Terms for `text` under `lang`. */
function terms(lang: string, text: string): string[] {
  return getAnalyzer(lang).analyze(text);
}

/** Asserts that every form analyzes to the same single term, and returns it. */
function expectConflated(lang: string, forms: string[]): string {
  const results = forms.map((f) => terms(lang, f));
  for (const r of results) expect(r).toHaveLength(1);
  const first = results[0]?.[0] as string;
  for (const r of results) expect(r[0]).toBe(first);
  return first;
}

describe('analyzer per language', () => {
  it('covers the required languages with dedicated analyzers', () => {
    // Prepare
    const required = 'ar de el en es fa fi fr hi id it ja ko nl pt ru sw te th tr vi zh'.split(' ');
    // Act
    const missing = required.filter((l) => !SUPPORTED_LANGUAGES.includes(l));
    // Assess
    expect(missing).toEqual([]);
    for (const l of required) expect(getAnalyzer(l).lang).toBe(l);
  });

  it('ar: strips diacritics/tatweel and unifies alef, alef maksura and taa marbuta', () => {
    // Prepare / Act / Assess: definite and indefinite, vocalised and with tatweel
    expect(expectConflated('ar', ['المدرسة', 'مدرسة', 'الْمَدْرَسَةُ', 'المدرســة', 'بالمدرسة'])).toBe('مدرس');
    expect(expectConflated('ar', ['الجامعة', 'جامعة', 'جامعه'])).toBe('جامع');
    expect(expectConflated('ar', ['أحمد', 'إحمد', 'احمد'])).toBe('احمد');
    expect(expectConflated('ar', ['مستشفى', 'مستشفي'])).toBe(terms('ar', 'مستشفي')[0]);
    expect(getAnalyzer('ar').stemmer).toBe('arabic');
  });

  it('de: case-folds umlauts and conflates Haus/Häuser', () => {
    expect(expectConflated('de', ['Häuser', 'HÄUSER', 'häuser', 'Haus'])).toBe('haus');
    expect(terms('de', 'die Straße und die Brücke')).toEqual(['strass', 'bruck']);
  });

  it('de: keeps topical words that stopwords-iso lists (numbers, Mensch, erster)', () => {
    expect(terms('de', 'der erste Mensch im Weltraum')).toEqual(['erst', 'mensch', 'weltraum']);
    expect(terms('de', 'die sieben Weltwunder')).toEqual(['sieb', 'weltwund']);
    expect(terms('de', 'aber oder weil')).toEqual([]);
  });

  it('ru: keeps the nouns, numerals and content verbs stopwords-iso lists (Россия, война, вода, писать)', () => {
    expect(terms('ru', 'Когда Россия и Москва вошли в войну за воду?')).toEqual([
      'росс',
      'москв',
      'вошл',
      'войн',
      'вод',
    ]);
    expect(terms('ru', 'семь человек писать')).toEqual(['сем', 'человек', 'писа']);
    expect(terms('ru', 'он она было быть может')).toEqual([]);
  });

  it('es: keeps the numbers, nouns and content verbs stopwords-iso lists (dos, Estados, país, dijo)', () => {
    expect(terms('es', 'los dos Estados Unidos')).toEqual(['dos', 'estad', 'unid']);
    expect(terms('es', 'el país donde dijo')).toEqual(['pais', 'dij']);
    expect(terms('es', 'pero nosotros estábamos aquí')).toEqual([]);
  });

  it('ar: keeps the numbers, time words and nouns stopwords-iso lists (عدد, ثلاثة, أيام, عام)', () => {
    expect(terms('ar', 'كم عدد الاعتراضات في ثلاثة أيام من عام 2015')).toEqual([
      'عدد',
      'اعتراض',
      'ثلاث',
      'ايام',
      'عام',
      '2015',
    ]);
    expect(terms('ar', 'هو في من على')).toEqual([]);
  });

  it('el: accents and final sigma do not matter; inflections conflate', () => {
    expect(expectConflated('el', ['δρόμος', 'ΔΡΟΜΟΣ', 'δρομος', 'δρόμου', 'δρόμοι'])).toBe('δρομ');
    expect(getAnalyzer('el').stemmer).toBe('greek');
  });

  it('en: Porter2 conflates running/runs, removes stopwords, keeps numbers', () => {
    expect(expectConflated('en', ['running', 'runs', 'Run'])).toBe('run');
    expect(terms('en', 'The history of the world in 1876')).toEqual(['histori', 'world', '1876']);
  });

  it('en: typographic and ASCII apostrophes index alike', () => {
    expect(terms('en', 'John’s car')).toEqual(terms('en', "John's car"));
    expect(terms('en', "John's car")).toEqual(['john', 'car']);
  });

  it('es: niño/niños conflate', () => {
    expect(expectConflated('es', ['niños', 'niño', 'Niños'])).toBe('niñ');
  });

  it('fa: Arabic kaf/yeh spellings meet Persian ones; ZWNJ separates compound parts', () => {
    expect(expectConflated('fa', ['كتاب', 'کتاب'])).toBe('کتاب');
    expect(terms('fa', 'كتابخانه')).toEqual(terms('fa', 'کتابخانه'));
    // 'ها' (plural) and 'می' (verb prefix) are stopwords once split off at the ZWNJ
    expect(terms('fa', 'کتاب‌ها')).toEqual(['کتاب']);
    expect(getAnalyzer('fa').stemmer).toBeNull();
  });

  it('fi: case endings conflate', () => {
    expect(expectConflated('fi', ['talossa', 'taloa', 'talo'])).toBe('talo');
  });

  it('fr: elided articles are stripped before stemming', () => {
    expect(expectConflated('fr', ["l'homme", 'hommes', 'L’homme'])).toBe('homm');
    expect(terms('fr', "Qu'est-ce que c'est")).toEqual([]);
  });

  it('hi: noun inflections conflate (Snowball Hindi)', () => {
    expect(expectConflated('hi', ['लड़कों', 'लड़का', 'लड़के'])).toBe('लड़क');
    expect(terms('hi', 'भारत की राजधानी')).toEqual(['भारत', 'राजधान']);
  });

  it('id: affixes conflate (Snowball Indonesian)', () => {
    expect(expectConflated('id', ['membaca', 'pembacaan', 'bacaan', 'dibaca'])).toBe('baca');
  });

  it('it: elision after dell’/l’ is stripped', () => {
    expect(expectConflated('it', ["dell'albero", "l'albero", 'alberi'])).toBe('alber');
  });

  it('ja: an unspaced sentence is segmented into several words', () => {
    const out = terms('ja', '東京大学の学生は日本語を勉強しています');
    expect(out.length).toBeGreaterThanOrEqual(4);
    expect(out).toContain('東京');
    expect(out).toContain('学生');
    expect(out).not.toContain('の'); // particle stopword
  });

  it('ko: space-delimited words, stopwords removed, no stemmer', () => {
    expect(terms('ko', '그리고 서울 맛집')).toEqual(['서울', '맛집']);
    expect(getAnalyzer('ko').stemmer).toBeNull();
  });

  it('nl: plural conflates with singular', () => {
    expect(expectConflated('nl', ['boeken', 'boek'])).toBe('boek');
    expect(expectConflated('nl', ['werken', 'werk'])).toBe('werk');
  });

  it('pt: criança/crianças conflate', () => {
    expect(expectConflated('pt', ['crianças', 'criança'])).toBe('crianc');
  });

  it('ru: inflections conflate and ё matches е', () => {
    expect(expectConflated('ru', ['кошки', 'кошка', 'КОШКУ'])).toBe('кошк');
    expect(terms('ru', 'ёлка')).toEqual(terms('ru', 'елка'));
  });

  it('sw: stopwords removed, no stemmer', () => {
    expect(terms('sw', 'watoto na walimu katika shule')).toEqual(['watoto', 'walimu', 'shule']);
    expect(getAnalyzer('sw').stemmer).toBeNull();
  });

  it('te: own stopword list applies (stopwords-iso has none)', () => {
    expect(terms('te', 'మరియు ఇది నగరం')).toEqual(['నగరం']);
  });

  it('th: an unspaced sentence is segmented into several words', () => {
    const out = terms('th', 'ภาษาไทยเป็นภาษาที่ง่าย');
    expect(out).toEqual(expect.arrayContaining(['ภาษา', 'ไทย', 'ง่าย']));
    expect(out.length).toBeGreaterThanOrEqual(3);
  });

  it('tr: dotted and dotless i fold the Turkish way; suffixes after apostrophes are dropped', () => {
    expect(terms('tr', 'İstanbul')).toEqual(['istanbul']);
    expect(terms('tr', 'IŞIK')).toEqual(['ışık']);
    expect(expectConflated('tr', ['kitapların', 'kitaplar'])).toBe('kitap');
    expect(terms('tr', "İstanbul'da")).toEqual(['istanbul']);
  });

  it('vi: syllables keep their tone marks; stopwords removed', () => {
    expect(terms('vi', 'Thủ đô của Việt Nam là Hà Nội')).toEqual(['thủ', 'đô', 'việt', 'nam', 'hà', 'nội']);
  });

  it('vi: content syllables stopwords-iso stops are kept (sự nghiệp, lần, năm, người)', () => {
    expect(terms('vi', 'sự nghiệp của ông')).toEqual(['sự', 'nghiệp', 'ông']);
    expect(terms('vi', 'lần đầu tiên vào năm 1990 người ta')).toEqual([
      'lần',
      'đầu',
      'tiên',
      'năm',
      '1990',
      'người',
    ]);
    // Function words still go: pronoun, copula, aspect marker, preposition, conjunction.
    expect(terms('vi', 'tôi đã ở và là')).toEqual([]);
  });

  it('th: content words stopwords-iso stops are kept; function words still go', () => {
    const out = terms('th', 'พบ วัน เปิด');
    expect(out).toEqual(['พบ', 'วัน', 'เปิด']);
    expect(terms('th', 'และ ของ ที่ ใน')).toEqual([]);
  });

  it('zh: an unspaced sentence is segmented into several words', () => {
    const out = terms('zh', '我爱北京天安门');
    expect(out).toEqual(expect.arrayContaining(['北京', '天安门']));
    expect(out.length).toBeGreaterThanOrEqual(3);
  });
});

describe('generic and cross-script behaviour', () => {
  it('an unknown-but-valid tag gets the generic analyzer: no stopwords, no stemming', () => {
    // Prepare
    const analyzer = getAnalyzer('xh');
    // Act
    const out = analyzer.analyze('The Running dogs');
    // Assess
    expect(analyzer.lang).toBe('xx');
    expect(analyzer.stemmer).toBeNull();
    expect(out).toEqual(['the', 'running', 'dogs']);
    expect(getAnalyzer('qaa').analyze('İ I')).toEqual(['i', 'i']);
  });

  it('Azeri, without a dedicated analyzer, still folds I the Turkic way', () => {
    expect(getAnalyzer('az').analyze('IŞIQ')).toEqual(['ışıq']);
    expect(getAnalyzer('az').lang).toBe('xx');
  });

  it('Chinese inside an English sentence is segmented whatever the tag', () => {
    expect(terms('en', 'I studied at 北京大学 yesterday')).toEqual(['studi', '北京', '大学', 'yesterday']);
  });

  it('analyzers are cached per canonical tag', () => {
    expect(getAnalyzer('EN-us')).toBe(getAnalyzer('en'));
    expect(getAnalyzer('iw')).toBe(getAnalyzer('he'));
    expect(getAnalyzer('zh-Hant-TW')).toBe(getAnalyzer('zh'));
  });

  it('extra Snowball languages are wired to their stemmers', () => {
    expect(expectConflated('sv', ['husen', 'hus'])).toBe('hus');
    expect(expectConflated('ca', ["l'home", 'homes'])).toBe(terms('ca', 'homes')[0]);
    expect(getAnalyzer('nb').stemmer).toBe('norwegian');
  });
});
