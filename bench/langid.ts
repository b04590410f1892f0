/**
 * Language-identification bake-off on SHORT texts (search queries / questions).
 *
 * Compares eld (all four n-gram table sizes), franc-min (minLength 1, so short queries get an answer) and
 * tinyld (normal) on:
 *  - the XQuAD-R questions (1190 per language) in ../shared/data/xquad-r/{ar,de,en,es,ru,zh}.json, read in
 *    place (never copied into the repo), and
 *  - ~20 hand-written queries for each of 15 further languages, inline below.
 *
 * Accuracy is strict: the library's answer, mapped to ISO 639-1, must equal the expected code (so eld's 'ms' for
 * an Indonesian query is wrong, and a library that does not know a language scores 0 on it).
 * The last columns are lib/text's detector (eld plus corrections) over the medium table (Node, Lambda) and the
 * small and extra-small tables (candidates for the edge Worker's 128 MB); its corrections were tuned on this same
 * data, so they are not unbiased estimates.
 * Run: npm run bench:langid
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eld as eldLarge } from 'eld/large';
import { eld as eldMedium } from 'eld/medium';
import { eld as eldSmall } from 'eld/small';
import { eld as eldExtraSmall } from 'eld/extrasmall';
import { franc } from 'franc-min';
import { detect as tinyldDetect } from 'tinyld';
import { createLanguageDetector } from '../lib/text/index.js';

const [xlirMedium, xlirSmall, xlirExtraSmall] = await Promise.all([
  createLanguageDetector({ table: 'medium' }),
  createLanguageDetector({ table: 'small' }),
  createLanguageDetector({ table: 'extrasmall' }),
]);

type Detector = (text: string) => string;

const XQUAD_LANGS: readonly string[] = ['ar', 'de', 'en', 'es', 'ru', 'zh'];
const REPO_ROOT: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const XQUAD_DIR: string = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'xquad-r');

// Queries separated by ' | ' so each language stays on a few lines.
const HAND_WRITTEN: Readonly<Record<string, string>> = {
  fr: `Quelle est la capitale de la France ? | Comment faire une pâte à crêpes | meilleurs restaurants à Lyon | Qui a écrit Les Misérables ? | horaires des trains pour Marseille | Pourquoi le ciel est-il bleu ? | recette de la soupe à l'oignon | Combien d'habitants compte Paris ? | histoire de la Révolution française | Quand a été construite la tour Eiffel ?
    | symptômes de la grippe chez l'enfant | prix de l'essence aujourd'hui | Où se trouve le mont Blanc ? | les effets du réchauffement climatique | Comment apprendre le piano rapidement | liste des rois de France | Quel temps fera-t-il demain à Bordeaux ? | les oeuvres de Victor Hugo | Qu'est-ce que la photosynthèse ? | location de voiture pas chère`,
  it: `Qual è la capitale d'Italia? | come preparare la pasta alla carbonara | chi ha dipinto la Gioconda | orari dei treni per Milano | Quanti abitanti ha Roma? | storia dell'impero romano | previsioni del tempo per domani | dove si trova il lago di Como | ricetta del tiramisù fatto in casa | Perché il mare è salato?
    | migliori spiagge della Sardegna | Quando è nato Giuseppe Verdi? | sintomi dell'influenza nei bambini | come imparare l'inglese velocemente | quanto costa un biglietto per il Colosseo | le opere di Dante Alighieri | che cos'è la fotosintesi | elenco dei presidenti della Repubblica | albergo economico vicino alla stazione | Chi ha vinto il campionato di calcio?`,
  tr: `Türkiye'nin başkenti neresidir? | İstanbul'da gezilecek yerler | en iyi kebap nerede yenir | Atatürk ne zaman doğdu? | Ankara hava durumu yarın | mercimek çorbası tarifi | Osmanlı İmparatorluğu ne zaman kuruldu? | ucuz uçak bileti nasıl bulunur | grip belirtileri nelerdir | Kapadokya'ya nasıl gidilir
    | İngilizce öğrenmenin en kolay yolu | dünyanın en yüksek dağı hangisidir | futbol maçı ne zaman başlıyor | Türk kahvesi nasıl yapılır | üniversite sınav sonuçları açıklandı mı | deprem kaç büyüklüğündeydi | Orhan Pamuk'un kitapları | çocuklar için eğitici oyunlar | güneş sistemindeki gezegenler | bugün dolar kuru ne kadar`,
  fi: `Mikä on Suomen pääkaupunki? | Helsingin parhaat ravintolat | Milloin Suomi itsenäistyi? | sääennuste huomiselle | kuinka monta järveä Suomessa on | karjalanpiirakan resepti | junaliput Tampereelle | Kuka kirjoitti Kalevalan? | flunssan oireet lapsilla | miten oppia ruotsia nopeasti
    | revontulet Lapissa talvella | saunan historia ja perinteet | paljonko maksaa sähkö tänään | Mitä tarkoittaa fotosynteesi? | jääkiekon maailmanmestaruus | Sibeliuksen tunnetuimmat sävellykset | halpa hotelli Turussa | miksi taivas on sininen | kesämökki järven rannalla | Suomen presidentit luettelo`,
  el: `Ποια είναι η πρωτεύουσα της Ελλάδας; | εστιατόρια στην Αθήνα | Πότε χτίστηκε ο Παρθενώνας; | καιρός αύριο στη Θεσσαλονίκη | συνταγή για μουσακά | ποιος έγραψε την Οδύσσεια | δρομολόγια πλοίων για Σαντορίνη | Πόσους κατοίκους έχει η Κρήτη; | συμπτώματα της γρίπης στα παιδιά | ιστορία της αρχαίας Ελλάδας
    | πώς να μάθω αγγλικά γρήγορα | οι Ολυμπιακοί Αγώνες του 2004 | φθηνά ξενοδοχεία στη Ρόδο | τι είναι η φωτοσύνθεση | γιατί ο ουρανός είναι μπλε | τα νησιά του Αιγαίου | η ελληνική επανάσταση του 1821 | τιμή της βενζίνης σήμερα | φιλόσοφοι της αρχαιότητας | πού βρίσκεται ο Όλυμπος`,
  hi: `भारत की राजधानी क्या है? | दिल्ली में घूमने की जगह | ताजमहल किसने बनवाया था | कल का मौसम कैसा रहेगा | पनीर बटर मसाला बनाने की विधि | महात्मा गांधी का जन्म कब हुआ | सस्ते होटल मुंबई में | बुखार के लक्षण क्या हैं | अंग्रेजी जल्दी कैसे सीखें | क्रिकेट विश्व कप किसने जीता
    | गंगा नदी की लंबाई कितनी है | भारतीय संविधान के निर्माता कौन थे | रेलगाड़ी की समय सारणी | प्रकाश संश्लेषण क्या होता है | आसमान नीला क्यों होता है | हिंदी साहित्य के प्रसिद्ध कवि | सोने का आज का भाव | बच्चों के लिए अच्छी कहानियाँ | योग के फायदे | प्रधानमंत्री की सूची`,
  th: `เมืองหลวงของประเทศไทยคืออะไร | ร้านอาหารอร่อยในกรุงเทพ | วิธีทำต้มยำกุ้ง | พยากรณ์อากาศพรุ่งนี้ | ตั๋วรถไฟไปเชียงใหม่ | ใครเป็นผู้ก่อตั้งกรุงศรีอยุธยา | อาการของไข้หวัดใหญ่ | เรียนภาษาอังกฤษอย่างไรให้เร็ว | โรงแรมราคาถูกในภูเก็ต | ประวัติศาสตร์ไทย
    | ทำไมท้องฟ้าเป็นสีฟ้า | ราคาทองวันนี้ | ผลการแข่งขันฟุตบอล | การสังเคราะห์ด้วยแสงคืออะไร | สถานที่ท่องเที่ยวในเชียงราย | วันหยุดราชการปีนี้ | ประโยชน์ของการออกกำลังกาย | ข่าววันนี้ | วัดพระแก้วเปิดกี่โมง | สูตรส้มตำไทย`,
  ja: `日本の首都はどこですか | 東京のおすすめレストラン | 富士山の高さは何メートル | 明日の天気予報 | カレーライスの作り方 | 京都への新幹線の時間 | 徳川家康はいつ生まれたか | インフルエンザの症状 | 英語を早く覚える方法 | 安いホテルを大阪で探す
    | 日本の歴史について | なぜ空は青いのか | 光合成とは何ですか | サッカーの試合結果 | 桜の季節はいつですか | 村上春樹の小説 | 今日の為替レート | 子供向けの本 | 温泉旅館の予約 | 地震の情報`,
  ko: `한국의 수도는 어디입니까 | 서울 맛집 추천 | 김치찌개 만드는 방법 | 내일 날씨 예보 | 부산 가는 기차표 | 세종대왕은 언제 태어났나요 | 감기 증상과 치료 | 영어를 빨리 배우는 방법 | 제주도 저렴한 호텔 | 한국 전쟁의 역사
    | 하늘은 왜 파란가요 | 광합성이란 무엇인가 | 축구 경기 결과 | 벚꽃 축제 일정 | 오늘의 환율 | 어린이를 위한 책 추천 | 대학교 입학 시험 | 지하철 노선도 | 유명한 한국 가수 | 건강에 좋은 음식`,
  vi: `Thủ đô của Việt Nam là gì? | quán ăn ngon ở Hà Nội | cách nấu phở bò | dự báo thời tiết ngày mai | vé máy bay giá rẻ đi Đà Nẵng | Hồ Chí Minh sinh năm nào | triệu chứng bệnh cúm | học tiếng Anh nhanh nhất | khách sạn gần biển Nha Trang | lịch sử Việt Nam thời phong kiến
    | tại sao bầu trời màu xanh | quang hợp là gì | kết quả bóng đá hôm nay | giá vàng hôm nay | sông Mê Kông dài bao nhiêu | những bài thơ hay của Nguyễn Du | lễ hội Tết Nguyên Đán | trường đại học tốt nhất | cách trồng rau sạch tại nhà | tin tức mới nhất`,
  id: `Apa ibu kota Indonesia? | restoran terbaik di Jakarta | cara membuat nasi goreng | prakiraan cuaca besok | tiket kereta api ke Bandung | kapan Indonesia merdeka | gejala demam berdarah pada anak | cara belajar bahasa Inggris dengan cepat | hotel murah di Bali | sejarah kerajaan Majapahit
    | mengapa langit berwarna biru | apa itu fotosintesis | hasil pertandingan sepak bola | harga emas hari ini | berapa jumlah pulau di Indonesia | puisi karya Chairil Anwar | tempat wisata di Yogyakarta | pendaftaran mahasiswa baru | manfaat olahraga pagi | berita terkini hari ini`,
  fa: `پایتخت ایران کجاست؟ | بهترین رستوران های تهران | طرز تهیه قورمه سبزی | پیش بینی هوای فردا | بلیط قطار به مشهد | حافظ در چه سالی به دنیا آمد | علائم آنفولانزا در کودکان | چگونه زبان انگلیسی را سریع یاد بگیریم | هتل ارزان در اصفهان | تاریخ امپراتوری هخامنشی
    | چرا آسمان آبی است | فتوسنتز چیست | نتایج مسابقه فوتبال | قیمت طلا امروز | بلندترین کوه ایران | شعرهای سعدی | جاهای دیدنی شیراز | ثبت نام دانشگاه | فواید ورزش صبحگاهی | آخرین اخبار روز`,
  pt: `Qual é a capital do Brasil? | melhores restaurantes em Lisboa | como fazer feijoada | previsão do tempo para amanhã | passagens de ônibus para São Paulo | quem descobriu o Brasil | sintomas da gripe em crianças | como aprender inglês rápido | hotel barato no Rio de Janeiro | história de Portugal
    | por que o céu é azul | o que é fotossíntese | resultado do jogo de futebol | preço do ouro hoje | quantos habitantes tem o Porto | poemas de Fernando Pessoa | pontos turísticos de Salvador | inscrição para o vestibular | benefícios da caminhada | notícias de hoje`,
  nl: `Wat is de hoofdstad van Nederland? | beste restaurants in Amsterdam | hoe maak je stamppot | weersverwachting voor morgen | treinkaartje naar Utrecht | wanneer werd Rembrandt geboren | symptomen van griep bij kinderen | hoe leer je snel Engels | goedkoop hotel in Rotterdam | geschiedenis van de Gouden Eeuw
    | waarom is de lucht blauw | wat is fotosynthese | uitslag van de voetbalwedstrijd | goudprijs vandaag | hoeveel inwoners heeft Den Haag | gedichten van Vondel | bezienswaardigheden in Maastricht | inschrijven voor de universiteit | voordelen van fietsen | nieuws van vandaag`,
  sw: `Mji mkuu wa Kenya ni upi? | mikahawa bora jijini Nairobi | jinsi ya kupika pilau | utabiri wa hali ya hewa kesho | tiketi ya treni kwenda Mombasa | Julius Nyerere alizaliwa lini | dalili za malaria kwa watoto | jinsi ya kujifunza Kiingereza haraka | hoteli nafuu Zanzibar | historia ya Afrika Mashariki
    | kwa nini anga ni la buluu | usanisinuru ni nini | matokeo ya mechi ya mpira | bei ya dhahabu leo | mlima mrefu zaidi Afrika | mashairi ya Shaaban Robert | vivutio vya utalii Tanzania | kujiandikisha chuo kikuu | faida za kufanya mazoezi | habari za leo`,
};

// franc reports ISO 639-3 individual languages (arb, pes, zlm, swh, cmn...); map to 639-1.
const ISO_639_3_TO_1: Readonly<Record<string, string>> = {
  arb: 'ar',
  azj: 'az',
  bel: 'be',
  ben: 'bn',
  bos: 'bs',
  bul: 'bg',
  ces: 'cs',
  ckb: 'ku',
  cmn: 'zh',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fra: 'fr',
  guj: 'gu',
  hau: 'ha',
  heb: 'he',
  hin: 'hi',
  hrv: 'hr',
  hun: 'hu',
  ibo: 'ig',
  ind: 'id',
  ita: 'it',
  jav: 'jv',
  jpn: 'ja',
  kan: 'kn',
  kaz: 'kk',
  khm: 'km',
  kin: 'rw',
  kor: 'ko',
  lin: 'ln',
  mal: 'ml',
  mar: 'mr',
  mya: 'my',
  nld: 'nl',
  npi: 'ne',
  nya: 'ny',
  pan: 'pa',
  pbu: 'ps',
  pes: 'fa',
  plt: 'mg',
  pol: 'pl',
  por: 'pt',
  ron: 'ro',
  run: 'rn',
  rus: 'ru',
  sin: 'si',
  som: 'so',
  spa: 'es',
  srp: 'sr',
  sun: 'su',
  swe: 'sv',
  swh: 'sw',
  tam: 'ta',
  tel: 'te',
  tgl: 'tl',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
  uzn: 'uz',
  vie: 'vi',
  yor: 'yo',
  zlm: 'ms',
  zul: 'zu',
  amh: 'am',
  fin: 'fi',
  kat: 'ka',
  hye: 'hy',
  lao: 'lo',
  ori: 'or',
  tir: 'ti',
};

/** undefined when franc gave 'und' or a language without a two-letter code (e.g. 'bho', 'mag'). */
function iso639_3to1(code: string): string | undefined {
  return ISO_639_3_TO_1[code];
}

interface SquadLike {
  data: { paragraphs: { qas: { question: string }[] }[] }[];
}

function loadXquadQuestions(lang: string): string[] {
  const file = path.join(XQUAD_DIR, `${lang}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SquadLike;
  return parsed.data.flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question)));
}

function loadSamples(): Map<string, string[]> {
  const samples = new Map<string, string[]>();
  if (existsSync(XQUAD_DIR)) {
    for (const lang of XQUAD_LANGS) samples.set(lang, loadXquadQuestions(lang));
  } else {
    console.warn(`XQuAD-R not found at ${XQUAD_DIR}; using the hand-written queries only`);
  }
  for (const [lang, joined] of Object.entries(HAND_WRITTEN)) {
    samples.set(
      lang,
      joined.split('|').map((q) => q.trim()),
    );
  }
  return samples;
}

const DETECTORS: Readonly<Record<string, Detector>> = {
  'eld-L': (text) => eldLarge.detect(text).language,
  'eld-M': (text) => eldMedium.detect(text).language,
  'eld-S': (text) => eldSmall.detect(text).language,
  'eld-XS': (text) => eldExtraSmall.detect(text).language,
  'franc-min': (text) => iso639_3to1(franc(text, { minLength: 1 })) ?? 'und',
  tinyld: (text) => tinyldDetect(text),
  // What lib/text ships, to confirm the wrapper keeps the winner's accuracy.
  'xlir (medium)': (text) => xlirMedium.detect(text)?.lang ?? 'und',
  'xlir (small)': (text) => xlirSmall.detect(text)?.lang ?? 'und',
  'xlir (extrasmall)': (text) => xlirExtraSmall.detect(text)?.lang ?? 'und',
};

interface Score {
  correct: Map<string, number>;
  timesNs: number[];
}

function runDetector(detector: Detector, samples: Map<string, string[]>): Score {
  for (const texts of samples.values()) for (const t of texts.slice(0, 20)) detector(t); // warm-up (JIT, lazy tables)
  const correct = new Map<string, number>();
  const timesNs: number[] = [];
  for (const [lang, texts] of samples) {
    let ok = 0;
    for (const text of texts) {
      const start = process.hrtime.bigint();
      const got = detector(text);
      timesNs.push(Number(process.hrtime.bigint() - start));
      if (got === lang) ok++;
    }
    correct.set(lang, ok);
  }
  return { correct, timesNs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

function main(): void {
  const samples = loadSamples();
  const names = Object.keys(DETECTORS);
  const scores = new Map<string, Score>();
  for (const name of names) scores.set(name, runDetector(DETECTORS[name] as Detector, samples));

  const header = ['lang', 'n', ...names];
  const rows: string[][] = [];
  let total = 0;
  for (const [lang, texts] of samples) {
    total += texts.length;
    rows.push([
      lang,
      String(texts.length),
      ...names.map((n) => pct(scores.get(n)!.correct.get(lang)!, texts.length)),
    ]);
  }
  const sum = (n: string): number => [...scores.get(n)!.correct.values()].reduce((a, b) => a + b, 0);
  const macro = (n: string): string => {
    const parts = [...samples].map(([lang, t]) => scores.get(n)!.correct.get(lang)! / t.length);
    return `${((100 * parts.reduce((a, b) => a + b, 0)) / parts.length).toFixed(1)}%`;
  };
  rows.push(['overall (micro)', String(total), ...names.map((n) => pct(sum(n), total))]);
  rows.push(['overall (macro)', String(samples.size), ...names.map(macro)]);
  rows.push(['median µs/call', '', ...names.map((n) => (median(scores.get(n)!.timesNs) / 1000).toFixed(1))]);

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(fmt(r));
}

main();
