/**
 * Apertium bilingual dictionaries (`<a>-<b>.autobil.bin`, compiled lttoolbox transducers). Debian
 * ships them only compiled, and lttoolbox's `lt-expand` reads only `.dix` sources, so the entries are
 * read back from the transducer itself: `lt-print` dumps it as AT&T text (`from to in out weight`
 * transitions, `state weight` final states, sections separated by `--`, each starting at state 0),
 * and every path from state 0 to a final state is one entry. The minimised transducer pairs input
 * and output letters arbitrarily, so a path's non-ε input symbols, concatenated, are the left side
 * (`left<tags>`) and its non-ε output symbols the right side. Tags are dropped and lemmas kept. A
 * file compiled for a→b maps a to b, so the lexicon's direction is the file's. Apertium does not rank
 * translations: each distinct lemma pair scores 1 however many tag variants list it.
 *
 * Cycles and number patterns are regular-expression entries (numbers, money, times), not words: a
 * path never revisits a state already on it, and never follows a transition with a digit or a
 * currency or percent sign. A section whose walk still needs more than a step budget is a
 * combinatorial pattern section (eng-spa's third) and is skipped whole, never cut short.
 */
import { spawn } from 'node:child_process';
import { LexiconError } from '../errors.js';
import { cleanText } from '../normalize.js';
import { addOnce, type ImportOptions, type ImportResult, newLexicon, requireEntries } from './common.js';

const FORMAT = 'compiled lttoolbox dictionary (dumped by lt-print)';
const LT_PRINT = 'lt-print';
/** The Debian package that installs lt-print. */
const LT_PRINT_PACKAGE = 'lttoolbox-dev';
/**
 * Transitions one section's walk may follow before it is called a pattern section and skipped.
 * Measured on Debian's apertium-eng-spa: the word sections of eng-spa.autobil.bin and
 * spa-eng.autobil.bin take under 300,000 steps for their ~33,000 paths each, while their money and
 * number sections are still walking after 5,000,000 (their letter parts multiply); 1,000,000 keeps
 * a word section with room to spare and stops a pattern section in under a second.
 */
export const APERTIUM_STEP_BUDGET = 1_000_000;
/** lt-print's epsilon symbol. */
const EPSILON = 'ε';
/** A multi-character symbol: a tag such as `<n>` or `<p1>` (its digits are not a number). */
const TAG_SYMBOL_RE = /^<[^>]*>$/;
/** A character of a number or money pattern; a transition reading or writing one is not followed. */
const PATTERN_CHAR_RE = /[0-9%€$£]/;
/** Tags, and the `+` that joins a lemma to a clitic's analysis (which the tags then describe). */
const TAG_RE = /<[^>]*>/g;
/** `#` marks where the invariable part of a multiword ("take<vblex># off") follows the tags. */
const MULTIWORD_MARK_RE = /#/g;

/** A side of an entry as a plain lemma: tags gone, escapes resolved, a `+clitic` analysis dropped. */
function lemmaOf(side: string): string {
  const head = side.split(/(?<!\\)\+/)[0] ?? '';
  return cleanText(head.replace(TAG_RE, '').replace(MULTIWORD_MARK_RE, ' ').replace(/\\(.)/g, '$1'));
}

function isPatternSymbol(symbol: string): boolean {
  return !TAG_SYMBOL_RE.test(symbol) && PATTERN_CHAR_RE.test(symbol);
}

interface Edge {
  to: number;
  /** The symbols, '' for ε. */
  input: string;
  output: string;
}

interface Section {
  edges: Map<number, Edge[]>;
  finals: Set<number>;
}

/** lt-print's sections, pattern transitions already left out. */
function parseSections(text: string): Section[] {
  const sections: Section[] = [{ edges: new Map(), finals: new Set() }];
  for (const line of text.split('\n')) {
    if (line === '--') {
      sections.push({ edges: new Map(), finals: new Set() });
      continue;
    }
    if (line.trim() === '') continue;
    const section = sections[sections.length - 1]!;
    const fields = line.split('\t');
    if (fields.length >= 4) {
      const [from, to, input = '', output = ''] = fields;
      if (isPatternSymbol(input) || isPatternSymbol(output)) continue;
      const edge = {
        to: Number(to),
        input: input === EPSILON ? '' : input,
        output: output === EPSILON ? '' : output,
      };
      const source = Number(from);
      const list = section.edges.get(source);
      if (list === undefined) section.edges.set(source, [edge]);
      else list.push(edge);
    } else if (/^\d+$/.test(fields[0] ?? '')) {
      section.finals.add(Number(fields[0]));
    }
  }
  return sections;
}

/**
 * Every `[left, right]` path of one section from state 0 to a final state, by depth-first search
 * that never revisits a state on the current path; undefined once it follows more than `budget`
 * transitions.
 */
function walkSection(section: Section, budget: number): Array<[string, string]> | undefined {
  const paths: Array<[string, string]> = [];
  if (!section.edges.has(0) && !section.finals.has(0)) return paths;
  const states: number[] = [0];
  const next: number[] = [0];
  const inputs: string[] = [];
  const outputs: string[] = [];
  const onPath = new Set<number>([0]);
  if (section.finals.has(0)) paths.push(['', '']);
  let steps = 0;
  while (states.length > 0) {
    const depth = states.length - 1;
    const edges = section.edges.get(states[depth]!) ?? [];
    const edge = edges[next[depth]!];
    if (edge === undefined) {
      onPath.delete(states.pop()!);
      next.pop();
      inputs.pop();
      outputs.pop();
      continue;
    }
    next[depth] = next[depth]! + 1;
    if (onPath.has(edge.to)) continue;
    steps += 1;
    if (steps > budget) return undefined;
    states.push(edge.to);
    next.push(0);
    inputs.push(edge.input);
    outputs.push(edge.output);
    onPath.add(edge.to);
    if (section.finals.has(edge.to)) paths.push([inputs.join(''), outputs.join('')]);
  }
  return paths;
}

export interface LtPrintWalk {
  /** Lemma pairs, left to right, in path order (a pair listed by several tag variants repeats). */
  pairs: Array<[string, string]>;
  /** Paths with no lemma left on a side, plus skipped pattern sections. */
  skipped: number;
  /** Sections over the step budget, skipped whole. */
  patternSections: number;
}

/** Lemma pairs of lt-print output: every path of every section within `stepBudget` steps. */
export function walkLtPrint(text: string, stepBudget: number = APERTIUM_STEP_BUDGET): LtPrintWalk {
  const pairs: Array<[string, string]> = [];
  let skipped = 0;
  let patternSections = 0;
  for (const section of parseSections(text)) {
    const paths = walkSection(section, stepBudget);
    if (paths === undefined) {
      patternSections += 1;
      skipped += 1;
      continue;
    }
    for (const [leftSide, rightSide] of paths) {
      const left = lemmaOf(leftSide);
      const right = lemmaOf(rightSide);
      if (left === '' || right === '') skipped += 1;
      else pairs.push([left, right]);
    }
  }
  return { pairs, skipped, patternSections };
}

/** lt-print's output for one transducer; a missing lt-print is an error naming its package. */
export function runLtPrint(binPath: string, command: string = LT_PRINT): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [binPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LexiconError(
          error.code === 'ENOENT'
            ? `${command} not found: install the Debian package ${LT_PRINT_PACKAGE} to read ${binPath}`
            : `${command} ${binPath}: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const detail = cleanText(Buffer.concat(err).toString('utf8')).slice(0, 200);
        reject(new LexiconError(`${command} ${binPath} exited with ${code}: ${detail}`));
      }
    });
  });
}

/** Whether lt-print can be run here (the build warns instead of failing when it cannot). */
export async function ltPrintAvailable(command: string = LT_PRINT): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, ['--help'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
}

export interface ApertiumOptions extends ImportOptions {
  /** The lt-print command (tests point it at a stand-in). */
  ltPrint?: string;
  /** Steps a section's walk may take; APERTIUM_STEP_BUDGET by default (tests make it small). */
  stepBudget?: number;
}

/** Lexicon of lt-print text already read (tests, or output saved from another machine). */
export function importApertiumText(
  text: string,
  options: ImportOptions & { stepBudget?: number },
  source: string,
): ImportResult & { patternSections: number } {
  const { stepBudget, ...importOptions } = options;
  const lexicon = newLexicon(importOptions, `apertium:${source}`);
  const { pairs, skipped, patternSections } = walkLtPrint(text, stepBudget);
  for (const [src, tgt] of pairs) addOnce(lexicon, src, tgt, 1);
  return { ...requireEntries({ lexicon, skipped }, source, FORMAT), patternSections };
}

export async function importApertium(
  binPath: string,
  options: ApertiumOptions,
): Promise<ImportResult & { patternSections: number }> {
  const { ltPrint, ...rest } = options;
  return importApertiumText(await runLtPrint(binPath, ltPrint), rest, binPath);
}
