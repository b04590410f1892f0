/** `xlir pairs squad`: English retrieval training examples from SQuAD v1.1, with held-out articles. */
import {
  DEFAULT_BM25_NEGATIVES,
  DEFAULT_NEGATIVES,
  JsonlWriter,
  newSquadStats,
  readSquad,
  type SquadProgress,
} from '../../codeswitch/index.js';
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { parseSeed, requireInputFile } from './training-args.js';

export const PAIRS_USAGE =
  'xlir pairs squad --input train-v1.1.json --out train.jsonl [--valid-out valid.jsonl --valid-articles N] [--negatives 4] [--bm25-negatives 1] [--bm25-index URI] [--seed S] [--limit N]';

const MAX_NEGATIVES = 100;

export async function pairsCommand(argv: string[]): Promise<void> {
  const [source, ...rest] = argv;
  if (source !== 'squad') {
    throw new UsageError(`unknown pairs source "${source ?? ''}"; usage: ${PAIRS_USAGE}`);
  }
  const args = parseCommandArgs(
    rest,
    {
      input: { type: 'string' },
      out: { type: 'string' },
      'valid-out': { type: 'string' },
      'valid-articles': { type: 'string' },
      negatives: { type: 'string' },
      'bm25-negatives': { type: 'string' },
      'bm25-index': { type: 'string' },
      seed: { type: 'string' },
      limit: { type: 'string' },
    },
    PAIRS_USAGE,
  );
  const input = requireString(args.input, '--input', PAIRS_USAGE);
  const out = requireString(args.out, '--out', PAIRS_USAGE);
  const negatives =
    parseNumber(args.negatives, '--negatives', { integer: true, min: 0, max: MAX_NEGATIVES }) ??
    DEFAULT_NEGATIVES;
  const bm25Negatives =
    parseNumber(args['bm25-negatives'], '--bm25-negatives', { integer: true, min: 0, max: negatives }) ??
    Math.min(DEFAULT_BM25_NEGATIVES, negatives);
  const validArticles = parseNumber(args['valid-articles'], '--valid-articles', { integer: true, min: 1 });
  const limit = parseNumber(args.limit, '--limit', { integer: true, min: 1 });
  const validOut = args['valid-out'];
  if ((validOut === undefined) !== (validArticles === undefined)) {
    throw new UsageError('--valid-out and --valid-articles go together: give both or neither');
  }
  await requireInputFile(input);

  const stats = newSquadStats();
  const bar = progressBar('pairs');
  const onProgress = (p: SquadProgress): void =>
    bar.update(p.bytesRead, p.totalBytes, p.phase === 'scan' ? 'indexing sentences' : 'writing examples');
  const train = await JsonlWriter.open(out);
  const valid = validOut === undefined ? undefined : await JsonlWriter.open(validOut);
  try {
    for await (const item of readSquad(input, {
      seed: parseSeed(args.seed),
      negatives,
      bm25Negatives,
      ...(validArticles !== undefined ? { validArticles } : {}),
      ...(args['bm25-index'] !== undefined ? { bm25Index: args['bm25-index'] } : {}),
      onProgress,
      stats,
    })) {
      await (item.split === 'valid' ? (valid as JsonlWriter) : train).write(item.example);
      if (limit !== undefined && train.count + (valid?.count ?? 0) >= limit) break;
    }
  } finally {
    bar.finish();
    await train.close();
    await valid?.close();
  }
  console.log(
    `wrote ${train.count} training examples to ${out}` +
      (valid
        ? `, ${valid.count} validation examples from ${validArticles} held-out articles to ${validOut}`
        : ''),
  );
  if (stats.noPositive > 0)
    console.error(`note: skipped ${stats.noPositive} question(s) whose answer starts in no sentence`);
  if (stats.shortNegatives > 0)
    console.error(`note: ${stats.shortNegatives} example(s) have fewer than ${negatives} negatives`);
  if (stats.bm25Fallbacks > 0)
    console.error(`note: ${stats.bm25Fallbacks} example(s) took a BM25 negative's place from the article`);
}
