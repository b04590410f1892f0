/** `xlir lexicon import|stats`: build bilingual lexicons from the supported sources. */
import { access, readFile, writeFile } from 'node:fs/promises';
import {
  fromTsv,
  importFreedict,
  importMuse,
  importOmw,
  importWikipediaSql,
  importWikititles,
  importXling,
  lexiconStats,
  toTsv,
  type ImportOptions,
  type ImportResult,
} from '../../lexicon/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';

export const LEXICON_USAGE =
  'xlir lexicon import --format muse|xling|omw|freedict|wikititles|wikisql --src-lang xx --tgt-lang yy --input FILE [--input FILE2] --out FILE.tsv [--id ID] | xlir lexicon stats --lexicon FILE.tsv --src-lang xx --tgt-lang yy';

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

async function requireReadable(paths: string[]): Promise<void> {
  for (const path of paths) {
    try {
      await access(path);
    } catch {
      throw new UsageError(`cannot read input file ${path}`);
    }
  }
}

function languages(args: { 'src-lang'?: string; 'tgt-lang'?: string }): { srcLang: string; tgtLang: string } {
  return {
    srcLang: canonicalLanguage(requireString(args['src-lang'], '--src-lang', LEXICON_USAGE)),
    tgtLang: canonicalLanguage(requireString(args['tgt-lang'], '--tgt-lang', LEXICON_USAGE)),
  };
}

function printStats(label: string, stats: ReturnType<typeof lexiconStats>): void {
  console.log(
    `${label}: ${stats.entries} entries, ${stats.pairs} pairs, ${stats.phraseEntries} phrase entries, ${stats.meanTranslationsPerEntry.toFixed(2)} translations per entry`,
  );
}

export async function lexiconCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
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
      ...languages(args),
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
    const lexicon = fromTsv(await readFile(path, 'utf8'), { ...languages(args), id: path });
    printStats(path, lexiconStats(lexicon));
    return;
  }
  throw new UsageError(`unknown lexicon command "${sub ?? ''}"; usage: ${LEXICON_USAGE}`);
}
