/** `xlir codeswitch`: BL-CS, ML-CS or Wiki-CS over training examples; `xlir codeswitch stats` on the result. */
import { basename } from 'node:path';
import {
  exampleSwitcher,
  isInputFormat,
  JsonlWriter,
  openExamples,
  type ExampleMode,
  type InputFormat,
} from '../../codeswitch/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { statsCommand } from './codeswitch-stats.js';
import { parseSeed, readLexicons, requireInputFile, SOURCE_LANG } from './training-args.js';

export const CODESWITCH_USAGE =
  'xlir codeswitch --mode bl|ml|wiki --input FILE [--input-format auto|msmarco|jsonl|squad] --lexicon LANG=FILE.tsv [--lexicon ...] (--query-lang xx --doc-lang yy | --langs de,es,ru) [--p 0.5] [--seed S] [--protect-stopwords] --out FILE.jsonl | xlir codeswitch stats --input FILE.jsonl [--lexicon LANG=FILE.tsv ...] [--json]';

const DEFAULT_P = 0.5;
const METHODS = { bl: 'bl-cs', ml: 'ml-cs', wiki: 'wiki-cs' } as const;

function parseMode(args: {
  mode?: string;
  'query-lang'?: string;
  'doc-lang'?: string;
  langs?: string;
}): ExampleMode {
  const name = requireString(args.mode, '--mode', CODESWITCH_USAGE);
  if (!Object.hasOwn(METHODS, name)) throw new UsageError(`unknown --mode "${name}"; use bl, ml or wiki`);
  const method = METHODS[name as keyof typeof METHODS];
  const pair = args['query-lang'] !== undefined || args['doc-lang'] !== undefined;
  const langs = args.langs
    ?.split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  if (pair && langs !== undefined) throw new UsageError('give --query-lang/--doc-lang or --langs, not both');
  if (method === 'ml-cs' || (method === 'wiki-cs' && langs !== undefined)) {
    if (pair)
      throw new UsageError(`--mode ${name} switches towards --langs, not a --query-lang/--doc-lang pair`);
    if (langs === undefined || langs.length === 0) throw new UsageError(`--mode ${name} needs --langs xx,yy`);
    return { method, langs };
  }
  const queryLang = canonicalLanguage(requireString(args['query-lang'], '--query-lang', CODESWITCH_USAGE));
  const docLang = canonicalLanguage(requireString(args['doc-lang'], '--doc-lang', CODESWITCH_USAGE));
  if (queryLang === SOURCE_LANG && docLang === SOURCE_LANG) {
    throw new UsageError(`--query-lang and --doc-lang are both ${SOURCE_LANG}: nothing would be switched`);
  }
  return { method, queryLang, docLang };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

export async function codeswitchCommand(argv: string[]): Promise<void> {
  if (argv[0] === 'stats') return statsCommand(argv.slice(1));
  const args = parseCommandArgs(
    argv,
    {
      mode: { type: 'string' },
      input: { type: 'string' },
      'input-format': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      'query-lang': { type: 'string' },
      'doc-lang': { type: 'string' },
      langs: { type: 'string' },
      p: { type: 'string' },
      seed: { type: 'string' },
      'protect-stopwords': { type: 'boolean' },
      out: { type: 'string' },
    },
    CODESWITCH_USAGE,
  );
  const mode = parseMode(args);
  const input = requireString(args.input, '--input', CODESWITCH_USAGE);
  const out = requireString(args.out, '--out', CODESWITCH_USAGE);
  const format = args['input-format'] ?? 'auto';
  if (format !== 'auto' && !isInputFormat(format)) {
    throw new UsageError(`unknown --input-format "${format}"; use auto, msmarco, jsonl or squad`);
  }
  const p = parseNumber(args.p, '--p', { min: 0, max: 1 }) ?? DEFAULT_P;
  const seed = parseSeed(args.seed);
  await requireInputFile(input);
  const lexicons = await readLexicons(args.lexicon ?? []);
  const switcher = exampleSwitcher({
    mode,
    lexicons,
    p,
    seed,
    protectStopwords: args['protect-stopwords'] === true,
    source: basename(input),
    sourceLang: SOURCE_LANG,
  });
  const source = await openExamples(input, format as InputFormat | 'auto', { squad: { seed } });
  const bar = progressBar('codeswitch');
  const writer = await JsonlWriter.open(out);
  const totals = { query: [0, 0], passage: [0, 0] };
  let used: string[] = [];
  try {
    let index = 0;
    for await (const example of source.examples) {
      const switched = switcher(example, index);
      used = switched.provenance.lexicons;
      totals.query[0]! += switched.switches.query[0];
      totals.query[1]! += switched.switches.query[2];
      for (const [s, , tokens] of [...switched.switches.pos, ...switched.switches.neg]) {
        totals.passage[0]! += s;
        totals.passage[1]! += tokens;
      }
      await writer.write(switched);
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
  console.log(
    `code-switched ${writer.count} ${source.format} examples (${mode.method}, p=${p}, seed=${seed}) into ${out}: ${percent(totals.query[0]!, totals.query[1]!)} of query and ${percent(totals.passage[0]!, totals.passage[1]!)} of passage tokens switched`,
  );
  const unused = lexicons.filter((l) => !used.includes(l.id));
  if (writer.count > 0 && unused.length > 0) {
    console.error(`note: unused lexicon(s): ${unused.map((l) => `${l.tgtLang}=${l.id}`).join(', ')}`);
  }
}
