/**
 * Code-switches whole training examples: the query and every passage, each with its own draws
 * (passage k of an example is positive k, then the negatives), plus the counts and provenance the
 * trainer reads. Which lexicon serves which side is fixed here once, not per example.
 */
import type { Lexicon } from '../lexicon/index.js';
import { canonicalLanguage } from '../text/index.js';
import { switchBilingual } from './bilingual.js';
import { unchanged, type SwitchResult } from './core.js';
import { CodeSwitchError } from './errors.js';
import {
  MULTILINGUAL_TAG,
  type CodeSwitchedExample,
  type Provenance,
  type SwitchCounts,
  type TrainingExample,
} from './example.js';
import { switchMultilingual, validateLexiconSet } from './multilingual.js';
import { validateDrawKey, validateProbability, type Side } from './random.js';
import { instanceLexicon, switchWiki } from './wiki.js';

/** BL-CS and Wiki-CS switch towards a target pair; ML-CS and multilingual Wiki-CS towards a set. */
export type ExampleMode =
  | { method: 'bl-cs' | 'wiki-cs'; queryLang: string; docLang: string }
  | { method: 'ml-cs' | 'wiki-cs'; langs: readonly string[] };

export interface ExampleSwitcherOptions {
  mode: ExampleMode;
  /** Lexicons from the source language, found by target language; extra ones are ignored. */
  lexicons: readonly Lexicon[];
  p: number;
  seed: number;
  protectStopwords?: boolean;
  stopwords?: ReadonlySet<string>;
  /** Recorded in the provenance: the input the examples came from. */
  source: string;
  /** Language of the input examples (default 'en'); a side whose target it is stays as it is. */
  sourceLang?: string;
  /** Longest Wiki-CS phrase in words. */
  maxWords?: number;
}

/** Switches the example with the given index (the index seeds its draws). */
export type ExampleSwitcher = (example: TrainingExample, exampleIndex: number) => CodeSwitchedExample;

/**
 * How one side's texts are switched: the switched text and its language tag. Options are built as
 * literals of one fixed shape rather than spread, which kept property access monomorphic: spreading
 * per text cost about a third of the throughput.
 */
type SideSwitch = (text: string, exampleIndex: number, side: Side, passageIndex: number) => SwitchResult;
interface SidePlan {
  lang: string;
  run: SideSwitch;
}

const leaveAlone: SideSwitch = (text) => unchanged(text);

function counts(result: SwitchResult): SwitchCounts {
  return [result.switched, result.eligible, result.tokens];
}

function lexiconTable(lexicons: readonly Lexicon[], sourceLang: string): Map<string, Lexicon> {
  const table = new Map<string, Lexicon>();
  for (const lexicon of lexicons) {
    if (lexicon.srcLang !== sourceLang) {
      throw new CodeSwitchError(
        `lexicon ${lexicon.id} translates from ${lexicon.srcLang}, the examples are in ${sourceLang}`,
      );
    }
    if (table.has(lexicon.tgtLang)) throw new CodeSwitchError(`two lexicons target ${lexicon.tgtLang}`);
    table.set(lexicon.tgtLang, lexicon);
  }
  return table;
}

/** Builds the per-example planner; throws at once for a missing lexicon or bad option. */
export function exampleSwitcher(options: ExampleSwitcherOptions): ExampleSwitcher {
  validateProbability(options.p);
  validateDrawKey({ seed: options.seed, exampleIndex: 0, side: 'query' });
  const sourceLang = canonicalLanguage(options.sourceLang ?? 'en');
  const table = lexiconTable(options.lexicons, sourceLang);
  const used: Lexicon[] = [];
  const need = (lang: string): Lexicon => {
    const lexicon = table.get(lang);
    if (lexicon === undefined) throw new CodeSwitchError(`no ${sourceLang}→${lang} lexicon was given`);
    if (!used.includes(lexicon)) used.push(lexicon);
    return lexicon;
  };
  const { mode, p, seed, stopwords, maxWords } = options;
  const protectStopwords = options.protectStopwords === true;

  const wikiRun =
    (lexicon: Lexicon): SideSwitch =>
    (text, exampleIndex, side, passageIndex) =>
      switchWiki(text, {
        lexicon,
        maxWords,
        p,
        seed,
        exampleIndex,
        side,
        passageIndex,
        protectStopwords,
        stopwords,
      });

  let languages: string[];
  let plan: (exampleIndex: number) => { query: SidePlan; doc: SidePlan };
  if ('langs' in mode) {
    languages = mode.langs.map((lang) => canonicalLanguage(lang));
    if (languages.length === 0) throw new CodeSwitchError('no target languages given');
    const set = languages.map((lang) => {
      if (lang === sourceLang) throw new CodeSwitchError(`${lang} is the source language, not a target`);
      return need(lang);
    });
    validateLexiconSet(set);
    if (mode.method === 'ml-cs') {
      const side: SidePlan = {
        lang: MULTILINGUAL_TAG,
        run: (text, exampleIndex, side, passageIndex) =>
          switchMultilingual(text, {
            lexicons: set,
            p,
            seed,
            exampleIndex,
            side,
            passageIndex,
            protectStopwords,
            stopwords,
          }),
      };
      plan = () => ({ query: side, doc: side });
    } else {
      const wikiSide = (lexicon: Lexicon): SidePlan => ({ lang: lexicon.tgtLang, run: wikiRun(lexicon) });
      const sides = new Map(set.map((lexicon) => [lexicon, wikiSide(lexicon)]));
      const drawn = (exampleIndex: number, side: Side): SidePlan =>
        sides.get(instanceLexicon(set, { seed, exampleIndex }, side) as Lexicon) as SidePlan;
      plan = (exampleIndex) => ({ query: drawn(exampleIndex, 'query'), doc: drawn(exampleIndex, 'passage') });
    }
  } else {
    languages = [canonicalLanguage(mode.queryLang), canonicalLanguage(mode.docLang)];
    const pairSide = (lang: string): SidePlan => {
      if (lang === sourceLang) return { lang, run: leaveAlone };
      const lexicon = need(lang);
      const bilingual: SideSwitch = (text, exampleIndex, side, passageIndex) =>
        switchBilingual(text, {
          lexicon,
          p,
          seed,
          exampleIndex,
          side,
          passageIndex,
          protectStopwords,
          stopwords,
        });
      return { lang, run: mode.method === 'bl-cs' ? bilingual : wikiRun(lexicon) };
    };
    const sides = { query: pairSide(languages[0] as string), doc: pairSide(languages[1] as string) };
    plan = () => sides;
  }

  const provenance: Provenance = {
    method: mode.method,
    p,
    languages,
    lexicons: used.map((lexicon) => lexicon.id),
    seed,
    source: options.source,
  };
  return (example, exampleIndex) => {
    const { query, doc } = plan(exampleIndex);
    const q = query.run(example.query, exampleIndex, 'query', 0);
    const passage = (text: string, passageIndex: number): SwitchResult =>
      doc.run(text, exampleIndex, 'passage', passageIndex);
    const pos = example.pos.map((text, i) => passage(text, i));
    const neg = example.neg.map((text, j) => passage(text, example.pos.length + j));
    return {
      ...example,
      query: q.text,
      pos: pos.map((r) => r.text),
      neg: neg.map((r) => r.text),
      query_lang: query.lang,
      doc_lang: doc.lang,
      switches: { query: counts(q), pos: pos.map(counts), neg: neg.map(counts) },
      provenance,
    };
  };
}
