/** `xlir lexicon induce|eval`: lexicons from aligned word embeddings, and their BLI precision. */
import { readFile, writeFile } from 'node:fs/promises';
import { fromTsv, LexiconError, lexiconStats, toTsv } from '../../lexicon/index.js';
import {
  evaluateBli,
  induce,
  type InduceMethod,
  readGold,
  readVec,
  type ReadVecResult,
} from '../../lexicon/node.js';
// Defaults only, for help: lib/lexicon's public surface does not carry them.
import {
  DEFAULT_CSLS_K,
  DEFAULT_MAX_VOCAB,
  DEFAULT_TOP_K,
  MAX_TOP_K,
} from '../../lexicon/induce/constants.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { DIRECTION_OPTIONS, languages, printStats, requireReadable } from './lexicon-shared.js';

const METHODS: readonly InduceMethod[] = ['csls', 'nn'];
const DEFAULT_METHOD: InduceMethod = 'csls';

export const LEXICON_INDUCE = commandSpec({
  name: 'lexicon induce',
  summary: 'induce a lexicon from aligned word embeddings (nearest neighbours or CSLS)',
  options: {
    'src-vec': {
      type: 'string',
      value: 'A.vec',
      required: true,
      description: 'source-language embeddings, fastText .vec',
    },
    'tgt-vec': {
      type: 'string',
      value: 'B.vec',
      required: true,
      description: 'target-language embeddings in the same space',
    },
    ...DIRECTION_OPTIONS,
    out: { type: 'string', value: 'FILE.tsv', required: true, description: 'the lexicon written' },
    method: {
      type: 'string',
      value: METHODS.join('|'),
      default: DEFAULT_METHOD,
      description: 'csls corrects for hubs (words near everything); nn is plain cosine',
    },
    'top-k': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_TOP_K),
      description: `translations kept per source word, 1 to ${MAX_TOP_K}`,
    },
    'max-vocab': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_MAX_VOCAB),
      description: 'read only the first N words of each file, the most frequent',
    },
    'csls-k': {
      type: 'string',
      value: 'K',
      default: String(DEFAULT_CSLS_K),
      description: "neighbours CSLS averages over to measure a word's hubness",
    },
    threads: { type: 'string', value: 'N', default: 'one per CPU', description: 'onnxruntime threads' },
    id: { type: 'string', value: 'ID', description: 'name of the lexicon (default: induce:METHOD:A.vec)' },
  },
  examples: [
    'xlir lexicon induce --src-vec wiki.en.vec --tgt-vec wiki.de.vec --src-lang en --tgt-lang de --out en-de.tsv',
    'xlir lexicon induce --src-vec a.vec --tgt-vec b.vec --src-lang en --tgt-lang ru --method nn --top-k 3 --max-vocab 50000 --out en-ru.tsv',
  ],
});

export const LEXICON_EVAL = commandSpec({
  name: 'lexicon eval',
  summary: 'bilingual lexicon induction precision (P@1, P@5) of a lexicon against a gold dictionary',
  options: {
    lexicon: { type: 'string', value: 'FILE.tsv', required: true, description: 'the lexicon to score' },
    gold: {
      type: 'string',
      value: 'GOLD',
      required: true,
      description: 'gold dictionary: one "src tgt" pair per line (MUSE style)',
    },
    ...DIRECTION_OPTIONS,
  },
  examples: ['xlir lexicon eval --lexicon en-de.tsv --gold en-de.5000-6500.txt --src-lang en --tgt-lang de'],
});

function describeRead(side: string, path: string, { embeddings, skipped }: ReadVecResult): string {
  return (
    `${side}: ${embeddings.words.length} words × ${embeddings.dim} dims from ${path} ` +
    `(skipped ${skipped.noLetter} numbers/punctuation, ${skipped.malformed} malformed, ${skipped.duplicate} duplicates)`
  );
}

export async function lexiconInduceCommand(args: CommandArgs<typeof LEXICON_INDUCE.options>): Promise<void> {
  const { out, 'src-vec': srcVec, 'tgt-vec': tgtVec } = args;
  const langs = languages(args);
  const method = (args.method ?? DEFAULT_METHOD) as InduceMethod;
  if (!METHODS.includes(method)) {
    throw new UsageError(`unknown --method "${args.method}"; use one of ${METHODS.join(', ')}`);
  }
  const topK = parseNumber(args['top-k'], '--top-k', { integer: true, min: 1, max: 5 });
  const maxVocab = parseNumber(args['max-vocab'], '--max-vocab', { integer: true, min: 1 });
  const k = parseNumber(args['csls-k'], '--csls-k', { integer: true, min: 1 });
  const threads = parseNumber(args.threads, '--threads', { integer: true, min: 1 });
  await requireReadable([srcVec, tgtVec]);

  const readOptions = maxVocab === undefined ? {} : { maxVocab };
  const [src, tgt] = await Promise.all([readVec(srcVec, readOptions), readVec(tgtVec, readOptions)]);
  console.log(describeRead('source', srcVec, src));
  console.log(describeRead('target', tgtVec, tgt));
  const bar = progressBar(`inducing (${method})`);
  const lexicon = await induce(src.embeddings, tgt.embeddings, {
    ...langs,
    id: args.id ?? `induce:${method}:${srcVec}`,
    method,
    ...(topK === undefined ? {} : { topK }),
    ...(k === undefined ? {} : { k }),
    ...(threads === undefined ? {} : { threads }),
    onProgress: (done, total) => bar.update(done, total, `${(done / 1e9).toFixed(2)}G pairs`),
  }).finally(() => bar.finish());
  await writeFile(out, toTsv(lexicon));
  printStats(`wrote ${out}`, lexiconStats(lexicon));
}

export async function lexiconEvalCommand(args: CommandArgs<typeof LEXICON_EVAL.options>): Promise<void> {
  const { lexicon: path, gold: goldPath } = args;
  const langs = languages(args);
  await requireReadable([path, goldPath]);
  const lexicon = fromTsv(await readFile(path, 'utf8'), { ...langs, id: path });
  if (lexicon.size === 0) throw new LexiconError(`lexicon ${path} is empty`);
  const { gold, skipped } = await readGold(goldPath, { ...langs, id: goldPath });
  const scores = evaluateBli(lexicon, gold);
  const coverage = (100 * scores.coverage).toFixed(1);
  console.log(`P@1 ${scores.precisionAt1.toFixed(4)}`);
  console.log(`P@5 ${scores.precisionAt5.toFixed(4)}`);
  console.log(`coverage ${scores.covered}/${scores.total} gold source words (${coverage}%)`);
  if (skipped > 0) console.error(`note: ${skipped} gold line(s) could not be used`);
}
