/**
 * Word-by-word English glosses of queries and passages, for rerankers that read text through the
 * pivot language (document translation, next to the first stage's query translation).
 *
 * Why: PSQ translates the query into the passage's language, so the first stage already spends the
 * lexicons' evidence from the query side. A cross-encoder trained from scratch has no cross-lingual
 * embeddings; what it knows well is English (SQuAD). Glossing both sides into English lets it judge
 * the pair in the language it was trained on, from the documents' side of the same dictionaries:
 * evidence the first stage did not use (McCarley 1999: query and document translation combined
 * beat either). Words no lexicon knows (names, numbers) stay as written, which is the code-switched
 * text the CS variants were trained on.
 *
 * A word is looked up as written first, then by its analyzed term (stem), so inflected words
 * (войны, Häuser) still find the lemma the dictionaries list: the most probable English translation
 * summed over every dictionary word sharing that stem. Written form first measured better on
 * xling's held-out BLI test pairs (precision@1 de→en 0.254 → 0.384, ru→en 0.251 → 0.276). Among a
 * word's translations the choice weighs in how common the English word is (GLOSS_PRIOR_WEIGHT:
 * de→en 0.383 → 0.424); a prior favouring English words with many source words instead hurt
 * (0.254 → 0.214). Only single-word entries are used.
 *
 * A query and a passage are glossed for each other (glossPairs): each word writes, among its best
 * few translations, the one the other side may stand for, so a sense both share reads the same on
 * both sides (Punkte → "points" beside a question about points, "score" otherwise). On #13's eight
 * XQuAD-R pairs that moved a reranker reading the glosses +0.005 MAP fused, +0.03 alone.
 */
import { invert, type Lexicon, type Translation } from '../lexicon/index.js';
import { createStemmer, getAnalyzer, type Analyzer, type StemFn } from '../text/index.js';
import { GLOSS_PRIOR_WEIGHT, MATCHABLE_GLOSSES, MAX_MEMO_WORDS } from './constants.js';
import { ENGLISH_WORDS_BY_QUARTER_NAT } from './english-counts.js';
import { matchNames, nameWord, type NameRewrites, type NameWord } from './gloss-names.js';
import { segmentText, type Segment } from './tokenize.js';

/** Text ending in a letter, mark or digit: a word follows it without a separator. */
const WORD_END_RE = /[\p{L}\p{M}\p{N}]$/u;

/** The language every gloss is written in: the lexicons' pivot and the training data's language. */
export const GLOSS_LANGUAGE = 'en';

/** One source language's glosses: the word as the dictionaries list it first, its stem after. */
interface GlossTable {
  lexicon: Lexicon;
  analyzer: Analyzer;
  byStem: ReadonlyMap<string, readonly Translation[]>;
  /**
   * Word as written -> its candidate glosses (null: kept as written). Text is Zipfian, so most
   * words repeat: a depth-100 rt-cs rerank went from 271 to 168 ms p50 with it (bench/rerank.ts,
   * one busy run each). Bounded like code-switching's memo.
   */
  memo: Map<string, GlossCandidates | null>;
  /**
   * Single Han character -> whether the analyzer keeps it: spelledOutRuns asks on every gloss. At
   * most one entry per Han character.
   */
  hanContent: Map<string, boolean>;
}

/**
 * The lexicon x→en: the pack's direct direction where it has one, else the inverse of en→x unless
 * the pack marks en→x one-way (built only from sources that must not be read backwards). Not both:
 * an inverted lexicon has no prior over English words, so rare ones with a single translation
 * (arsehole, abnegating) outweigh the common word, and mixed in they win the top slot.
 */
async function toEnglish(pack: GlossLexicons, lang: string): Promise<Lexicon | undefined> {
  if (pack.directions.includes(`${lang}-${GLOSS_LANGUAGE}`)) return pack.load(lang, GLOSS_LANGUAGE);
  if (pack.directions.includes(`${GLOSS_LANGUAGE}-${lang}`) && pack.invertible(GLOSS_LANGUAGE, lang))
    return invert(await pack.load(GLOSS_LANGUAGE, lang));
  return undefined;
}

/** Sums each single-word entry's translations under its stem and keeps the best few, best first. */
function glossesByStem(lexicon: Lexicon, analyzer: Analyzer): ReadonlyMap<string, readonly Translation[]> {
  const byStem = new Map<string, Map<string, number>>();
  for (const entry of lexicon.entries()) {
    if (entry.src.includes(' ')) continue;
    const terms = analyzer.analyze(entry.src);
    if (terms.length !== 1) continue;
    const stem = terms[0]!;
    let scores = byStem.get(stem);
    if (scores === undefined) byStem.set(stem, (scores = new Map()));
    for (const { tgt, p } of entry.translations) scores.set(tgt, (scores.get(tgt) ?? 0) + p);
  }
  const table = new Map<string, readonly Translation[]>();
  for (const [stem, scores] of byStem) {
    const byTarget = [...scores].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    table.set(stem, ranked(byTarget.map(([tgt, p]) => ({ tgt, p }))).slice(0, MATCHABLE_GLOSSES));
  }
  return table;
}

let englishLogCounts: Map<string, number> | undefined;

/** ln(count + 1) of a lowercased English word in SQuAD train, to a quarter; 0 for a rare or unseen one. */
export function englishLogCount(word: string): number {
  if (englishLogCounts === undefined) {
    englishLogCounts = new Map();
    for (const [key, words] of Object.entries(ENGLISH_WORDS_BY_QUARTER_NAT)) {
      for (const w of words.split(' ')) englishLogCounts.set(w, Number(key) / 4);
    }
  }
  return englishLogCounts.get(word) ?? 0;
}

/** A translation's claim to be the gloss: its probability, and how common the English word is. */
function glossScore(tgt: string, p: number): number {
  return Math.log(p) + GLOSS_PRIOR_WEIGHT * englishLogCount(tgt.toLowerCase());
}

/** Translations by gloss score, best first (on a tie, the order listed; by target for the stem's). */
function ranked(translations: readonly Translation[]): Translation[] {
  return translations
    .map((t, i) => ({ t, i, score: glossScore(t.tgt, t.p) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ t }) => t);
}

function glossTable(lexicon: Lexicon, analyzer: Analyzer): GlossTable {
  return {
    lexicon,
    analyzer,
    byStem: glossesByStem(lexicon, analyzer),
    memo: new Map(),
    hanContent: new Map(),
  };
}

/**
 * Where glosses come from: the directions that have lexicons of their own and each one's lexicon. A
 * LexiconPack is one; so is lib/search's LexiconCatalog, over a pack or a folder of TSV files.
 */
export interface GlossLexicons {
  readonly directions: readonly string[];
  load(src: string, tgt: string): Promise<Lexicon>;
  /** Whether src→tgt may be read backwards (a pack's one-way directions may not). */
  invertible(src: string, tgt: string): boolean;
}

/** A word's possible glosses, best first, each with its English terms (for matching the other side). */
interface GlossCandidates {
  glosses: readonly string[];
  terms: readonly (readonly string[])[];
}

let englishStem: StemFn | undefined;
/** English word -> its stem: English passages are stemmed on every request. Bounded like the memo. */
const englishStemMemo = new Map<string, string>();

/**
 * English words as stems, stopwords kept: matching a gloss to the other side needs every word the
 * other side has, and the first stage's English list stops topical ones (point, world, novel...).
 */
function englishStems(segments: readonly Segment[]): string[] {
  englishStem ??= createStemmer('english');
  const terms: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'word') continue;
    let stem = englishStemMemo.get(segment.text);
    if (stem === undefined) {
      stem = englishStem(segment.text.toLowerCase());
      if (englishStemMemo.size >= MAX_MEMO_WORDS) englishStemMemo.clear();
      englishStemMemo.set(segment.text, stem);
    }
    terms.push(stem);
  }
  return terms;
}

/** One word's possible glosses, memoised; null when it stays as written. */
function candidatesOf(table: GlossTable, word: string): GlossCandidates | null {
  const known = table.memo.get(word);
  if (known !== undefined) return known;
  // Function words stay as written: their top translation is often another sense (die → who).
  const terms = table.analyzer.analyze(word);
  let translations: readonly Translation[] = [];
  if (terms.length > 0) {
    translations = ranked(table.lexicon.translations(word));
    if (translations.length === 0 && terms.length === 1) translations = table.byStem.get(terms[0]!) ?? [];
  }
  const glosses = translations.slice(0, MATCHABLE_GLOSSES).map((t) => t.tgt);
  const candidates =
    glosses.length === 0 ? null : { glosses, terms: glosses.map((g) => englishStems(segmentText(g))) };
  if (table.memo.size >= MAX_MEMO_WORDS) table.memo.clear();
  table.memo.set(word, candidates);
  return candidates;
}

/** The gloss: the best candidate that names a term of the other side, else the best. */
function glossOf(table: GlossTable, word: string, prefer?: ReadonlySet<string>): string | null {
  const candidates = candidatesOf(table, word);
  if (candidates === null) return null;
  if (prefer !== undefined && prefer.size > 0) {
    const i = candidates.terms.findIndex((terms) => terms.some((t) => prefer.has(t)));
    if (i >= 0) return candidates.glosses[i]!;
  }
  return candidates.glosses[0]!;
}

/** One Han character: a word the segmenter may have cut out of a name it does not know. */
const SINGLE_HAN_RE = /^\p{scx=Han}$/u;

/**
 * Indexes of words in runs of two or more single Han content characters with nothing between them
 * (a function word such as 的 or 了 ends a run). The segmenter cuts a string its dictionary lacks,
 * above all a transliterated name (贾里德, Jared), into single characters, and each has a dictionary
 * sense of its own (buy, lane, ethics): such a run stays as written, like any other unknown name,
 * rather than becoming unrelated English words. On XQuAD-R with `rt-cs` (300 questions, PSQ depth
 * 100, λ 0.3) it moved en→zh 0.6008 → 0.6041 and zh→en 0.6298 → 0.6323 MAP: small, both ways.
 */
function spelledOutRuns(segments: readonly Segment[], table: GlossTable): Set<number> {
  const spelled = new Set<number>();
  const single = segments.map((segment) => {
    if (segment.kind !== 'word' || !SINGLE_HAN_RE.test(segment.text)) return false;
    let content = table.hanContent.get(segment.text);
    if (content === undefined) {
      content = table.analyzer.analyze(segment.text).length > 0;
      table.hanContent.set(segment.text, content);
    }
    return content;
  });
  for (let i = 0; i < segments.length; i++) {
    if (single[i] && (single[i - 1] === true || single[i + 1] === true)) spelled.add(i);
  }
  return spelled;
}

/** A side's English terms: its own stems when English, its words' candidates' else (none unknown). */
function termsOf(side: Side): Set<string> {
  const { table } = side;
  if (side.english) return new Set(englishStems(side.segments));
  const out = new Set<string>();
  if (table === undefined) return out;
  for (const segment of side.segments) {
    if (segment.kind !== 'word') continue;
    for (const terms of candidatesOf(table, segment.text)?.terms ?? []) for (const t of terms) out.add(t);
  }
  return out;
}

/**
 * A side glossed word by word (as written where it has no table), `prefer` as Glosser.gloss says,
 * with the names matched to the other side (gloss-names.ts) written as `names` says.
 */
function glossSide(side: Side, prefer?: ReadonlySet<string>, names?: NameRewrites): string {
  const { table, segments, spelled } = side;
  if (table === undefined && (names === undefined || names.size === 0)) return side.text;
  let out = '';
  // Set after a gloss: a word written right after it (unspaced scripts) needs a space between.
  let glossedLast = false;
  for (const [i, segment] of segments.entries()) {
    if (segment.kind !== 'word') {
      out += segment.text;
      glossedLast = false;
      continue;
    }
    const name = names?.get(i);
    // The rest of a name spelled out over several segments, written once at its first.
    if (name === null) continue;
    const gloss =
      name ??
      (table === undefined || spelled.has(i)
        ? undefined
        : (glossOf(table, segment.text, prefer) ?? undefined));
    const adjoins = out !== '' && WORD_END_RE.test(out);
    if (adjoins && (gloss !== undefined || glossedLast)) out += ' ';
    out += gloss ?? segment.text;
    glossedLast = gloss !== undefined;
  }
  return out;
}

/**
 * The words a side leaves as written that may be names (gloss-names.ts): every word of an English
 * side or of one without a table, else the words with no gloss; a run of single Han characters
 * spelled out as written (spelledOutRuns) is one word.
 */
function namesOf(side: Side): NameWord[] {
  const { table, segments, spelled } = side;
  const names: NameWord[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind !== 'word') continue;
    if (spelled.has(i)) {
      let last = i;
      let text = segment.text;
      while (spelled.has(last + 1) && segments[last + 1]!.kind === 'word') text += segments[++last]!.text;
      const name = nameWord(text, i, last);
      if (name) names.push(name);
      i = last;
      continue;
    }
    if (table !== undefined && candidatesOf(table, segment.text) !== null) continue;
    const name = nameWord(segment.text, i);
    if (name) names.push(name);
  }
  return names;
}

/** A text and its language, one side of a pair to gloss. */
export interface GlossText {
  text: string;
  lang: string;
}

/** One side, segmented once for both its English terms and its gloss. */
interface Side {
  text: string;
  english: boolean;
  /** Undefined for English, and for a language the pack cannot gloss: the text stays as written. */
  table: GlossTable | undefined;
  segments: readonly Segment[];
  /** spelledOutRuns of the segments (empty without a table). */
  spelled: ReadonlySet<number>;
}

/** Glosses text into English through a lexicon pack; English text and unknown languages pass through. */
export class Glosser {
  private readonly tables = new Map<string, Promise<GlossTable | undefined>>();

  constructor(private readonly pack: GlossLexicons) {}

  /** Whether `lang` has a table (a lexicon to or from English in the pack). */
  async covers(lang: string): Promise<boolean> {
    return lang === GLOSS_LANGUAGE || (await this.table(lang)) !== undefined;
  }

  /**
   * The English terms `text` may stand for: its own terms when it is English, else every term of
   * each word's candidate glosses. A passage glossed with them preferred (gloss's `prefer`) writes
   * the sense the query can match.
   */
  async englishTerms(text: string, lang: string): Promise<Set<string>> {
    return termsOf(await this.side({ text, lang }));
  }

  /**
   * A query and each passage glossed for each other: where a word has several translations, each
   * side writes the one the other side may stand for (englishTerms), so a translation both share
   * reads the same on both sides; otherwise the best. A name left as written on one side and
   * written in another script on the other reads the same on both (gloss-names.ts). An English
   * side is left as written. The query is glossed once per passage.
   */
  async glossPairs(
    query: GlossText,
    passages: readonly GlossText[],
  ): Promise<Array<{ query: string; passage: string }>> {
    const querySide = await this.side(query);
    const queryTerms = termsOf(querySide);
    const queryNames = namesOf(querySide);
    return Promise.all(
      passages.map(async (passage) => {
        const passageSide = await this.side(passage);
        const names = matchNames(queryNames, namesOf(passageSide));
        return {
          query: glossSide(querySide, termsOf(passageSide), names.query),
          passage: glossSide(passageSide, queryTerms, names.passage),
        };
      }),
    );
  }

  /**
   * `text` glossed word by word. With `prefer` (English stems, as englishTerms gives them), a word
   * is written as its best translation among those stems where it has one.
   */
  async gloss(text: string, lang: string, prefer?: ReadonlySet<string>): Promise<string> {
    return glossSide(await this.side({ text, lang }), prefer);
  }

  private async side({ text, lang }: GlossText): Promise<Side> {
    const english = lang === GLOSS_LANGUAGE;
    const table = english ? undefined : await this.table(lang);
    const segments = segmentText(text);
    const spelled = table === undefined ? new Set<number>() : spelledOutRuns(segments, table);
    return { text, english, table, segments, spelled };
  }

  private table(lang: string): Promise<GlossTable | undefined> {
    let table = this.tables.get(lang);
    if (table === undefined) {
      table = toEnglish(this.pack, lang).then((lexicon) =>
        lexicon === undefined ? undefined : glossTable(lexicon, getAnalyzer(lang)),
      );
      this.tables.set(lang, table);
    }
    return table;
  }
}
