/** `xlir lexicon import|stats|merge`: bilingual lexicons from published dictionaries, described and combined. */
import { readFile, writeFile } from 'node:fs/promises';
import {
  fromTsv,
  LexiconError,
  lexiconStats,
  merge,
  toTsv,
  type WeightedLexicon,
} from '../../lexicon/index.js';
import {
  importFreedict,
  importMuse,
  importOmw,
  importWikipediaSql,
  importWikititles,
  importXling,
  type ImportOptions,
  type ImportResult,
} from '../../lexicon/node.js';
import { UsageError } from '../errors.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { DIRECTION_OPTIONS, languages, printStats, requireReadable } from './lexicon-shared.js';

/** What each format reads: one file, or a pair named in this order. */
const FORMATS: Record<
  string,
  { inputs: string[]; run: (files: string[], o: ImportOptions) => Promise<ImportResult> }
> = {
  muse: { inputs: ['dictionary'], run: ([f], o) => importMuse(f!, o) },
  xling: { inputs: ['dictionary'], run: ([f], o) => importXling(f!, o) },
  wikititles: { inputs: ['titles'], run: ([f], o) => importWikititles(f!, o) },
  omw: { inputs: ['source .tab', 'target .tab'], run: ([s, t], o) => importOmw(s!, t!, o) },
  freedict: { inputs: ['.index', '.dict.dz'], run: ([i, d], o) => importFreedict(i!, d!, o) },
  wikisql: {
    inputs: ['langlinks.sql(.gz)', 'page.sql(.gz)'],
    run: ([langlinks, page], o) => importWikipediaSql({ langlinks: langlinks!, page: page! }, o),
  },
};

export const LEXICON_IMPORT = commandSpec({
  name: 'lexicon import',
  summary: 'read one published dictionary into a src<TAB>tgt<TAB>score lexicon',
  options: {
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: Object.keys(FORMATS),
      required: true,
      description: "the dictionary's format",
    },
    ...DIRECTION_OPTIONS,
    input: {
      type: 'string',
      value: 'FILE',
      multiple: true,
      required: true,
      description: `the dictionary (twice for two files: ${Object.entries(FORMATS)
        .filter(([, f]) => f.inputs.length > 1)
        .map(([name, f]) => `${name} ${f.inputs.join(' then ')}`)
        .join('; ')})`,
    },
    out: { type: 'string', value: 'FILE.tsv', required: true, description: 'the lexicon written' },
    id: {
      type: 'string',
      value: 'ID',
      description: 'name of the lexicon (default: from the format and input)',
    },
  },
  examples: [
    'xlir lexicon import --format muse --src-lang en --tgt-lang de --input en-de.txt --out en-de.tsv',
    'xlir lexicon import --format omw --src-lang en --tgt-lang de --input wn-data-eng.tab --input wn-data-deu.tab --out en-de.omw.tsv',
  ],
});

export const LEXICON_STATS = commandSpec({
  name: 'lexicon stats',
  summary: 'count the entries, pairs and phrases of a lexicon',
  options: {
    lexicon: { type: 'string', value: 'FILE.tsv', required: true, description: 'the lexicon to describe' },
    ...DIRECTION_OPTIONS,
  },
  examples: ['xlir lexicon stats --lexicon en-de.tsv --src-lang en --tgt-lang de'],
});

export const LEXICON_MERGE = commandSpec({
  name: 'lexicon merge',
  summary: 'combine lexicons of one direction, each with a weight, into one',
  options: {
    input: {
      type: 'string',
      value: 'FILE.tsv[:WEIGHT]',
      multiple: true,
      required: true,
      description: 'a lexicon and its weight (default 1); give one per lexicon',
    },
    ...DIRECTION_OPTIONS,
    out: { type: 'string', value: 'FILE.tsv', required: true, description: 'the merged lexicon' },
    id: { type: 'string', value: 'ID', description: 'name of the merged lexicon' },
  },
  examples: [
    'xlir lexicon merge --input xling-en-de.tsv:1 --input omw-en-de.tsv:0.5 --src-lang en --tgt-lang de --out en-de.tsv',
  ],
});

/**
 * `path:weight`, or a bare path weighing 1. Only a numeric suffix is a weight, so paths that
 * contain colons still work.
 */
function parseWeightedInput(input: string): { path: string; weight: number } {
  const colon = input.lastIndexOf(':');
  const suffix = input.slice(colon + 1);
  if (colon <= 0 || suffix.trim() === '' || !Number.isFinite(Number(suffix)))
    return { path: input, weight: 1 };
  const weight = Number(suffix);
  if (weight <= 0) throw new UsageError(`weight of --input ${input} must be > 0`);
  return { path: input.slice(0, colon), weight };
}

export async function lexiconMergeCommand(args: CommandArgs<typeof LEXICON_MERGE.options>): Promise<void> {
  const inputs = args.input.map(parseWeightedInput);
  const { out } = args;
  const langs = languages(args);
  await requireReadable(inputs.map((i) => i.path));
  const parts: WeightedLexicon[] = [];
  for (const { path, weight } of inputs) {
    const lexicon = fromTsv(await readFile(path, 'utf8'), { ...langs, id: path });
    if (lexicon.size === 0) throw new LexiconError(`lexicon ${path} is empty`);
    parts.push({ lexicon, weight });
  }
  const merged = merge(parts, args.id ? { id: args.id } : {});
  await writeFile(out, toTsv(merged));
  printStats(`wrote ${out}`, lexiconStats(merged));
}

export async function lexiconImportCommand(args: CommandArgs<typeof LEXICON_IMPORT.options>): Promise<void> {
  const format = FORMATS[args.format];
  if (!format)
    throw new UsageError(`unknown --format "${args.format}"; use one of ${Object.keys(FORMATS).join(', ')}`);
  const inputs = args.input;
  if (inputs.length !== format.inputs.length) {
    throw new UsageError(
      `--format ${args.format} reads ${format.inputs.join(' and ')}: give --input ${format.inputs.length} time(s)`,
    );
  }
  const { out } = args;
  await requireReadable(inputs);
  const { lexicon, skipped } = await format.run(inputs, {
    ...languages(args),
    ...(args.id ? { id: args.id } : {}),
  });
  // A file in another format still yields a few lines that happen to parse (56 of a whole
  // dictionary, say): when most of the input is unusable the --format is wrong, not the file.
  if (skipped > lexicon.pairs) {
    throw new LexiconError(
      `only ${lexicon.pairs} pair(s) read and ${skipped} line(s) skipped from ${inputs.join(' and ')}: is it really --format ${args.format}? Nothing written`,
    );
  }
  await writeFile(out, toTsv(lexicon));
  printStats(`wrote ${out}`, lexiconStats(lexicon));
  if (skipped > 0) console.error(`note: ${skipped} input line(s) could not be used`);
}

export async function lexiconStatsCommand(args: CommandArgs<typeof LEXICON_STATS.options>): Promise<void> {
  const path = args.lexicon;
  await requireReadable([path]);
  const lexicon = fromTsv(await readFile(path, 'utf8'), { ...languages(args), id: path });
  printStats(path, lexiconStats(lexicon));
}
