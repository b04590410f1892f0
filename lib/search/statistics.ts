/**
 * BM25's collection statistics (N, avgdl and each term's df) for one search. Normally they are
 * the whole index's, so a sharded index scores exactly like one big index.
 *
 * A fan-out over a pooled multilingual index ranks one document language at a time. Scored with
 * the pool's statistics, a German query's idf counts the English and Spanish sentences that share
 * a name or a loanword, and avgdl mixes languages whose sentences differ in length (a Chinese
 * sentence has more terms than its English translation), so each language's list is a little
 * worse than the same query over an index of that language alone. Restricted to the documents of
 * the searched languages, the statistics are those of that one-language index (docs/results.md,
 * MLIR). Shards whose heads cannot be read ('partial') do not count: their languages are unknown.
 */
import type { DecodedPostings, IndexReader, ShardHead } from '../index/index.js';

export interface CollectionStatistics {
  docCount: number;
  avgdl: number;
  /**
   * Per shard, per language of its head (head.languages), whether its documents count (and so
   * may be returned: the searcher filters by it); absent: every document of the index counts, and
   * df is a list's length.
   */
  counted?: ReadonlyArray<readonly boolean[] | undefined>;
}

interface LanguageTotals {
  /** Per language of the head: how many documents, and their summed length in terms. */
  docs: Float64Array;
  terms: Float64Array;
}

const totalsByHead = new WeakMap<ShardHead, LanguageTotals>();

/**
 * Document count and summed length per language of one shard, computed once per head. The
 * manifest's langDocCounts has the counts but not the lengths, and it counts unreadable shards
 * too; counting both from the heads keeps N and avgdl over the same documents.
 */
function languageTotals(head: ShardHead): LanguageTotals {
  let totals = totalsByHead.get(head);
  if (!totals) {
    totals = {
      docs: new Float64Array(head.languages.length),
      terms: new Float64Array(head.languages.length),
    };
    for (let d = 0; d < head.docLangs.length; d++) {
      const lang = head.docLangs[d]!;
      totals.docs[lang]! += 1;
      totals.terms[lang]! += head.docLengths[d]!;
    }
    totalsByHead.set(head, totals);
  }
  return totals;
}

/** The whole index's statistics, from its manifest. */
export function indexStatistics(reader: IndexReader): CollectionStatistics {
  return { docCount: reader.manifest.docCount, avgdl: reader.avgdl };
}

/**
 * The statistics of the documents in `languages` (canonical tags). When every language of the
 * index is among them they are the index's own, read from the manifest; otherwise they are
 * counted from the heads' documents parts, which a cold open may still be reading.
 */
export async function languageStatistics(
  reader: IndexReader,
  languages: ReadonlySet<string>,
): Promise<CollectionStatistics> {
  if (reader.manifest.languages.every((l) => languages.has(l))) return indexStatistics(reader);
  await reader.ready();
  let docCount = 0;
  let terms = 0;
  const counted = reader.shards.map((shard) => {
    if (shard.fault) return undefined;
    const { head } = shard;
    const inScope = head.languages.map((l) => languages.has(l));
    const totals = languageTotals(head);
    inScope.forEach((yes, lang) => {
      if (!yes) return;
      docCount += totals.docs[lang]!;
      terms += totals.terms[lang]!;
    });
    return inScope;
  });
  return { docCount, avgdl: docCount === 0 ? 0 : terms / docCount, counted };
}

/** How many documents of one shard's list count under `stats` (its df there). */
export function documentFrequency(
  list: DecodedPostings,
  head: ShardHead,
  counted: readonly boolean[] | undefined,
): number {
  if (!counted) return list.docs.length;
  const { docLangs } = head;
  let df = 0;
  for (const d of list.docs) if (counted[docLangs[d]!]) df++;
  return df;
}
