import { EvalError } from './errors.js';
import { computeMetric, judgementsOf, parseMetrics, type Metric } from './metrics.js';
import { compareQids, rankEntries } from './ranking.js';
import type { Qid, Qrels, Run, RunEntry } from './types.js';

export interface EvaluateOptions {
  /**
   * trec_eval's `-c` (default true): evaluate every query of the qrels; a query the run does
   * not answer scores 0 on every metric. Without it a system that returns nothing for its
   * hardest queries would be averaged over the easy ones only and look better than it is.
   * false: only queries in both the run and the qrels, trec_eval's default.
   */
  completeMissing?: boolean;
  /** trec_eval's `-M`: evaluate only the first n documents of each query's ranking. */
  maxDocsPerQuery?: number;
}

/** Metric values keyed by metric label, e.g. { map: 0.31, 'ndcg@10': 0.52 }. */
export type MetricValues = Record<string, number>;

export interface Evaluation {
  metrics: Metric[];
  /** Each evaluated query's values, queries in compareQids order. */
  perQuery: Map<Qid, MetricValues>;
  /** Arithmetic mean over the evaluated queries. */
  mean: MetricValues;
}

/** trec_eval refuses duplicate docids in a query (form_res_rels.c); so do we, for Map-built runs too. */
function checkEntries(qid: Qid, entries: readonly RunEntry[]): void {
  const seen = new Set<string>();
  for (const { docid, score } of entries) {
    if (Number.isNaN(score)) throw new EvalError(`score of docid '${docid}' for query '${qid}' is NaN`);
    if (seen.has(docid)) throw new EvalError(`duplicate docid '${docid}' for query '${qid}' in the run`);
    seen.add(docid);
  }
}

/**
 * Which queries count. Queries in the run but not in the qrels are ignored: nothing says what
 * is relevant for them (trec_eval: "queries for which there is no relevance information are
 * ignored"). Queries in the qrels with no relevant document (only rel ≤ 0 judgements) ARE
 * evaluated and score 0 on every metric, and they count in the mean: trec_eval 9.x does this
 * (its changelog notes that only very old versions skipped them), so our means match its.
 */
function evaluatedQids(qrels: Qrels, run: Run, completeMissing: boolean): Qid[] {
  const qids = [...qrels.keys()].filter((qid) => completeMissing || run.has(qid));
  return qids.sort(compareQids);
}

/**
 * Evaluates a run against qrels with trec_eval semantics: each query's documents are ranked by
 * score, ties broken by docid descending (ranking.ts), the rank column being irrelevant.
 */
export function evaluate(
  qrels: Qrels,
  run: Run,
  metrics: readonly Metric[] | string,
  options: EvaluateOptions = {},
): Evaluation {
  const list = typeof metrics === 'string' ? parseMetrics(metrics) : [...metrics];
  if (list.length === 0) throw new EvalError('no metrics given');
  const maxDocs = options.maxDocsPerQuery ?? Infinity;
  if (!(maxDocs >= 1) || (maxDocs !== Infinity && !Number.isSafeInteger(maxDocs))) {
    throw new EvalError(`maxDocsPerQuery must be a positive integer, got ${maxDocs}`);
  }
  const qids = evaluatedQids(qrels, run, options.completeMissing ?? true);
  if (qids.length === 0) {
    // trec_eval exits with an error here too; a mean over nothing would be a silent NaN.
    throw new EvalError('no queries to evaluate: the qrels are empty or share no query with the run');
  }
  const perQuery = new Map<Qid, MetricValues>();
  const sums = new Array<number>(list.length).fill(0);
  for (const qid of qids) {
    const judged = qrels.get(qid);
    const entries = run.get(qid) ?? [];
    checkEntries(qid, entries);
    const ranked = rankEntries(entries).slice(0, maxDocs);
    const rels = ranked.map((e) => judged?.get(e.docid) ?? 0);
    const judgements = judgementsOf(judged);
    const values: MetricValues = {};
    list.forEach((metric, m) => {
      const value = computeMetric(metric, rels, judgements);
      values[metric.label] = value;
      sums[m]! += value;
    });
    perQuery.set(qid, values);
  }
  const mean: MetricValues = {};
  list.forEach((metric, m) => (mean[metric.label] = sums[m]! / qids.length));
  return { metrics: list, perQuery, mean };
}

/** Per-query values of one metric from two evaluations, aligned by qid, for significance tests. */
export interface PairedScores {
  qids: Qid[];
  a: number[];
  b: number[];
}

/**
 * Aligns two systems' per-query values of `label`. Both must have evaluated the same queries:
 * a paired test over different query sets would compare different things.
 */
export function pairedScores(a: Evaluation, b: Evaluation, label: string): PairedScores {
  const qids = [...a.perQuery.keys()];
  const missing =
    qids.find((qid) => !b.perQuery.has(qid)) ?? [...b.perQuery.keys()].find((q) => !a.perQuery.has(q));
  if (missing !== undefined) {
    throw new EvalError(
      `the evaluations cover different queries (e.g. '${missing}'); evaluate both with the same qrels`,
    );
  }
  const pick = (e: Evaluation, qid: Qid): number => {
    const value = e.perQuery.get(qid)?.[label];
    if (value === undefined) throw new EvalError(`metric '${label}' was not evaluated`);
    return value;
  };
  return { qids, a: qids.map((q) => pick(a, q)), b: qids.map((q) => pick(b, q)) };
}
