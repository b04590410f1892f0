/**
 * Statistics of a code-switched file: switch ratio and lexicon coverage per side and language from the
 * [switched, covered, tokens] triples, and, given the lexicons, coverage by word types. The output keeps
 * no source text, so types are counted over the words still in the source language; words that are a
 * lexicon's translations are left out rather than counted as out of vocabulary.
 */
import { normalizeKey, type Lexicon } from '../lexicon/index.js';
import { TrainingDataError } from './errors.js';
import type { SwitchCounts, TrainingExample } from './example.js';
import { translatorFor } from './lookup.js';
import { segmentText } from './tokenize.js';

export interface SideStats {
  side: 'query' | 'passage';
  /** The side's language tag in the file (query_lang or doc_lang). */
  lang: string;
  texts: number;
  tokens: number;
  covered: number;
  switched: number;
}

export interface TypeStats {
  /** Target language of the lexicon. */
  lang: string;
  lexicon: string;
  /** Distinct source-language word types seen, and how many of them the lexicon covers. */
  types: number;
  covered: number;
}

export interface SwitchStatsReport {
  examples: number;
  /** Examples that carried "switches" (the rest contribute to type counts only). */
  switchedExamples: number;
  sides: SideStats[];
  types: TypeStats[];
}

function isCounts(value: unknown): value is SwitchCounts {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((n) => Number.isInteger(n) && n >= 0) &&
    value[0] <= value[1] &&
    value[1] <= value[2]
  );
}

function countsOf(example: TrainingExample): { query: SwitchCounts; passages: SwitchCounts[] } | undefined {
  const switches = example.switches as Record<string, unknown> | undefined;
  if (switches === undefined) return undefined;
  const { query, pos, neg } = switches ?? {};
  const passages = [pos, neg].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : [undefined]));
  if (
    !isCounts(query) ||
    !passages.every(isCounts) ||
    (pos as unknown[]).length !== example.pos.length ||
    (neg as unknown[]).length !== example.neg.length
  ) {
    throw new TrainingDataError(
      `example ${example.id}: "switches" must hold [switched, covered, tokens] for the query and each passage`,
    );
  }
  return { query, passages: passages as SwitchCounts[] };
}

export class SwitchStats {
  private examples = 0;
  private switchedExamples = 0;
  private readonly sides = new Map<string, SideStats>();
  private readonly typeSets: Array<{ lexicon: Lexicon; types: Map<string, boolean> }>;
  /** Lower-cased words of every lexicon's top translations: what switched words look like. */
  private readonly translationWords = new Set<string>();

  constructor(lexicons: readonly Lexicon[] = []) {
    this.typeSets = lexicons.map((lexicon) => ({ lexicon, types: new Map() }));
    for (const lexicon of lexicons) {
      for (const entry of lexicon.entries()) {
        const top = entry.translations[0];
        if (top === undefined) continue;
        for (const word of top.tgt.toLocaleLowerCase(lexicon.tgtLang).split(' '))
          this.translationWords.add(word);
      }
    }
  }

  add(example: TrainingExample): void {
    this.examples += 1;
    const counts = countsOf(example);
    if (counts !== undefined) {
      this.switchedExamples += 1;
      this.addSide('query', example.query_lang, [counts.query]);
      this.addSide('passage', example.doc_lang, counts.passages);
    }
    if (this.typeSets.length > 0) {
      for (const text of [example.query, ...example.pos, ...example.neg]) this.addTypes(text);
    }
  }

  report(): SwitchStatsReport {
    return {
      examples: this.examples,
      switchedExamples: this.switchedExamples,
      sides: [...this.sides.values()].sort((a, b) =>
        a.side === b.side ? (a.lang < b.lang ? -1 : 1) : a.side === 'query' ? -1 : 1,
      ),
      types: this.typeSets.map(({ lexicon, types }) => ({
        lang: lexicon.tgtLang,
        lexicon: lexicon.id,
        types: types.size,
        covered: [...types.values()].filter(Boolean).length,
      })),
    };
  }

  private addSide(side: SideStats['side'], lang: string, counts: readonly SwitchCounts[]): void {
    const key = `${side}\t${lang}`;
    let stats = this.sides.get(key);
    if (stats === undefined) {
      stats = { side, lang, texts: 0, tokens: 0, covered: 0, switched: 0 };
      this.sides.set(key, stats);
    }
    for (const [switched, covered, tokens] of counts) {
      stats.texts += 1;
      stats.tokens += tokens;
      stats.covered += covered;
      stats.switched += switched;
    }
  }

  private addTypes(text: string): void {
    for (const segment of segmentText(text)) {
      if (segment.kind !== 'word') continue;
      for (const { lexicon, types } of this.typeSets) {
        const covered = translatorFor(lexicon)(segment.text) !== null;
        if (!covered && this.translationWords.has(segment.text.toLocaleLowerCase())) continue;
        types.set(normalizeKey(segment.text, lexicon.srcLang), covered);
      }
    }
  }
}
