/**
 * `node --import tsx bench/psq-evidence-weights.ts --lexicons URI --xling DIR [--pairs de-ru,…]`:
 * how much the pivot path should count against a direct (and inverted) dictionary when PSQ
 * mixes them (LEXICON_EVIDENCE_WEIGHTS in lib/search/constants.ts).
 *
 * Measured as bilingual lexicon induction on the held-out xling TEST dictionaries of pairs
 * between two non-English languages (yacle.test.freq.2k.<a>-<b>.tsv), never on a retrieval
 * test collection: for each test source word that analyses to one term, is the most probable
 * translation one of the gold target terms (P@1), and how often is there a translation at all
 * (coverage)? The lexicons at --lexicons must hold the en-x dictionaries and the xling TRAIN
 * split of each pair (xlir lexicon build does both; the test words are disjoint from train).
 * Each weighting is scored over the same words, so the settings compare like with like.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readGold, type GoldDictionary } from '../lib/lexicon/node.js';
import {
  PivotTranslator,
  pruneTranslations,
  type EvidenceWeights,
  type LexiconCatalog,
  type TermTranslator,
} from '../lib/search/index.js';
import { openLexicons } from '../lib/search/node.js';
import { getAnalyzer } from '../lib/text/index.js';

const DEFAULT_PAIRS = [
  'de-ru',
  'de-fr',
  'de-it',
  'de-tr',
  'it-fr',
  'ru-fr',
  'ru-it',
  'tr-fr',
  'tr-it',
  'tr-ru',
];

/** Candidate weightings: direct and inverted dictionaries count 1; the pivot from none to double. */
const SETTINGS: ReadonlyArray<{ name: string; weights: EvidenceWeights | 'pivot only' }> = [
  { name: 'dictionary only', weights: { direct: 1, inverted: 1, pivot: 0 } },
  { name: 'pivot only', weights: 'pivot only' },
  { name: 'pivot 0.03', weights: { direct: 1, inverted: 1, pivot: 0.03 } },
  { name: 'pivot 0.1', weights: { direct: 1, inverted: 1, pivot: 0.1 } },
  { name: 'pivot 0.25', weights: { direct: 1, inverted: 1, pivot: 0.25 } },
  { name: 'pivot 0.5', weights: { direct: 1, inverted: 1, pivot: 0.5 } },
  { name: 'pivot 1', weights: { direct: 1, inverted: 1, pivot: 1 } },
  { name: 'pivot 2', weights: { direct: 1, inverted: 1, pivot: 2 } },
];

interface GoldWord {
  term: string;
  targets: Set<string>;
}

/**
 * Test words whose source analyses to one term, with every analysed term of their gold targets;
 * `reversed` reads the a-b dictionary as b-a.
 */
function analysedGold(gold: GoldDictionary, src: string, tgt: string, reversed: boolean): GoldWord[] {
  const source = getAnalyzer(src);
  const target = getAnalyzer(tgt);
  const byTerm = new Map<string, Set<string>>();
  for (const [left, rights] of gold) {
    for (const right of rights) {
      const [word, translation] = reversed ? [right, left] : [left, right];
      const terms = source.analyze(word);
      const targets = target.analyze(translation);
      if (terms.length !== 1 || targets.length === 0) continue;
      const set = byTerm.get(terms[0]!) ?? new Set<string>();
      for (const t of targets) set.add(t);
      byTerm.set(terms[0]!, set);
    }
  }
  return [...byTerm].map(([term, targets]) => ({ term, targets }));
}

async function translatorFor(
  catalog: LexiconCatalog,
  weights: EvidenceWeights | 'pivot only',
  src: string,
  tgt: string,
): Promise<TermTranslator> {
  if (weights !== 'pivot only') return catalog.withEvidenceWeights(weights).translator(src, tgt);
  return new PivotTranslator(await catalog.translator(src, 'en'), await catalog.translator('en', tgt));
}

/**
 * P@1; the probability mass PSQ puts on gold terms after its pruning (what a query term's
 * group actually weighs, so it sees the whole distribution, not only its top); coverage.
 */
function score(
  translator: TermTranslator,
  gold: readonly GoldWord[],
): { p1: number; mass: number; coverage: number } {
  let hits = 0;
  let mass = 0;
  let covered = 0;
  for (const { term, targets } of gold) {
    const translations = translator.translate(term);
    if (translations.length === 0) continue;
    covered += 1;
    if (targets.has(translations[0]!.term)) hits += 1;
    for (const t of pruneTranslations(translations)) if (targets.has(t.term)) mass += t.p;
  }
  return { p1: hits / gold.length, mass: mass / gold.length, coverage: covered / gold.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lexicons: { type: 'string' }, xling: { type: 'string' }, pairs: { type: 'string' } },
  });
  if (values.lexicons === undefined || values.xling === undefined) {
    console.error('usage: bench/psq-evidence-weights.ts --lexicons URI --xling DIR [--pairs de-ru,de-fr]');
    process.exit(2);
  }
  const base = await openLexicons(values.lexicons);
  const pairs = values.pairs?.split(',') ?? DEFAULT_PAIRS;
  const rows: string[] = [];
  const means = new Map<string, number[]>();
  for (const pair of pairs) {
    const [a, b] = pair.split('-') as [string, string];
    const file = join(values.xling, pair, `yacle.test.freq.2k.${pair}.tsv`);
    const { gold } = await readGold(file, { srcLang: a, tgtLang: b });
    for (const [src, tgt, reversed] of [
      [a, b, false],
      [b, a, true],
    ] as const) {
      const words = analysedGold(gold, src, tgt, reversed);
      const cells: string[] = [];
      for (const { name, weights } of SETTINGS) {
        const { p1, mass, coverage } = score(await translatorFor(base, weights, src, tgt), words);
        cells.push(`${p1.toFixed(3)} / ${mass.toFixed(3)} (${(coverage * 100).toFixed(0)}%)`);
        means.set(name, [...(means.get(name) ?? []), p1]);
        means.set(`${name} mass`, [...(means.get(`${name} mass`) ?? []), mass]);
      }
      rows.push(`| ${src}→${tgt} | ${words.length} | ${cells.join(' | ')} |`);
      console.error(`done ${src}→${tgt}`);
    }
  }
  console.log('P@1 / gold probability mass on the xling test split (share of test words translated)\n');
  console.log(`| direction | words | ${SETTINGS.map((s) => s.name).join(' | ')} |`);
  console.log(`| --- | ---: | ${SETTINGS.map(() => '---:').join(' | ')} |`);
  for (const row of rows) console.log(row);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const meanCell = (name: string) =>
    `${mean(means.get(name)!).toFixed(3)} / ${mean(means.get(`${name} mass`)!).toFixed(3)}`;
  console.log(`| mean | | ${SETTINGS.map((s) => meanCell(s.name)).join(' | ')} |`);
}

await main();
