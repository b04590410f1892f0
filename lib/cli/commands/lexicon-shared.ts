/** Argument helpers shared by the `xlir lexicon` subcommands. */
import { access } from 'node:fs/promises';
import type { LexiconStats } from '../../lexicon/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { UsageError } from '../errors.js';
import type { OptionSpecs } from '../spec.js';

/** The direction of a lexicon, as every subcommand that reads or writes one takes it. */
export const DIRECTION_OPTIONS = {
  'src-lang': {
    type: 'string',
    value: 'xx',
    required: true,
    language: 'tag',
    description: 'source language: the words looked up',
  },
  'tgt-lang': {
    type: 'string',
    value: 'yy',
    required: true,
    language: 'tag',
    description: 'target language: their translations',
  },
} as const satisfies OptionSpecs;

/** Checked before any work starts, so a typo fails in a second rather than after minutes of induction. */
export async function requireReadable(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    try {
      await access(path);
    } catch {
      throw new UsageError(`cannot read input file ${path}`);
    }
  }
}

/** --src-lang and --tgt-lang (checked by the parser) as canonical language codes. */
export function languages(args: { 'src-lang': string; 'tgt-lang': string }): {
  srcLang: string;
  tgtLang: string;
} {
  return { srcLang: canonicalLanguage(args['src-lang']), tgtLang: canonicalLanguage(args['tgt-lang']) };
}

export function printStats(label: string, stats: LexiconStats): void {
  console.log(
    `${label}: ${stats.entries} entries, ${stats.pairs} pairs, ${stats.phraseEntries} phrase entries, ${stats.meanTranslationsPerEntry.toFixed(2)} translations per entry`,
  );
}
