/** `xlir lexicon import|stats|merge|induce|eval|build`: build, combine and evaluate bilingual lexicons. */
import { readFile, writeFile } from 'node:fs/promises';
import {
  fromTsv,
  importFreedict,
  importMuse,
  importOmw,
  importWikipediaSql,
  importWikititles,
  importXling,
  LexiconError,
  lexiconStats,
  merge,
  toTsv,
  type ImportOptions,
  type ImportResult,
  type WeightedLexicon,
} from '../../lexicon/index.js';
import { parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import {
  EVAL_LEXICON_USAGE,
  INDUCE_USAGE,
  lexiconEvalCommand,
  lexiconInduceCommand,
} from './lexicon-induce.js';
import { BUILD_USAGE, lexiconBuildCommand } from './lexicon-build.js';
import { languages, printStats, requireReadable } from './lexicon-shared.js';
import { lexiconPackCommand, PACK_USAGE } from './lexicon-pack.js';

const MERGE_USAGE =
  'xlir lexicon merge --input A.tsv[:weight] --input B.tsv[:weight] --src-lang xx --tgt-lang yy --out FILE.tsv [--id ID]';

export const LEXICON_USAGE = [
  'xlir lexicon import --format muse|xling|omw|freedict|wikititles|wikisql --src-lang xx --tgt-lang yy --input FILE [--input FILE2] --out FILE.tsv [--id ID]',
  'xlir lexicon stats --lexicon FILE.tsv --src-lang xx --tgt-lang yy',
  MERGE_USAGE,
  INDUCE_USAGE,
  EVAL_LEXICON_USAGE,
  PACK_USAGE,
  BUILD_USAGE,
].join(' | ');

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

async function mergeCommand(args: {
  input?: string[];
  out?: string;
  id?: string;
  'src-lang'?: string;
  'tgt-lang'?: string;
}): Promise<void> {
  const inputs = (args.input ?? []).map(parseWeightedInput);
  if (inputs.length === 0) throw new UsageError(`missing --input; usage: ${MERGE_USAGE}`);
  const out = requireString(args.out, '--out', MERGE_USAGE);
  const langs = languages(args, MERGE_USAGE);
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

export async function lexiconCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'induce') return lexiconInduceCommand(rest);
  if (sub === 'eval') return lexiconEvalCommand(rest);
  if (sub === 'build') return lexiconBuildCommand(rest);
  if (sub === 'pack') return lexiconPackCommand(rest);
  const options = {
    format: { type: 'string' },
    'src-lang': { type: 'string' },
    'tgt-lang': { type: 'string' },
    input: { type: 'string', multiple: true },
    out: { type: 'string' },
    id: { type: 'string' },
    lexicon: { type: 'string' },
  } as const;
  const args = parseCommandArgs(rest, options, LEXICON_USAGE);
  if (sub === 'import') {
    const format = FORMATS[requireString(args.format, '--format', LEXICON_USAGE)];
    if (!format)
      throw new UsageError(
        `unknown --format "${args.format}"; use one of ${Object.keys(FORMATS).join(', ')}`,
      );
    const inputs = args.input ?? [];
    if (inputs.length !== format.inputs.length) {
      throw new UsageError(
        `--format ${args.format} reads ${format.inputs.join(' and ')}: give --input ${format.inputs.length} time(s)`,
      );
    }
    const out = requireString(args.out, '--out', LEXICON_USAGE);
    await requireReadable(inputs);
    const { lexicon, skipped } = await format.run(inputs, {
      ...languages(args, LEXICON_USAGE),
      ...(args.id ? { id: args.id } : {}),
    });
    await writeFile(out, toTsv(lexicon));
    printStats(`wrote ${out}`, lexiconStats(lexicon));
    if (skipped > 0) console.error(`note: ${skipped} input line(s) could not be used`);
    return;
  }
  if (sub === 'stats') {
    const path = requireString(args.lexicon, '--lexicon', LEXICON_USAGE);
    await requireReadable([path]);
    const lexicon = fromTsv(await readFile(path, 'utf8'), { ...languages(args, LEXICON_USAGE), id: path });
    printStats(path, lexiconStats(lexicon));
    return;
  }
  if (sub === 'merge') return mergeCommand(args);
  throw new UsageError(`unknown lexicon command "${sub ?? ''}"; usage: ${LEXICON_USAGE}`);
}
