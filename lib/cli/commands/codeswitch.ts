/** `xlir codeswitch`: BL-CS, ML-CS or Wiki-CS over training examples (`xlir codeswitch stats` describes the result). */
import { basename } from 'node:path';
import { exampleSwitcher, type ExampleMode } from '../../codeswitch/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { INPUT_FORMATS, isInputFormat, openExamples, type InputFormat } from '../../training-data/index.js';
import { requireString, parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { languageList } from '../languages.js';
import { type CommandArgs, commandSpec, usageLine } from '../spec.js';
import {
  DEFAULT_TRAINING_SEED,
  LEXICON_OPTION,
  parseSeed,
  readLexicons,
  requireInputFile,
  SOURCE_LANG,
  transformExamples,
} from './training-args.js';

const DEFAULT_P = 0.5;
const METHODS = { bl: 'bl-cs', ml: 'ml-cs', wiki: 'wiki-cs' } as const;

export const CODESWITCH = commandSpec({
  name: 'codeswitch',
  summary: 'code-switch English training examples into other languages with lexicons (BL-CS, ML-CS, Wiki-CS)',
  options: {
    mode: {
      type: 'string',
      value: Object.keys(METHODS).join('|'),
      required: true,
      description:
        'bl: towards one query/doc language pair; ml: each example towards one of --langs; wiki: titles',
    },
    input: { type: 'string', value: 'FILE', required: true, description: 'English training examples' },
    'input-format': {
      type: 'string',
      value: 'FORMAT',
      choices: ['auto', ...INPUT_FORMATS],
      default: 'auto',
      description: 'how --input is read; auto tells from its first line',
    },
    lexicon: { ...LEXICON_OPTION, required: true },
    'query-lang': {
      type: 'string',
      value: 'xx',
      language: 'tag',
      description: 'bl and wiki: the language queries are switched into (en: left alone)',
    },
    'doc-lang': {
      type: 'string',
      value: 'yy',
      language: 'tag',
      description: 'bl and wiki: the language passages are switched into (en: left alone)',
    },
    langs: {
      type: 'string',
      value: 'de,es,ru',
      language: 'list',
      description: 'ml (and wiki instead of a pair): the languages switched into',
    },
    p: {
      type: 'string',
      value: 'P',
      default: String(DEFAULT_P),
      description: 'probability that a word with a translation is switched, 0 to 1',
    },
    seed: {
      type: 'string',
      value: 'S',
      default: String(DEFAULT_TRAINING_SEED),
      description: 'seed of the switching',
    },
    'protect-stopwords': { type: 'boolean', description: 'never switch English stopwords' },
    out: { type: 'string', value: 'FILE.jsonl', required: true, description: 'the code-switched examples' },
  },
  notes: ['give --query-lang and --doc-lang, or --langs, not both'],
  examples: [
    'xlir codeswitch --mode bl --input train.jsonl --lexicon de=en-de.tsv --query-lang en --doc-lang de --p 0.5 --out bl-en-de.jsonl',
    'xlir codeswitch --mode ml --input train.jsonl --lexicon de=en-de.tsv --lexicon ru=en-ru.tsv --langs de,ru --out ml.jsonl',
  ],
});

function parseMode(args: CommandArgs<typeof CODESWITCH.options>): ExampleMode {
  const usage = usageLine(CODESWITCH);
  const name = args.mode;
  if (!Object.hasOwn(METHODS, name)) throw new UsageError(`unknown --mode "${name}"; use bl, ml or wiki`);
  const method = METHODS[name as keyof typeof METHODS];
  const pair = args['query-lang'] !== undefined || args['doc-lang'] !== undefined;
  const langs = args.langs === undefined ? undefined : languageList(args.langs);
  if (pair && langs !== undefined) throw new UsageError('give --query-lang/--doc-lang or --langs, not both');
  if (method === 'ml-cs' || (method === 'wiki-cs' && langs !== undefined)) {
    if (pair)
      throw new UsageError(`--mode ${name} switches towards --langs, not a --query-lang/--doc-lang pair`);
    if (langs === undefined || langs.length === 0) throw new UsageError(`--mode ${name} needs --langs xx,yy`);
    return { method, langs };
  }
  const queryLang = canonicalLanguage(requireString(args['query-lang'], '--query-lang', usage));
  const docLang = canonicalLanguage(requireString(args['doc-lang'], '--doc-lang', usage));
  if (queryLang === SOURCE_LANG && docLang === SOURCE_LANG) {
    throw new UsageError(`--query-lang and --doc-lang are both ${SOURCE_LANG}: nothing would be switched`);
  }
  return { method, queryLang, docLang };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

export async function codeswitchCommand(args: CommandArgs<typeof CODESWITCH.options>): Promise<void> {
  const mode = parseMode(args);
  const { input, out } = args;
  const format = args['input-format'] ?? 'auto';
  if (format !== 'auto' && !isInputFormat(format)) {
    throw new UsageError(`unknown --input-format "${format}"; use auto, msmarco, jsonl or squad`);
  }
  const p = parseNumber(args.p, '--p', { min: 0, max: 1 }) ?? DEFAULT_P;
  const seed = parseSeed(args.seed);
  await requireInputFile(input);
  const lexicons = await readLexicons(args.lexicon);
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
  const totals = { query: [0, 0], passage: [0, 0] };
  let used: string[] = [];
  const count = await transformExamples(source, out, 'codeswitch', (example, index) => {
    const switched = switcher(example, index);
    used = switched.provenance.lexicons;
    totals.query[0]! += switched.switches.query[0];
    totals.query[1]! += switched.switches.query[2];
    for (const [s, , tokens] of [...switched.switches.pos, ...switched.switches.neg]) {
      totals.passage[0]! += s;
      totals.passage[1]! += tokens;
    }
    return switched;
  });
  console.log(
    `code-switched ${count} ${source.format} examples (${mode.method}, p=${p}, seed=${seed}) into ${out}: ${percent(totals.query[0]!, totals.query[1]!)} of query and ${percent(totals.passage[0]!, totals.passage[1]!)} of passage tokens switched`,
  );
  const unused = lexicons.filter((l) => !used.includes(l.id));
  if (count > 0 && unused.length > 0) {
    console.error(`note: unused lexicon(s): ${unused.map((l) => `${l.tgtLang}=${l.id}`).join(', ')}`);
  }
}
