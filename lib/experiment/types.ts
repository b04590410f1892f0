/** The pieces an experiment is made of: settings, first stages and pluggable ranking systems. */
import type { MetricValues } from '../eval/index.js';
import type { FusionMethod, PhraseTranslation } from '../search/index.js';

/**
 * MoIR: query and documents in one language; CLIR: another language; MLIR: all languages
 * pooled; MLIR-partial: the pool with each question's answer removed from half the languages
 * (partial.ts).
 */
export type Setting = 'moir' | 'clir' | 'mlir' | 'mlir-partial';
export const SETTINGS: readonly Setting[] = ['moir', 'clir', 'mlir', 'mlir-partial'];

/** Settings that search the pooled index of every language. */
export function isMultilingual(setting: Setting): boolean {
  return setting === 'mlir' || setting === 'mlir-partial';
}

/** bm25: the query as analysed in its own language, untranslated; psq: translated per document language. */
export type FirstStageKind = 'bm25' | 'psq';
export const FIRST_STAGES: readonly FirstStageKind[] = ['bm25', 'psq'];

/** A retrieved document handed from one stage to the next. */
export interface Candidate {
  docId: string;
  lang: string;
  score: number;
  title?: string;
  text?: string;
}

export interface RankingQuery {
  qid: string;
  text: string;
  lang: string;
}

/**
 * A stage that orders first-stage candidates (a cross-encoder, say). The experiment gives it the
 * top `depth` candidates of every first-stage system, with stored text when it asks, and
 * evaluates what it returns as a system of its own, named `<first stage>><name>`.
 */
export interface RankingSystem {
  readonly name: string;
  /** How many candidates it reranks; the rest are dropped. */
  readonly depth: number;
  readonly needsText: boolean;
  rank(query: RankingQuery, candidates: readonly Candidate[]): Promise<Candidate[]>;
}

/** A first-stage system as evaluated: its kind, and the fusion it used when it fanned out. */
export interface FirstStageSystem {
  name: string;
  kind: FirstStageKind;
  fusion?: FusionMethod;
}

/** One evaluated run: a system on one language pair of one setting. */
export interface PairResult {
  setting: Setting;
  queryLang: string;
  /** A language, or 'all' for MLIR. */
  docLang: string;
  system: string;
  mean: MetricValues;
  perQuery: Map<string, MetricValues>;
}

/** A paired test between two systems on one pair of one setting, for one metric. */
export interface Comparison {
  setting: Setting;
  queryLang: string;
  docLang: string;
  metric: string;
  a: string;
  b: string;
  meanA: number;
  meanB: number;
  /** Two-sided permutation-test p-value, then Holm-adjusted over every comparison of the metric. */
  p: number;
  pHolm: number;
}

/**
 * A paired test between two systems over every (pair, question) of one setting together: what a
 * claim about the "mean of N" row rests on, where each pair alone may be too small to tell.
 */
export interface PooledComparison {
  setting: Setting;
  metric: string;
  a: string;
  b: string;
  /** Language pairs (or MLIR query languages) pooled, and questions over all of them. */
  pairs: number;
  queries: number;
  meanA: number;
  meanB: number;
  /** Two-sided permutation-test p-value, then Holm-adjusted over the pooled tests of the metric. */
  p: number;
  pHolm: number;
}

export interface ExperimentResults {
  config: {
    dataset: string;
    langs: string[];
    settings: Setting[];
    firstStages: FirstStageKind[];
    queries: number;
    seed: number;
    depth: number;
    metrics: string[];
    lexicons: string[];
    /** How PSQ searched translations of several terms (PHRASE_TRANSLATION). */
    phraseTranslation: PhraseTranslation;
    /** MLIR-partial: per question, the languages whose answer sentence left the pool. */
    partial?: { removedLanguages: number; removed: Record<string, string[]> };
  };
  results: PairResult[];
  comparisons: Comparison[];
  /** Per setting with several pairs, each two systems run on all of them, pooled. */
  pooled: PooledComparison[];
}
