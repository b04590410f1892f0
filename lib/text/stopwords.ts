/**
 * Raw stopword lists. Entries are returned unnormalised; the analyzer runs them through its own
 * folding and tokenizing so that list and text always agree (e.g. Arabic ة vs ه, Greek accents).
 */
// A JSON import rather than createRequire, which is Node's: the analyzers run in a Cloudflare Worker
// too, and bundlers inline the JSON. Node reads the `with` attribute since 20.10 (engines: 20.15).
import STOPWORDS_ISO_JSON from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };

const STOPWORDS_ISO: Readonly<Record<string, readonly string[]>> = STOPWORDS_ISO_JSON;

function words(spaceSeparated: string): readonly string[] {
  return spaceSeparated.split(/\s+/).filter((w) => w !== '');
}

/**
 * stopwords-iso has no Telugu list. These are high-frequency function words (conjunctions,
 * demonstratives, pronouns, postpositions written as separate words, copulas and negators).
 */
const TELUGU_STOPWORDS: readonly string[] = words(`
  మరియు కానీ లేదా ఈ ఆ ఒక అది ఇది అవి ఇవి అని కూడా ఉంది ఉన్న ఉన్నాయి ఉంటుంది లేదు కాదు నేను మేము మనం
  నువ్వు మీరు అతను ఆమె వారు వాళ్ళు తన తమ కోసం నుండి నుంచి ద్వారా తో పై లో కు గా వంటి మరి అయితే కాబట్టి
  ఎందుకంటే చాలా అన్ని ప్రతి ఏ ఎవరు ఏమి ఎక్కడ ఎప్పుడు ఎలా ఇంకా అంటే గురించి తర్వాత ముందు వరకు
`);

/**
 * stopwords-iso's English list is a merge of web-page lists and stops many topical words ("world",
 * "computer", "research", "state", "novel", number words...) that carry real query intent in a
 * retrieval engine. Those are kept as terms. English, German, Russian, Spanish and Arabic are curated this way,
 * Vietnamese and Thai have lists of their own (below); other languages use stopwords-iso as published.
 */
const ENGLISH_KEEP: readonly string[] = words(`
  area areas bill billion biol computer date effect eight eighty eleven fifteen fifth fifty fire five
  forty four free goods gov group groups home homepage html http hundred index information interest
  interests invention keys kg km length line man member members men microsoft million mug name
  netscape nine ninety run novel number numbers order orders page pages problem problems research ring
  room rooms section seven seventy site six sixty state states system ten test text thirty thousand
  three trillion twelve twenty two uk value web webpage website width words work works world year
  years young zero
`);

/**
 * The German list has the same problem: numbers and ordinals, "Mensch", "Jahre", "Recht", "groß"...
 * are what a query like "erster Mensch im Weltraum" is about.
 */
const GERMAN_KEEP: readonly string[] = words(`
  acht achte achten achter achtes beispiel bekannt drei dritte dritten dritter drittes elf ernst erste
  ersten erster erstes fünf fünfte fünften fünfter fünftes gross grosse grossen grosser grosses große
  großen großer großes gut gute guter gutes jahr jahre jahren kleine kleinen kleiner kleines lange
  mensch menschen mittel morgen neun neunte neunten neunter neuntes ordnung recht rechte rechten
  rechter rechtes sache schlecht schluss sechs sechste sechsten sechster sechstes sieben siebente
  siebenten siebenter siebentes suche tag tage tagen vier vierte vierten vierter viertes zehn zehnte
  zehnten zehnter zehntes zwanzig zwei zweite zweiten zweiter zweites zwölf
`);

/**
 * stopwords-iso's Russian list (559 entries) is a frequency list, not a function-word list: it
 * stops "Россия", "Москва", "война" (war), "вода" (water), "город", "страна", "человек", "жизнь",
 * the numerals and verbs such as "писать" (write) and "найти" (find), so the Russian analyzer
 * dropped them from documents and queries alike, and a lexicon's "water" → "вода" translated to
 * nothing. Kept as terms: its nouns, adjectives, numerals and content verbs; it still stops
 * pronouns, prepositions, conjunctions, particles, auxiliaries and modals, and adverbs of
 * degree, time and place. Sorted by hand from the published list.
 */
const RUSSIAN_KEEP: readonly string[] = words(`
  белый большой важная важное важные важный вечер взгляд вид вода война вопрос время времени
  глаз главный год года году голова голос город дверь дело день деньги дом дорога друг душа
  жена женщина жизнь земля имя книга комната конец лицо люди мать машина место мир мира минута
  москва народ нога ночь окно отец плечо правда путь работа ребенок рука россия русский ряд свет
  сила слово случай советский сторона стол страна суть товарищ улица утро час часть человек
  лет миллионов процентов тысяч
  далекий должный маленький многочисленная многочисленное многочисленные многочисленный новый
  нужный последний старый хороший
  один два две двух три четыре пять шесть семь восемь девять десять одиннадцать двенадцать
  тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать двадцать
  первый второй третий четвертый пятый шестой седьмой восьмой девятый десятый одиннадцатый
  двенадцатый тринадцатый четырнадцатый пятнадцатый шестнадцатый семнадцатый восемнадцатый
  девятнадцатый двадцатый
  вернуться взять видел видеть выйти говорил говорит говорить давать дать делал делать думать
  ждать жить знать лежать любить найти начать ответить остаться писать подумать пойти получить
  помнить понимать понять посмотреть работать решить сделать сидеть сказал сказала сказать
  смотреть спросить стоять считать увидеть уметь
`);

/**
 * The Spanish list (732 entries) mixes in the same kind of words: numbers ("dos", "cinco"),
 * ordinals, "Estados" (Estados Unidos), "país", "día", "tiempo", "lugar", "trabajo", "mayor",
 * "nuevo", and the reporting and content verbs of news text ("dijo", "realizó", "llegó").
 * Kept as terms; articles, pronouns, prepositions, conjunctions, auxiliaries (ser, estar, haber,
 * tener, poder) and adverbs stay stopped. Sorted by hand from the published list.
 */
const SPANISH_KEEP: readonly string[] = words(`
  dos tres cuatro cinco seis siete ocho
  primer primera primero primeros segunda segundo tercera último última últimas últimos ultimo
  próximo próximos proximo
  acuerdo cosas cuenta dia dias día días ejemplo estado estados fin final horas lado lugar manera
  medio modo momento pais paìs parte tiempo trabajo valor verdad
  breve buen buena buenas bueno buenos diferente diferentes general gran grandes largo mayor mejor
  nueva nuevas nuevo nuevos peor posible verdadera verdadero
  afirmó agregó añadió aseguró comentó conocer conseguir considera consideró decir dicho dijo
  dijeron existe existen explicó expresó habla hablan indicó informo informó intentar llegó lleva
  llevar manifestó mencionó realizado realizar realizó saber señaló trabaja trabajan trabajar usa
  usan usar uso ver
`);

/**
 * The Arabic list (480 entries) stops numbers ("ثلاثة", "اربعة", "عشرة", "الف", "مليون"),
 * ordinals ("الاول", "الثانية"), time words ("سنة", "عام", "اليوم", "ايام", "مايو"), and nouns
 * such as "عدد" (number), "قوة" (force), "زيارة" (visit). Kept as terms; particles, pronouns,
 * prepositions, conjunctions and the verbs of being and becoming stay stopped.
 */
const ARABIC_KEEP: readonly string[] = words(`
  اربعة ثلاثة عشر عشرة الف مليار مليون واحد صفر
  الاول الاولى الثاني الثانية الاخيرة اول السابق الماضي المقبل
  سنة سنوات عام عاما ايام اليوم امس غدا صباح مساء الوقت ايار مايو يوم
  عدد قوة زيارة اطار اعادة نهاية
`);

/**
 * Vietnamese is written one syllable per token, and stopwords-iso's list (645 entries) stops
 * content syllables that start compounds: `sự` (sự nghiệp "career"), `lần` ("time"), `năm`
 * ("year", "five"), `người` ("person"), `nhà`, `ngày`, `việc`, `cây`... A plain BM25 without
 * them beat xlir on Vietnamese. This list keeps function words only, single syllables from the
 * closed classes of Vietnamese grammar (hư từ): personal pronouns, the copula and negators,
 * aspect and tense markers, classifiers that never stand for a noun, prepositions,
 * conjunctions, demonstratives, quantifiers and sentence-final particles. Written for xlir.
 */
const VIETNAMESE_STOPWORDS: readonly string[] = words(`
  tôi tao tớ mình ta chúng họ nó hắn mày bạn
  là không chẳng chả chưa có
  đã đang sẽ vừa mới từng rồi còn vẫn cứ hãy đừng chớ
  các những mọi mỗi từng cả một
  của cho với bằng về từ tới đến trong ngoài trên dưới giữa tại ở vào ra qua theo sau trước
  và hay hoặc nhưng mà thì nên vì bởi do nếu tuy dù để rằng
  này kia ấy đó đây nọ nào gì ai đâu sao
  rất lắm quá hơn nhất cũng đều chỉ
  được bị
  à ạ nhé nhỉ chứ ư hả
`);

/**
 * stopwords-iso's Thai list (116 entries) also stops content words: verbs (`พบ` "find",
 * `เปิด` "open", `ส่ง` "send", `รับ` "receive", `เริ่ม` "begin"), nouns (`วัน` "day", `ผล`
 * "result", `ด้าน` "side") and `หนึ่ง` ("one"). Kept here: its function words only (particles,
 * prepositions, conjunctions, pronouns, auxiliaries and the nominalisers การ and ความ).
 */
const THAI_STOPWORDS: readonly string[] = words(`
  กว่า กัน กับ การ ก็ ก่อน ขณะ ของ คง ความ คือ จะ จาก จึง ซึ่ง ดัง ด้วย ตั้งแต่ ตาม ต่อ ต้อง ถึง ถูก ถ้า
  ทั้ง ทั้งนี้ ที่ ทุก นอกจาก นั้น นี้ บาง พร้อม มาก มี ยัง ระหว่าง ว่า สําหรับ หรือ หลังจาก หาก อยู่ อย่าง อาจ
  อีก เขา เช่น เดียวกัน เนื่องจาก เป็น เพราะ เพื่อ เมื่อ เรา เลย เอง แต่ แห่ง และ แล้ว โดย ใน ให้ ได้ ไม่ ไว้
`);

const OWN_LISTS: Readonly<Record<string, readonly string[]>> = {
  te: TELUGU_STOPWORDS,
  vi: VIETNAMESE_STOPWORDS,
  th: THAI_STOPWORDS,
};
const KEEP: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(ENGLISH_KEEP),
  de: new Set(GERMAN_KEEP),
  ru: new Set(RUSSIAN_KEEP),
  es: new Set(SPANISH_KEEP),
  ar: new Set(ARABIC_KEEP),
};

/** Stopwords for a language key ('en', 'te'...); empty when none are known. */
export function rawStopwords(lang: string): readonly string[] {
  const list = OWN_LISTS[lang] ?? STOPWORDS_ISO[lang] ?? [];
  const keep = KEEP[lang];
  return keep === undefined ? list : list.filter((w) => !keep.has(w));
}
