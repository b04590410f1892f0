/**
 * MLIR-partial: the MLIR pool with, for each question, its answer sentence removed from some of
 * the languages, so those languages hold nothing relevant. Full MLIR has a relevant document in
 * every language, which flatters fusions that give every language's best hit the same score
 * (min-max); real collections rarely have an answer in every language.
 *
 * The pool is not rebuilt per question (1,190 indexes): the removed sentences are filtered out
 * of the candidate lists before fusion, each list searched deep enough that its top k after
 * filtering is exactly the top k of the reduced pool. Collection statistics (N, df, avgdl) still
 * count the removed sentences, which at one sentence per language in ~1,200 moves an idf by
 * well under 0.1% and orders nothing differently within a list.
 */
import { createHash } from 'node:crypto';
import type { XquadRLanguage } from '../datasets/index.js';
import { mulberry32, type DocId, type Qid, type Qrels } from '../eval/index.js';
import { PARTIAL_REMOVED_SHARE } from './constants.js';

/** What one question lost: the languages whose answer sentence left the pool, and those sentences. */
export interface Removal {
  langs: string[];
  docs: DocId[];
}

/** Question id → its removal, in qid order. */
export type Removals = Map<Qid, Removal>;

/** How many of `languages` languages lose their relevant sentence: half, rounded down, at least one. */
export function removedLanguageCount(languages: number): number {
  return Math.max(1, Math.floor(languages * PARTIAL_REMOVED_SHARE));
}

/** A question's own random stream: the draw depends on the seed and the qid, not on the sample. */
function questionRandom(seed: number, qid: Qid): () => number {
  const digest = createHash('sha256').update(`${seed}\u0000${qid}`).digest();
  return mulberry32(digest.readUInt32LE(0));
}

/**
 * For every question, a seeded choice of the languages whose answer sentence is removed (the
 * same for every query language, so the systems of all query languages face one pool).
 */
export function partialRemovals(
  data: readonly XquadRLanguage[],
  qids: readonly Qid[],
  seed: number,
): Removals {
  const langs = data.map((d) => d.lang).sort();
  const count = removedLanguageCount(langs.length);
  const byLang = new Map(data.map((d) => [d.lang, d]));
  const removals: Removals = new Map();
  for (const qid of qids) {
    const order = [...langs];
    const random = questionRandom(seed, qid);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor((random() / 2 ** 32) * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const chosen = order.slice(0, count).sort();
    const docs = chosen.flatMap((lang) => {
      const doc = byLang.get(lang)!.relevant.get(qid);
      return doc === undefined ? [] : [doc];
    });
    removals.set(qid, { langs: chosen, docs });
  }
  return removals;
}

/** The qrels without the removed documents. */
export function partialQrels(qrels: Qrels, removals: Removals): Qrels {
  const out: Qrels = new Map();
  for (const [qid, judged] of qrels) {
    const removed = new Set(removals.get(qid)?.docs ?? []);
    out.set(qid, new Map([...judged].filter(([docid]) => !removed.has(docid))));
  }
  return out;
}

/** The record of what was removed: `qid<TAB>langs<TAB>docids`, one question a line. */
export function formatRemovals(removals: Removals): string {
  return [...removals].map(([qid, r]) => `${qid}\t${r.langs.join(',')}\t${r.docs.join(',')}\n`).join('');
}
