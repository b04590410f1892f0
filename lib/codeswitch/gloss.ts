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
 */
import { invert, type Lexicon, type Translation } from '../lexicon/index.js';
import { getAnalyzer, type Analyzer } from '../text/index.js';
import { GLOSS_PRIOR_WEIGHT, MAX_MEMO_WORDS } from './constants.js';
import { ENGLISH_WORDS_BY_QUARTER_NAT } from './english-counts.js';
import { segmentText, type Segment } from './tokenize.js';

/** Text ending in a letter, mark or digit: a word follows it without a separator. */
const WORD_END_RE = /[\p{L}\p{M}\p{N}]$/u;

/** The language every gloss is written in: the lexicons' pivot and the training data's language. */
export const GLOSS_LANGUAGE = 'en';

/** One source language's glosses: the word as the dictionaries list it first, its stem after. */
interface GlossTable {
  lexicon: Lexicon;
  analyzer: Analyzer;
  byStem: ReadonlyMap<string, string>;
  /**
   * Word as written -> its gloss (null: kept as written). Text is Zipfian, so most words repeat:
   * a depth-100 rt-cs rerank went from 271 to 168 ms p50 with it (bench/rerank.ts, one busy run
   * each). Bounded like code-switching's memo.
   */
  memo: Map<string, string | null>;
  /**
   * Single Han character -> whether the analyzer keeps it: spelledOutRuns asks on every gloss. At
   * most one entry per Han character.
   */
  hanContent: Map<string, boolean>;
}

/**
 * The lexicon x→en: the pack's direct direction where it has one, else the inverse of en→x. Not both:
 * an inverted lexicon has no prior over English words, so rare ones with a single translation
 * (arsehole, abnegating) outweigh the common word, and mixed in they win the top slot.
 */
async function toEnglish(pack: GlossLexicons, lang: string): Promise<Lexicon | undefined> {
  if (pack.directions.includes(`${lang}-${GLOSS_LANGUAGE}`)) return pack.load(lang, GLOSS_LANGUAGE);
  if (pack.directions.includes(`${GLOSS_LANGUAGE}-${lang}`))
    return invert(await pack.load(GLOSS_LANGUAGE, lang));
  return undefined;
}

/** Sums each single-word entry's translations under its stem and keeps the most probable one. */
function glossesByStem(lexicon: Lexicon, analyzer: Analyzer): ReadonlyMap<string, string> {
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
  const table = new Map<string, string>();
  for (const [stem, scores] of byStem) {
    let best = '';
    let bestScore = -Infinity;
    for (const [tgt, p] of scores) {
      const score = glossScore(tgt, p);
      if (score > bestScore || (score === bestScore && tgt < best)) {
        best = tgt;
        bestScore = score;
      }
    }
    table.set(stem, best);
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

/** The best-scoring translation (the first listed on a tie), or undefined for none. */
function bestTranslation(translations: readonly Translation[]): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const { tgt, p } of translations) {
    const score = glossScore(tgt, p);
    if (score > bestScore) {
      best = tgt;
      bestScore = score;
    }
  }
  return best;
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
}

/** One word's gloss, memoised; null when it stays as written. */
function glossOf(table: GlossTable, word: string): string | null {
  const known = table.memo.get(word);
  if (known !== undefined) return known;
  // Function words stay as written: their top translation is often another sense (die → who).
  const terms = table.analyzer.analyze(word);
  const gloss =
    terms.length === 0
      ? null
      : (bestTranslation(table.lexicon.translations(word)) ??
        (terms.length === 1 ? table.byStem.get(terms[0]!) : undefined) ??
        null);
  if (table.memo.size >= MAX_MEMO_WORDS) table.memo.clear();
  table.memo.set(word, gloss);
  return gloss;
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

/** Glosses text into English through a lexicon pack; English text and unknown languages pass through. */
export class Glosser {
  private readonly tables = new Map<string, Promise<GlossTable | undefined>>();

  constructor(private readonly pack: GlossLexicons) {}

  /** Whether `lang` has a table (a lexicon to or from English in the pack). */
  async covers(lang: string): Promise<boolean> {
    return lang === GLOSS_LANGUAGE || (await this.table(lang)) !== undefined;
  }

  async gloss(text: string, lang: string): Promise<string> {
    if (lang === GLOSS_LANGUAGE) return text;
    const table = await this.table(lang);
    if (table === undefined) return text;
    let out = '';
    // Set after a gloss: a word written right after it (unspaced scripts) needs a space between.
    let glossedLast = false;
    const segments = segmentText(text);
    const spelled = spelledOutRuns(segments, table);
    for (const [i, segment] of segments.entries()) {
      if (segment.kind !== 'word') {
        out += segment.text;
        glossedLast = false;
        continue;
      }
      const gloss = spelled.has(i) ? undefined : (glossOf(table, segment.text) ?? undefined);
      const adjoins = out !== '' && WORD_END_RE.test(out);
      if (adjoins && (gloss !== undefined || glossedLast)) out += ' ';
      out += gloss ?? segment.text;
      glossedLast = gloss !== undefined;
    }
    return out;
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
