import { EvalError } from './errors.js';
import type { DocId } from './types.js';

/**
 * The supported measures and their trec_eval counterparts:
 * - map: AP, trec_eval `map`; map@k is `map_cut.k` (precision summed over the relevant docs in
 *   the top k, still divided by ALL relevant docs of the query);
 * - mrr: reciprocal rank of the first relevant doc, trec_eval `recip_rank`; mrr@k counts only
 *   the top k (0 when none of them is relevant);
 * - ndcg: trec_eval `ndcg` / `ndcg_cut.k`;
 * - recall@k: trec_eval `recall.k`; recall without k uses every retrieved doc;
 * - p@k: trec_eval `P.k`, always divided by k, even when fewer than k docs were retrieved,
 *   so a short run is not rewarded for stopping early.
 */
export type MetricName = 'map' | 'mrr' | 'ndcg' | 'recall' | 'p';

export interface Metric {
  name: MetricName;
  /** Rank cutoff; Infinity when the metric looks at the whole ranking. */
  k: number;
  /** Canonical name, e.g. "ndcg@10"; the key of this metric in evaluation results. */
  label: string;
}

/** What one query's judgements contribute to every metric, computed once per query. */
export interface QueryJudgements {
  /** Documents with rel > 0: the denominator of AP and recall. */
  numRel: number;
  /** Positive relevance values, highest first: the ideal ranking for nDCG. */
  idealGains: number[];
}

const NAMES: readonly MetricName[] = ['map', 'mrr', 'ndcg', 'recall', 'p'];
/** A Map: the metric "constructor" or "__proto__" is unknown, not a member of Object.prototype. */
const ALIASES: ReadonlyMap<string, MetricName> = new Map([['recip_rank', 'mrr']]);
const NEEDS_CUTOFF: ReadonlySet<MetricName> = new Set(['p']);
const VALID = 'map, map@k, mrr, mrr@k, ndcg, ndcg@k, recall, recall@k, p@k (k a positive integer)';
const SPEC = /^([a-z_]+)(?:@([0-9]+))?$/;

/** Parses one metric such as "ndcg@10", "P@5" or "map" (case-insensitive). */
export function parseMetric(text: string): Metric {
  const spec = text.trim().toLowerCase();
  const match = SPEC.exec(spec);
  const base = match?.[1];
  const name = base === undefined ? undefined : (ALIASES.get(base) ?? NAMES.find((n) => n === base));
  if (match === null || name === undefined) {
    throw new EvalError(`unknown metric '${text.trim()}'; valid metrics: ${VALID}`);
  }
  const cutoff = match[2];
  if (cutoff === undefined) {
    if (NEEDS_CUTOFF.has(name))
      throw new EvalError(`metric '${text.trim()}' needs a cutoff, e.g. ${name}@10`);
    return { name, k: Infinity, label: name };
  }
  const k = Number(cutoff);
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new EvalError(`metric '${text.trim()}': the cutoff must be a positive integer`);
  }
  return { name, k, label: `${name}@${k}` };
}

/**
 * Parses a comma-separated list such as "map,mrr@10,ndcg@10,recall@100,p@5", or a list of
 * names. Repeats of the same metric are dropped (results are keyed by label).
 */
export function parseMetrics(spec: string | readonly string[]): Metric[] {
  const parts = typeof spec === 'string' ? spec.split(',') : spec;
  const metrics = new Map<string, Metric>();
  for (const part of parts) {
    if (part.trim() === '')
      throw new EvalError(`empty metric name in '${String(spec)}'; valid metrics: ${VALID}`);
    const metric = parseMetric(part);
    if (!metrics.has(metric.label)) metrics.set(metric.label, metric);
  }
  if (metrics.size === 0) throw new EvalError(`no metrics given; valid metrics: ${VALID}`);
  return [...metrics.values()];
}

/**
 * Relevance is binary for map, mrr, recall and p: rel > 0 (trec_eval's default relevance
 * level 1 on integer judgements). Negative values (-1: "in the pool, unjudged") count as not
 * relevant, like unjudged documents.
 */
export function judgementsOf(judged: ReadonlyMap<DocId, number> | undefined): QueryJudgements {
  const idealGains: number[] = [];
  for (const rel of judged?.values() ?? []) if (rel > 0) idealGains.push(rel);
  idealGains.sort((a, b) => b - a);
  return { numRel: idealGains.length, idealGains };
}

/** nDCG discount of 0-based position i (rank i + 1): log2(rank + 1), as trec_eval 9.0.5+ does. */
function discount(i: number): number {
  return Math.log2(i + 2);
}

function averagePrecision(rels: readonly number[], k: number, numRel: number): number {
  if (numRel === 0) return 0;
  let found = 0;
  let sum = 0;
  const depth = Math.min(k, rels.length);
  for (let i = 0; i < depth; i++) {
    if (rels[i]! > 0) sum += ++found / (i + 1);
  }
  return sum / numRel;
}

function reciprocalRank(rels: readonly number[], k: number): number {
  const depth = Math.min(k, rels.length);
  for (let i = 0; i < depth; i++) if (rels[i]! > 0) return 1 / (i + 1);
  return 0;
}

function relevantInTop(rels: readonly number[], k: number): number {
  let found = 0;
  const depth = Math.min(k, rels.length);
  for (let i = 0; i < depth; i++) if (rels[i]! > 0) found++;
  return found;
}

/**
 * trec_eval's ndcg_cut: linear gain (gain = rel, only rel > 0 counts), discount log2(rank + 1),
 * ideal DCG from the qrels' positive judgements cut at the same k. With no positive
 * judgement the ideal DCG is 0 and trec_eval leaves the (then also 0) DCG unnormalised: 0.
 */
function ndcg(rels: readonly number[], k: number, idealGains: readonly number[]): number {
  let dcg = 0;
  const depth = Math.min(k, rels.length);
  for (let i = 0; i < depth; i++) {
    const gain = rels[i]!;
    if (gain > 0) dcg += gain / discount(i);
  }
  let ideal = 0;
  const idealDepth = Math.min(k, idealGains.length);
  for (let i = 0; i < idealDepth; i++) ideal += idealGains[i]! / discount(i);
  return ideal > 0 ? dcg / ideal : 0;
}

/**
 * Value of one metric for one query. `rels` are the relevance values of the retrieved docs in
 * rank order (0 for docs the qrels do not judge).
 */
export function computeMetric(metric: Metric, rels: readonly number[], judgements: QueryJudgements): number {
  const { k } = metric;
  switch (metric.name) {
    case 'map':
      return averagePrecision(rels, k, judgements.numRel);
    case 'mrr':
      return reciprocalRank(rels, k);
    case 'ndcg':
      return ndcg(rels, k, judgements.idealGains);
    case 'recall':
      return judgements.numRel === 0 ? 0 : relevantInTop(rels, k) / judgements.numRel;
    case 'p':
      return relevantInTop(rels, k) / k;
  }
}
