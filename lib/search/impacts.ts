/**
 * Per-posting impacts, tf / (tf + norm) in posting order, for the lists a query scores. Scoring
 * a posting from its tf needs the document's length norm, a random read into an array of the
 * shard's documents (800 KB per 100k): on bench:bm25's 1M documents those cache misses were half
 * of MaxScore's time. Read in posting order beside the doc ids, a score is one multiplication.
 *
 * Impacts depend on avgdl, so they are kept per stored list for the norms they were computed
 * with: the index's own, or a language set's (statistics.ts). A list searched under another
 * avgdl gets its impacts recomputed and replaced. The cache holds them weakly, beside the
 * reader's decoded-postings cache, whose weight counts 8 bytes a posting for them
 * (shard-reader.ts), so impacts live exactly as long as their list stays decoded.
 */
import { termImpact } from './bm25.js';
import type { ScoringPostings } from './topk.js';

/** tf / (tf + norm) for every posting of a list under a shard's length norms. */
export function termImpacts(postings: ScoringPostings, norms: Float64Array): Float64Array {
  const { docs, tfs } = postings;
  const impacts = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) impacts[i] = termImpact(tfs[i]!, norms[docs[i]!]!);
  return impacts;
}

/** Impacts of stored lists, one set per list: the last norms it was scored under. */
export class ImpactCache {
  private readonly byList = new WeakMap<ScoringPostings, { norms: Float64Array; impacts: Float64Array }>();

  of(postings: ScoringPostings, norms: Float64Array): Float64Array {
    const known = this.byList.get(postings);
    if (known?.norms === norms) return known.impacts;
    const impacts = termImpacts(postings, norms);
    this.byList.set(postings, { norms, impacts });
    return impacts;
  }
}
