/**
 * A shard's BM25 length norms under one avgdl, stored by length class: each document keeps a
 * small class number, and each class its norm k1 · (1 − b + b · dl / avgdl) and the impact of a
 * posting with tf 1 there.
 *
 * Why: computing a list's impacts (impacts.ts) reads one norm per posting, in document order but
 * far apart in a short list. A Float64 norm per document is 8 MB a 1M-document shard, and at 10M
 * documents with the default decoded-postings cache (lists decoded again on most queries) that
 * line was a third of the query's profile. A class per document is 2 bytes, the table one norm
 * per distinct length (a few KiB for passages of up to a few hundred words), and a tf-1 posting
 * (most of them) needs no division. The values are the same doubles the per-document formula
 * gives: the table computes each distinct length's norm with it.
 */
import type { Bm25Params } from '../index/index.js';
import { lengthNorm, termImpact } from './bm25.js';

/** Lengths below this are their own class number, so the classes come from one copy of the lengths. */
const DIRECT_CLASS_LENGTHS = 2 ** 16;

export interface LengthNorms {
  readonly docCount: number;
  /** Each document's class: an index into normByClass. */
  readonly classOf: Uint16Array | Uint32Array;
  /** The length norm of each class. */
  readonly normByClass: Float64Array;
  /** termImpact(1, norm) of each class. */
  readonly impactOfOneByClass: Float64Array;
}

/** Classes for the documents' lengths: the length itself when every one is below 65,536, else distinct lengths numbered. */
function lengthClasses(docLengths: ArrayLike<number>): {
  classOf: Uint16Array | Uint32Array;
  lengths: number[];
} {
  let longest = 0;
  for (let d = 0; d < docLengths.length; d++) if (docLengths[d]! > longest) longest = docLengths[d]!;
  if (longest < DIRECT_CLASS_LENGTHS) {
    return {
      classOf: Uint16Array.from(docLengths),
      lengths: Array.from({ length: longest + 1 }, (_, l) => l),
    };
  }
  const classByLength = new Map<number, number>();
  const lengths: number[] = [];
  // There are no more classes than documents.
  const classOf =
    docLengths.length <= DIRECT_CLASS_LENGTHS
      ? new Uint16Array(docLengths.length)
      : new Uint32Array(docLengths.length);
  for (let d = 0; d < docLengths.length; d++) {
    const length = docLengths[d]!;
    let c = classByLength.get(length);
    if (c === undefined) {
      c = lengths.length;
      classByLength.set(length, c);
      lengths.push(length);
    }
    classOf[d] = c;
  }
  return { classOf, lengths };
}

export function lengthNorms(docLengths: ArrayLike<number>, params: Bm25Params, avgdl: number): LengthNorms {
  const { classOf, lengths } = lengthClasses(docLengths);
  const normByClass = Float64Array.from(lengths, (dl) => lengthNorm(dl, params, avgdl));
  return {
    docCount: docLengths.length,
    classOf,
    normByClass,
    impactOfOneByClass: normByClass.map((norm) => termImpact(1, norm)),
  };
}
