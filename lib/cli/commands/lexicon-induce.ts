/** `xlir lexicon induce|eval`: lexicons from aligned word embeddings, and their BLI precision. */
import { readFile, writeFile } from 'node:fs/promises';
import {
  evaluateBli,
  fromTsv,
  induce,
  type InduceMethod,
  LexiconError,
  lexiconStats,
  readGold,
  readVec,
  type ReadVecResult,
  toTsv,
} from '../../lexicon/index.js';
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { languages, printStats, requireReadable } from './lexicon-shared.js';

export const INDUCE_USAGE =
  'xlir lexicon induce --src-vec A.vec --tgt-vec B.vec --src-lang xx --tgt-lang yy --out FILE.tsv [--method csls|nn] [--top-k 5] [--max-vocab 200000] [--csls-k 10] [--threads N] [--id ID]';
export const EVAL_LEXICON_USAGE =
  'xlir lexicon eval --lexicon FILE.tsv --gold GOLD --src-lang xx --tgt-lang yy';

const METHODS: readonly InduceMethod[] = ['csls', 'nn'];

function describeRead(side: string, path: string, { embeddings, skipped }: ReadVecResult): string {
  return (
    `${side}: ${embeddings.words.length} words × ${embeddings.dim} dims from ${path} ` +
    `(skipped ${skipped.noLetter} numbers/punctuation, ${skipped.malformed} malformed, ${skipped.duplicate} duplicates)`
  );
}

export async function lexiconInduceCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    {
      'src-vec': { type: 'string' },
      'tgt-vec': { type: 'string' },
      'src-lang': { type: 'string' },
      'tgt-lang': { type: 'string' },
      method: { type: 'string', default: 'csls' },
      'top-k': { type: 'string' },
      'max-vocab': { type: 'string' },
      'csls-k': { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string' },
    },
    INDUCE_USAGE,
  );
  const srcVec = requireString(args['src-vec'], '--src-vec', INDUCE_USAGE);
  const tgtVec = requireString(args['tgt-vec'], '--tgt-vec', INDUCE_USAGE);
  const out = requireString(args.out, '--out', INDUCE_USAGE);
  const langs = languages(args, INDUCE_USAGE);
  const method = args.method as InduceMethod;
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

export async function lexiconEvalCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    {
      lexicon: { type: 'string' },
      gold: { type: 'string' },
      'src-lang': { type: 'string' },
      'tgt-lang': { type: 'string' },
    },
    EVAL_LEXICON_USAGE,
  );
  const path = requireString(args.lexicon, '--lexicon', EVAL_LEXICON_USAGE);
  const goldPath = requireString(args.gold, '--gold', EVAL_LEXICON_USAGE);
  const langs = languages(args, EVAL_LEXICON_USAGE);
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
