/** Query id as written in TREC files: an opaque string, never a number ("007" and "7" differ). */
export type Qid = string;

/** Document id as written in TREC files: an opaque string compared byte-wise (see ranking.ts). */
export type DocId = string;

/** Relevance judgements: qid → docid → graded relevance (> 0 relevant, ≤ 0 not). */
export type Qrels = Map<Qid, Map<DocId, number>>;

/** One retrieved document. Runs carry no rank: the order comes from the score (see ranking.ts). */
export interface RunEntry {
  docid: DocId;
  score: number;
}

/** A system's output: qid → retrieved documents, in any order. */
export type Run = Map<Qid, RunEntry[]>;

/** Topics: qid → query text. */
export type Topics = Map<Qid, string>;
