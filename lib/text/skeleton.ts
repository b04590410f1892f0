/**
 * Consonant skeletons of names, for matching a name across scripts and spellings: "Пэнтерс",
 * "البانثرز" and "panthers" are one team, and no bilingual lexicon lists it. A word is romanised
 * letter by letter (Cyrillic, Greek and Arabic by the tables below, Latin by dropping diacritics,
 * Han characters by their Mandarin pinyin from Unihan, han-pinyin.ts), then reduced to the classes
 * of its consonants: vowels go (Arabic does not write short ones, and vowel endings are where
 * Russian and Arabic inflect names), so do h and y (scripts write them inconsistently), and
 * consonants that transliterations swap for one another share a class: p/b/f/v/w (Arabic has no p
 * or v), k/c/q/g, t/d, s/z/j and the digraphs sh/ch/zh. Repeated classes collapse. "Tesla",
 * "Тесла", "تسلا" and "特斯拉" all give TSL; "Jacksonville" and "Джэксонвилл" give SKSNBL.
 *
 * Chinese writes a foreign r and l alike: with l syllables (罗 luo and 来 lai for Carolina's r and
 * l), and with 尔 (er, romanised r) for a final one (杰克逊维尔 for Jacksonville). So "卡罗来纳"
 * gives KLN against Carolina's KRLN, and "杰克逊维尔" SKSNBR against SKSNBL: where either side of
 * a comparison is Han, the caller puts both skeletons through mergeLiquids, which makes them KLN
 * and SKSNBL.
 *
 * Deliberately coarse: a skeleton is a key for finding candidate names in an index vocabulary,
 * and the caller decides when a key is specific enough (lib/search/names.ts).
 */
import { hanReadings } from './han-pinyin.js';

/** A table written as "letter:romanisation" pairs separated by spaces (an empty romanisation drops the letter). */
function letterTable(pairs: string): Readonly<Record<string, string>> {
  return Object.fromEntries(
    pairs
      .split(' ')
      .filter(Boolean)
      .map((pair) => {
        const colon = pair.indexOf(':');
        return [pair.slice(0, colon), pair.slice(colon + 1)];
      }),
  );
}

/** Romanisation of Cyrillic letters (lowercase), close to the usual English transcription. */
const CYRILLIC = letterTable(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f ' +
    'х:h ц:s ч:ch ш:sh щ:sh ъ: ы:y ь: э:e ю:yu я:ya і:i ї:i є:e ґ:g ў:u ј:j љ:l њ:n ћ:ch ђ:j ' +
    'џ:j',
);

/** Romanisation of Greek letters (lowercase, after accents are dropped). */
const GREEK = letterTable(
  'α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:ks ο:o π:p ρ:r σ:s ς:s τ:t υ:i ' +
    'φ:f χ:h ψ:ps ω:o',
);

/**
 * Romanisation of Arabic letters (consonants; long vowels as vowels, which the skeleton drops).
 * و is read as the vowel it mostly is in transliterated names (برونكوز, Broncos), not as w.
 */
const ARABIC = letterTable(
  'ا:a أ:a إ:i آ:a ب:b ت:t ث:th ج:j ح:h خ:kh د:d ذ:dh ر:r ز:z س:s ش:sh ص:s ض:d ط:t ظ:z ع: ' +
    'غ:g ف:f ق:k ك:k ل:l م:m ن:n ه:h و:u ي:y ى:a ة: ء: ؤ: ئ: پ:p چ:ch ژ:zh ڤ:v گ:g ک:k ی:y',
);

/**
 * Toneless pinyin (ü as v, as han-pinyin.ts writes it) respelt so that the digraph and class rules
 * below give its consonants the classes of an English transcription: x and q are sh and ch sounds
 * (as letters they would be KS and K), c is ts (舒尔茨 Schultz, 弗里茨 Fritz), v is the vowel ü; zh,
 * ch, sh and j already fall in s's class. A final -ng is read as n: Chinese writes a foreign n
 * with an -ng syllable (亨利 Henry, 琼斯 Jones, 明尼苏达 Minnesota, 本杰明 Benjamin) more often than
 * it has a foreign ng to write (杨 Young is what this costs). 尔 and 儿 (er) stand for a final r
 * or l (杰克逊维尔 Jacksonville): r, which mergeLiquids makes one with l.
 */
function pinyinSpelling(syllable: string): string {
  if (syllable === 'er') return 'r';
  return syllable
    .replace(/^x/, 'sh')
    .replace(/^q/, 'ch')
    .replace(/^c(?!h)/, 'ts')
    .replace(/ng$/, 'n')
    .replace('v', 'u');
}

/** pinyinSpelling by syllable, filled as syllables come up (the table has about 400). */
const PINYIN_SPELLINGS = new Map<string, string>();
/** Han characters start at CJK Extension A: below it, a character needs no look-up in the Han table. */
const FIRST_HAN = '\u3400';

/** The romanisation of a Han character of the table, or undefined for any other character. */
function hanSpelling(char: string): string | undefined {
  if (char < FIRST_HAN) return undefined;
  const syllable = hanReadings().get(char);
  if (syllable === undefined) return undefined;
  let spelling = PINYIN_SPELLINGS.get(syllable);
  if (spelling === undefined) {
    spelling = pinyinSpelling(syllable);
    PINYIN_SPELLINGS.set(syllable, spelling);
  }
  return spelling;
}

const ASCII_LETTERS_RE = /^[a-z]*$/;
/** Arabic diacritics (harakat, tanwin, shadda, sukun) and the tatweel: not letters of the name. */
const ARABIC_MARKS_RE = /[\u064B-\u065F\u0670\u0640]/gu;
/**
 * The Arabic definite article, written joined to the noun (البانثرز is "the Panthers"), alone or
 * after a joined conjunction or preposition (وال "and the", بال "with the", لل "for the", فال, كال).
 * Longest first.
 */
const ARABIC_ARTICLES = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال'];
/** Letters after the article for it to be one, not part of a short word (الف). */
const ARABIC_ARTICLE_MIN_REST = 3;

/**
 * Letter groups that stand for one consonant, replaced before classing. One alternation, tried
 * left to right at each position, so the longer group wins ("dsch" before "sch" before "ch").
 */
const DIGRAPHS: Readonly<Record<string, string>> = letterTable(
  'dsch:j sch:s ph:f th:t dh:d sh:s ch:s zh:s kh:k gh:k ck:k qu:k x:ks',
);
const DIGRAPH_RE = /dsch|sch|ph|th|dh|sh|ch|zh|kh|gh|ck|qu|x/g;

/** Consonant class of a romanised letter; letters with none (vowels, h, y) are dropped. */
const CLASS_OF = letterTable('b:B p:B f:B v:B w:B k:K c:K q:K g:K t:T d:T s:S z:S j:S l:L r:R m:M n:N');

/**
 * Lowercase Latin letters for a word in Latin, Cyrillic, Greek or Arabic script or in Han
 * characters of the general standard table (other characters kept as they are).
 */
export function romanize(word: string): string {
  let text = word.toLowerCase();
  // Index terms are mostly plain ASCII already: the common case skips the Unicode work.
  if (ASCII_LETTERS_RE.test(text)) return text;
  text = text.replace(ARABIC_MARKS_RE, '');
  // Russian writes English j as дж (Джексонвилл).
  text = text.replace(/дж/g, 'j');
  const article = ARABIC_ARTICLES.find((a) => text.startsWith(a));
  if (article !== undefined && [...text].length - article.length >= ARABIC_ARTICLE_MIN_REST) {
    text = text.slice(article.length);
  }
  let out = '';
  // Decomposed, every diacritic is a mark of its own: й, ё, ά and أ come out as their base letters.
  for (const char of text.normalize('NFD').replace(/\p{M}/gu, '')) {
    out += CYRILLIC[char] ?? GREEK[char] ?? ARABIC[char] ?? hanSpelling(char) ?? char;
  }
  return out;
}

/** The consonant-class skeleton of a word ('' when it has no consonant of a known script). */
export function nameSkeleton(word: string): string {
  const text = romanize(word).replace(DIGRAPH_RE, (group) => DIGRAPHS[group]!);
  let skeleton = '';
  for (const char of text) {
    const cls = CLASS_OF[char];
    if (cls !== undefined && !skeleton.endsWith(cls)) skeleton += cls;
  }
  return skeleton;
}

/**
 * A skeleton with r and l as one class: R becomes L, and the L runs this makes collapse
 * ("KRLN" → "KLN"). Chinese writes a foreign r and l alike (卡罗来纳 Carolina), so when
 * either side of a comparison is a Han word the caller applies it to both sides' skeletons;
 * nameSkeleton itself keeps them apart, as the other scripts do.
 */
export function mergeLiquids(skeleton: string): string {
  return skeleton.replace(/[LR]+/g, 'L');
}

/**
 * Characters Chinese spells foreign names with: those of the Xinhua transliteration tables
 * (the 译音表 of 《世界人名翻译大辞典》) that the names of Europe and the Americas mostly use, written
 * out from those tables. Chinese words of ordinary characters have pinyin skeletons that collide
 * with unrelated words of other languages (什么时候 "when" gives SMS), so a Han word counts as a
 * possible name only when it is HAN_NAME_MIN_CHARACTERS or more of these (特斯拉, 亚马逊, 杰克逊维尔).
 */
const TRANSLITERATION_CHARACTERS = new Set(
  '阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查柴达戴丹道德登迪蒂丁杜顿多厄恩尔法范菲费芬丰佛夫弗福盖甘冈戈格哥根古瓜圭哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱兰朗劳勒雷蕾里利莉列林琳卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙米密明摩莫默姆穆纳娜南内尼涅纽努诺帕潘庞佩彭皮普奇恰乔切钦琼丘让热瑞若萨塞赛桑瑟森沙尚舍圣施史舒斯松苏索塔泰坦汤唐陶特滕提汀图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎詹兹宗佐茨逊惠怀嘉迦丽黎廷廉',
);
/** Two characters are as often a word as a name (路德 "Luther" is also 路 "road" + 德 "virtue"). */
const HAN_NAME_MIN_CHARACTERS = 3;

/** Whether Chinese spells foreign names with this character (TRANSLITERATION_CHARACTERS). */
export function isTransliterationCharacter(char: string): boolean {
  return TRANSLITERATION_CHARACTERS.has(char);
}

/** Whether a Han word may be a transliterated name (TRANSLITERATION_CHARACTERS); false for other scripts. */
export function isTransliteratedHan(word: string): boolean {
  const chars = [...word];
  return chars.length >= HAN_NAME_MIN_CHARACTERS && chars.every((c) => TRANSLITERATION_CHARACTERS.has(c));
}

/** Scripts whose words nameSkeleton romanises, by the languages written in them. */
const NAME_SCRIPTS: ReadonlyArray<{
  script: RegExp;
  langs: readonly string[];
  names?: (word: string) => boolean;
}> = [
  {
    script: /^\p{Script=Latin}+$/u,
    langs: 'ca da de en es eu fi fr ga hu id it ms nb nl nn no pt ro sv sw tr vi'.split(' '),
  },
  { script: /^\p{Script=Cyrillic}+$/u, langs: ['ru', 'uk', 'bg', 'sr', 'mk', 'be', 'kk'] },
  { script: /^\p{Script=Arabic}+$/u, langs: ['ar', 'fa', 'ur'] },
  { script: /^\p{Script=Greek}+$/u, langs: ['el'] },
  // Not 'ja': Japanese reads its kanji in ways the Mandarin table does not give.
  // Chinese: only the words that may be transliterated names.
  { script: /^\p{Script=Han}+$/u, langs: ['zh'], names: isTransliteratedHan },
];

/**
 * A test for the words of a language's own script that nameSkeleton can reduce (index terms of
 * other scripts in a pooled index are not that language's names), or undefined for a language
 * whose script it does not romanise (Thai, Devanagari, Japanese…).
 */
export function nameScriptTest(lang: string): ((term: string) => boolean) | undefined {
  const entry = NAME_SCRIPTS.find((s) => s.langs.includes(lang));
  if (entry === undefined) return undefined;
  const names = entry.names;
  return names === undefined
    ? (term) => entry.script.test(term)
    : (term) => entry.script.test(term) && names(term);
}
