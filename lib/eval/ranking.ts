import type { Qid, RunEntry } from './types.js';

/**
 * Maps a UTF-16 code unit so that comparing mapped units orders strings by code point.
 * Surrogates (0xD800–0xDFFF, which encode code points above 0xFFFF) move above 0xE000–0xFFFF.
 */
function codePointOrderUnit(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/**
 * Byte-wise comparison of the UTF-8 encodings of `a` and `b`, like C's strcmp on UTF-8 docnos.
 * UTF-8 byte order equals code point order, which differs from JavaScript's `<` (UTF-16 code
 * units) when one string has a character above U+FFFF and the other one in U+E000–U+FFFF.
 * Returns a negative number, zero or a positive number.
 */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrderUnit(x) - codePointOrderUnit(y);
  }
  return a.length - b.length;
}

const DIGITS = /^[0-9]+$/;

/** Compares digit strings by value without overflowing: leading zeros stripped, then length, then digits. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  return x.length - y.length || compareBytes(x, y) || compareBytes(a, b);
}

/**
 * Order for printing and reporting queries: numeric qids by value first ("2" before "10"),
 * then all other qids byte-wise. Putting the two groups apart keeps the order total and
 * transitive; mixing value and byte comparison pairwise would not be.
 */
export function compareQids(a: Qid, b: Qid): number {
  const da = DIGITS.test(a);
  const db = DIGITS.test(b);
  if (da && db) return compareDigits(a, b);
  if (da !== db) return da ? -1 : 1;
  return compareBytes(a, b);
}

/**
 * trec_eval's ranking comparator (form_res_rels.c, comp_sim_docno): score descending, and
 * equal scores broken by docno in DESCENDING strcmp order. The rank column of a run file
 * plays no part, so two runs with the same scores always evaluate the same; matching this
 * order exactly is what makes our numbers equal trec_eval's when a run has ties.
 */
export function compareRanked(a: RunEntry, b: RunEntry): number {
  if (a.score > b.score) return -1;
  if (a.score < b.score) return 1;
  return compareBytes(b.docid, a.docid);
}

/** A sorted copy of one query's entries in trec_eval order; the input is left as it is. */
export function rankEntries(entries: readonly RunEntry[]): RunEntry[] {
  return [...entries].sort(compareRanked);
}
