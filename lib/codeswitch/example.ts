/**
 * Training examples and their code-switched form. The JSONL schema (field names, the [switched,
 * covered, tokens] triples) is read by the Python trainer, so it must not change shape.
 */

/** One query with its positive and negative passages, as every reader yields it. */
export interface TrainingExample {
  id: string;
  query: string;
  pos: string[];
  neg: string[];
  query_lang: string;
  doc_lang: string;
  /** Source article (SQuAD title), when the example came from one. */
  article?: string;
  /** Where each negative came from, aligned with `neg` (SQuAD: paragraph, article, bm25). */
  neg_sources?: string[];
  /** Fields of a JSONL input record beyond these are carried through unchanged. */
  [extra: string]: unknown;
}

/** [switched, covered, tokens] of one text: replaced words, words a lexicon covers, all words. */
export type SwitchCounts = [switched: number, covered: number, tokens: number];

/** rt-cs: the round trip (round-trip.ts), switched into one language and glossed back into English. */
export type SwitchMethod = 'bl-cs' | 'ml-cs' | 'wiki-cs' | 'rt-cs';

export interface Provenance {
  method: SwitchMethod;
  p: number;
  /** The target languages the run was configured with. */
  languages: string[];
  /** Ids of the lexicons the run used. */
  lexicons: string[];
  seed: number;
  /** The input the example was read from. */
  source: string;
}

export interface CodeSwitchedExample extends TrainingExample {
  switches: { query: SwitchCounts; pos: SwitchCounts[]; neg: SwitchCounts[] };
  provenance: Provenance;
}

/** Language tag of a side switched by ML-CS: its words come from several languages. */
export const MULTILINGUAL_TAG = 'mul';
