/** `xlir pairs squad`: English retrieval training examples from SQuAD v1.1, with held-out articles. */
import {
  DEFAULT_BM25_NEGATIVES,
  DEFAULT_NEGATIVES,
  JsonlWriter,
  newSquadStats,
  readSquad,
  type SquadProgress,
} from '../../training-data/index.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { DEFAULT_TRAINING_SEED, parseSeed, requireInputFile } from './training-args.js';

const MAX_NEGATIVES = 100;
/** As deep as `xlir experiment --rerank` goes: deeper lists only add near-zero ratios. */
const MAX_FIRST_STAGE_DEPTH = 1000;

export const PAIRS_SQUAD = commandSpec({
  name: 'pairs squad',
  summary: 'English retrieval training examples (query, positive, negatives) from SQuAD v1.1',
  options: {
    input: {
      type: 'string',
      value: 'train-v1.1.json',
      required: true,
      description: 'the SQuAD v1.1 JSON file',
    },
    out: {
      type: 'string',
      value: 'FILE.jsonl',
      required: true,
      description: 'training examples, one JSON per line',
    },
    'valid-out': {
      type: 'string',
      value: 'FILE.jsonl',
      description: 'validation examples from held-out articles (give with --valid-articles)',
    },
    'valid-articles': { type: 'string', value: 'N', description: 'articles held out for --valid-out' },
    negatives: {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_NEGATIVES),
      description: `negative sentences per example, 0 to ${MAX_NEGATIVES}`,
    },
    'bm25-negatives': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_BM25_NEGATIVES),
      description: 'how many of them are BM25 hits rather than sentences of the same article',
    },
    'first-stage-scores': {
      type: 'string',
      value: 'DEPTH',
      description:
        "also write each passage's BM25 score over the question's best among the top DEPTH sentences (pos_first_stage, neg_first_stage)",
    },
    'bm25-index': {
      type: 'string',
      value: 'URI',
      description:
        'the sentence index BM25 negatives come from: reused if there, else built and kept (default: a temporary one)',
    },
    seed: {
      type: 'string',
      value: 'S',
      default: String(DEFAULT_TRAINING_SEED),
      description: 'seed of the sampling',
    },
    limit: { type: 'string', value: 'N', description: 'stop after N examples, both files together' },
  },
  examples: [
    'xlir pairs squad --input train-v1.1.json --out train.jsonl --valid-out valid.jsonl --valid-articles 20',
  ],
});

export async function pairsSquadCommand(args: CommandArgs<typeof PAIRS_SQUAD.options>): Promise<void> {
  const { input, out } = args;
  const negatives =
    parseNumber(args.negatives, '--negatives', { integer: true, min: 0, max: MAX_NEGATIVES }) ??
    DEFAULT_NEGATIVES;
  const bm25Negatives =
    parseNumber(args['bm25-negatives'], '--bm25-negatives', { integer: true, min: 0, max: negatives }) ??
    Math.min(DEFAULT_BM25_NEGATIVES, negatives);
  const firstStageDepth = parseNumber(args['first-stage-scores'], '--first-stage-scores', {
    integer: true,
    min: 1,
    max: MAX_FIRST_STAGE_DEPTH,
  });
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
      ...(firstStageDepth !== undefined ? { firstStageDepth } : {}),
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
