/** `xlir eval`: a TREC run scored against qrels, printed as trec_eval prints it. */
import { evaluate, readQrels, readRun, type Evaluation } from '../../eval/index.js';
import { UsageError } from '../errors.js';
import { type CommandArgs, commandSpec } from '../spec.js';

const DEFAULT_METRICS = 'map,mrr@10,ndcg@10,recall@100';

export const EVAL = commandSpec({
  name: 'eval',
  summary: 'score a TREC run against qrels, trec_eval style',
  options: {
    qrels: {
      type: 'string',
      value: 'FILE',
      required: true,
      description: 'relevance judgements: qid 0 docid grade',
    },
    run: {
      type: 'string',
      value: 'FILE',
      required: true,
      description: 'TREC run: qid Q0 docid rank score tag',
    },
    metrics: {
      type: 'string',
      value: 'LIST',
      default: DEFAULT_METRICS,
      description: 'comma-separated measures: map, mrr, ndcg, recall (each with an optional @k) and p@k',
    },
    'per-query': { type: 'boolean', description: "print every query's scores before the means" },
    'no-complete': {
      type: 'boolean',
      description:
        'average over the queries in the run only, not every query of the qrels (trec_eval without -c)',
    },
  },
  examples: [
    'xlir eval --qrels qrels.txt --run run.trec',
    'xlir eval --qrels qrels.txt --run run.trec --metrics ndcg@10,recall@100 --per-query',
  ],
});

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

export async function evalCommand(args: CommandArgs<typeof EVAL.options>): Promise<void> {
  const qrels = await readOrExplain(readQrels, args.qrels, 'qrels');
  const run = await readOrExplain(readRun, args.run, 'run');
  const evaluation = evaluate(qrels, run, args.metrics ?? DEFAULT_METRICS, {
    completeMissing: args['no-complete'] !== true,
  });
  process.stdout.write(formatEvaluation(evaluation, args['per-query'] === true));
}
