/**
 * Per-posting impacts, tf / (tf + norm) in posting order, for the lists a query scores, and each
 * list's best impact per block of documents (MaxScore's window bounds, topk.ts). Scoring
 * a posting from its tf needs the document's length norm, a random read into an array of the
 * shard's documents: on bench:bm25's 1M documents the line that read it drew 37% of MaxScore's
 * profile samples, and reading impacts instead halved MaxScore's time. Read in posting order
 * beside the doc ids, a score is one multiplication. Computing them still reads one norm per
 * posting, once per decoded list: norms.ts keeps those 2 bytes a document.
 *
 * Impacts depend on avgdl, so they are kept per stored list for the norms they were computed
 * with: the index's own, or a language set's (statistics.ts). A list searched under another
 * avgdl gets its impacts recomputed and replaced. The cache holds them weakly, beside the
 * reader's decoded-postings cache, whose weight counts the impact's 8 bytes a posting (the block
 * maxima, at most 2 bytes a posting and usually a fraction of one, are not counted; see
 * lib/index/read/constants.ts), so impacts live exactly as long as their list stays decoded.
 */
import { termImpact } from './bm25.js';
import type { LengthNorms } from './norms.js';
import { MAXSCORE_WINDOW_DOCS, type ScoringPostings } from './topk.js';

/** Documents per block of a list's block maxima: MaxScore's window, so a window reads one maximum per list. */
export const IMPACT_BLOCK_DOCS = MAXSCORE_WINDOW_DOCS;

/**
 * A list keeps block maxima only with at least this many postings per block on average: at most
 * 2 bytes a posting (lib/index/read/constants.ts says why the cache does not count them). A
 * sparser list scores its bound in every window. On bench:bm25's 10M documents, keeping maxima
 * for lists of 4 or more postings a block gave top-10 scoring (timed alone, over captured lists)
 * within noise of keeping them for lists of 1 or more (5.36–5.59 against 5.24–5.26 ms p50).
 */
export const MIN_POSTINGS_PER_BLOCK = 4;

/** What scoring reads of a list besides its postings (ScoringTerm). */
export interface ListImpacts {
  impacts: Float64Array;
  blockMaxima: Float64Array | undefined;
}

/** tf / (tf + norm) for every posting of a list under a shard's length norms. */
export function termImpacts(postings: ScoringPostings, norms: LengthNorms): Float64Array {
  const { docs, tfs } = postings;
  const { classOf, normByClass, impactOfOneByClass } = norms;
  const impacts = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const tf = tfs[i]!;
    const c = classOf[docs[i]!]!;
    impacts[i] = tf === 1 ? impactOfOneByClass[c]! : termImpact(tf, normByClass[c]!);
  }
  return impacts;
}

/**
 * The best impact of each block of `blockDocs` documents, or undefined for a list with fewer
 * than MIN_POSTINGS_PER_BLOCK postings per block. A block it has no posting in has 0.
 */
export function blockMaxima(
  docs: Int32Array,
  impacts: Float64Array,
  docCount: number,
  blockDocs: number,
): Float64Array | undefined {
  const blocks = Math.ceil(docCount / blockDocs);
  if (docs.length < blocks * MIN_POSTINGS_PER_BLOCK) return undefined;
  const maxima = new Float64Array(blocks);
  for (let i = 0; i < docs.length; i++) {
    const block = Math.floor(docs[i]! / blockDocs);
    if (impacts[i]! > maxima[block]!) maxima[block] = impacts[i]!;
  }
  return maxima;
}

/** A list's impacts and block maxima under a shard's length norms. */
export function listImpacts(postings: ScoringPostings, norms: LengthNorms): ListImpacts {
  const impacts = termImpacts(postings, norms);
  return { impacts, blockMaxima: blockMaxima(postings.docs, impacts, norms.docCount, IMPACT_BLOCK_DOCS) };
}

/** Impacts of stored lists, one set per list: the last norms it was scored under. */
export class ImpactCache {
  private readonly byList = new WeakMap<ScoringPostings, { norms: LengthNorms; list: ListImpacts }>();

  of(postings: ScoringPostings, norms: LengthNorms): ListImpacts {
    const known = this.byList.get(postings);
    if (known?.norms === norms) return known.list;
    const list = listImpacts(postings, norms);
    this.byList.set(postings, { norms, list });
    return list;
  }
}
