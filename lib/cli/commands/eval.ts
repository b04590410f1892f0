import { evaluate, readQrels, readRun, type Evaluation } from '../../eval/index.js';
import { parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';

export const EVAL_USAGE =
  'xlir eval --qrels FILE --run FILE [--metrics map,mrr@10,ndcg@10,recall@100] [--per-query] [--no-complete]';
const DEFAULT_METRICS = 'map,mrr@10,ndcg@10,recall@100';

/** trec_eval's layout: measure name padded, then qid (or "all"), then the value. */
export function formatEvaluation(evaluation: Evaluation, perQuery: boolean): string {
  const row = (metric: string, qid: string, value: string) => `${metric.padEnd(22)}\t${qid}\t${value}\n`;
  let out = '';
  if (perQuery) {
    for (const [qid, values] of evaluation.perQuery) {
      for (const [metric, value] of Object.entries(values)) out += row(metric, qid, value.toFixed(4));
    }
  }
  out += row('num_q', 'all', String(evaluation.perQuery.size));
  for (const [metric, value] of Object.entries(evaluation.mean)) out += row(metric, 'all', value.toFixed(4));
  return out;
}

async function readOrExplain<T>(read: (path: string) => Promise<T>, path: string, what: string): Promise<T> {
  try {
    return await read(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`cannot read ${what} file ${path}`);
    throw error;
  }
}

export async function evalCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    {
      qrels: { type: 'string' },
      run: { type: 'string' },
      metrics: { type: 'string' },
      'per-query': { type: 'boolean' },
      'no-complete': { type: 'boolean' },
    },
    EVAL_USAGE,
  );
  const qrels = await readOrExplain(readQrels, requireString(args.qrels, '--qrels', EVAL_USAGE), 'qrels');
  const run = await readOrExplain(readRun, requireString(args.run, '--run', EVAL_USAGE), 'run');
  const evaluation = evaluate(qrels, run, args.metrics ?? DEFAULT_METRICS, {
    completeMissing: args['no-complete'] !== true,
  });
  process.stdout.write(formatEvaluation(evaluation, args['per-query'] === true));
}
