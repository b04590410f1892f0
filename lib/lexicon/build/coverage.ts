/**
 * Vocabulary coverage for the build's summary table: the share of a sample of source-language words
 * that have a translation once both go through the language's analyzer, which is how query
 * translation matches them (lib/search builds its tables over analysed terms). Phrase keys are left
 * out, as query translation leaves them out.
 */
import { readFile } from 'node:fs/promises';
import { getAnalyzer } from '../../text/index.js';
import { LexiconError } from '../errors.js';
import type { Lexicon } from '../lexicon.js';
import { echo } from '../normalize.js';
import { COVERAGE_SAMPLE_SIZE } from './constants.js';

/** Sample terms (already analysed) per language. */
export type CoverageSample = ReadonlyMap<string, readonly string[]>;

export interface Coverage {
  /** Sample terms with a translation. */
  covered: number;
  /** Sample terms of the direction's source language. */
  sampled: number;
}

/** Every `size / n`-th term, so the sample spans the whole list (frequency order is kept). */
export function evenly<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)] as T);
}

/** Texts in their languages: lines of a word file, or passages of an index. */
export interface LanguageText {
  lang: string;
  text: string;
}

/**
 * Each text analysed with its language's analyzer; per language, the distinct terms, most
 * frequent first, sampled evenly down to `size`.
 */
export function coverageSampleOf(
  texts: Iterable<LanguageText>,
  size: number = COVERAGE_SAMPLE_SIZE,
): CoverageSample {
  const counts = new Map<string, Map<string, number>>();
  for (const { lang, text } of texts) {
    const analyzer = getAnalyzer(lang);
    let terms = counts.get(analyzer.lang);
    if (terms === undefined) {
      terms = new Map();
      counts.set(analyzer.lang, terms);
    }
    for (const term of analyzer.analyze(text)) terms.set(term, (terms.get(term) ?? 0) + 1);
  }
  const sample = new Map<string, string[]>();
  for (const [lang, terms] of counts) {
    const ranked = [...terms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    sample.set(lang, evenly(ranked, size));
  }
  return sample;
}

/** Reads `lang<TAB>text` lines (words, titles or whole questions) as a coverage sample. */
export async function readCoverageSample(
  path: string,
  size: number = COVERAGE_SAMPLE_SIZE,
): Promise<CoverageSample> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const texts: LanguageText[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new LexiconError(`${path}:${i + 1}: expected lang<TAB>text, got ${echo(line)}`);
    texts.push({ lang: line.slice(0, tab).trim(), text: line.slice(tab + 1) });
  }
  return coverageSampleOf(texts, size);
}

/** The analysed terms of a lexicon's one-word keys: what a query term can be translated from. */
export function translatableTerms(lexicon: Lexicon): Set<string> {
  const analyzer = getAnalyzer(lexicon.srcLang);
  const terms = new Set<string>();
  for (const entry of lexicon.entries()) {
    if (entry.src.includes(' ')) continue;
    const analysed = analyzer.analyze(entry.src);
    if (analysed.length === 1) terms.add(analysed[0] as string);
  }
  return terms;
}

/** Coverage of the sample of the lexicon's source language; undefined when there is none. */
export function coverageOf(lexicon: Lexicon, sample: CoverageSample): Coverage | undefined {
  const words = sample.get(lexicon.srcLang);
  if (words === undefined || words.length === 0) return undefined;
  const terms = translatableTerms(lexicon);
  return { covered: words.filter((w) => terms.has(w)).length, sampled: words.length };
}
