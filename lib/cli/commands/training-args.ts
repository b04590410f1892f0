/** Arguments shared by the training-data commands (pairs, codeswitch, codeswitch stats). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TrainingDataError } from '../../codeswitch/index.js';
import { fromTsv, type Lexicon } from '../../lexicon/index.js';
import { canonicalLanguage } from '../../text/index.js';
import type { TrainingExample } from '../../codeswitch/index.js';
import { checkReadable, JsonlWriter, type ExampleSource } from '../../training-data/index.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import type { OptionSpec } from '../spec.js';

/** Input files are checked up front so a typo is a usage error, not a failure halfway through. */
export async function requireInputFile(path: string): Promise<void> {
  try {
    await checkReadable(path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const DEFAULT_TRAINING_SEED = 0;

export function parseSeed(value: unknown): number {
  return parseNumber(value, '--seed', { integer: true, min: 0, max: 0xffffffff }) ?? DEFAULT_TRAINING_SEED;
}

/** Lexicons translate from English: the language of every supported training set. */
export const SOURCE_LANG = 'en';

/** `--lexicon LANG=FILE.tsv` of codeswitch and codeswitch stats; its language is checked by the parser. */
export const LEXICON_OPTION = {
  type: 'string',
  value: 'LANG=FILE.tsv',
  multiple: true,
  language: 'lexicon',
  description: 'an en→LANG lexicon; give one per language',
} as const satisfies OptionSpec;

/** Reads `LANG=FILE.tsv` lexicons (en→LANG); the provenance names each by its file name. */
export async function readLexicons(specs: readonly string[]): Promise<Lexicon[]> {
  const lexicons: Lexicon[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      throw new UsageError(`--lexicon takes LANG=FILE.tsv, got "${spec}"`);
    }
    const lang = canonicalLanguage(spec.slice(0, eq));
    const path = spec.slice(eq + 1);
    if (lexicons.some((l) => l.tgtLang === lang)) throw new UsageError(`--lexicon ${lang} is given twice`);
    await requireInputFile(path);
    const lexicon = fromTsv(await readFile(path, 'utf8'), {
      srcLang: SOURCE_LANG,
      tgtLang: lang,
      id: basename(path),
    });
    if (lexicon.size === 0)
      throw new TrainingDataError(`lexicon ${path} is empty: no src<TAB>tgt<TAB>score lines`);
    lexicons.push(lexicon);
  }
  return lexicons;
}

/**
 * Streams `source`'s examples through `transform` into JSONL at `out`, one record per example, with a
 * progress bar named `label`; returns how many were written. The file is closed whatever happens.
 */
export async function transformExamples<T>(
  source: ExampleSource,
  out: string,
  label: string,
  transform: (example: TrainingExample, index: number) => T | Promise<T>,
): Promise<number> {
  const bar = progressBar(label);
  const writer = await JsonlWriter.open(out);
  try {
    let index = 0;
    for await (const example of source.examples) {
      await writer.write(await transform(example, index));
      index += 1;
      if (index % 1000 === 0) {
        const { done, total } = source.progress();
        bar.update(done, total, `${index.toLocaleString('en')} examples`);
      }
    }
  } finally {
    bar.finish();
    await writer.close();
  }
  return writer.count;
}
