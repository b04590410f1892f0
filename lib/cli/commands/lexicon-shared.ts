/** Argument helpers shared by the `xlir lexicon` subcommands. */
import { access } from 'node:fs/promises';
import type { LexiconStats } from '../../lexicon/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { requireString } from '../args.js';
import { UsageError } from '../errors.js';

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

export function languages(
  args: { 'src-lang'?: string; 'tgt-lang'?: string },
  usage: string,
): { srcLang: string; tgtLang: string } {
  return {
    srcLang: canonicalLanguage(requireString(args['src-lang'], '--src-lang', usage)),
    tgtLang: canonicalLanguage(requireString(args['tgt-lang'], '--tgt-lang', usage)),
  };
}

export function printStats(label: string, stats: LexiconStats): void {
  console.log(
    `${label}: ${stats.entries} entries, ${stats.pairs} pairs, ${stats.phraseEntries} phrase entries, ${stats.meanTranslationsPerEntry.toFixed(2)} translations per entry`,
  );
}
