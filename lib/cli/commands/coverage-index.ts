/**
 * `xlir lexicon build --coverage-index URI`: the coverage sample drawn from an index's own
 * passages, so the build's table says how much of that collection's vocabulary each direction
 * can translate. Shard heads hold terms without their language, and in a pooled index en, de and
 * es terms are indistinguishable, so the sample is read from stored passages instead: up to
 * COVERAGE_INDEX_PASSAGES per language, spread evenly over the shards' documents of it.
 */
import { IndexReader } from '../../index/index.js';
import { evenly, type LanguageText } from '../../lexicon/node.js';
import { Searcher, type RankedDoc } from '../../search/index.js';
import { openStore } from '../../storage/node.js';

/** Passages read per language: enough for a 2,000-term sample of its frequent and rare words. */
export const COVERAGE_INDEX_PASSAGES = 1000;

/** Evenly spaced passages of each index language (its stored title and text). */
export async function indexPassages(
  uri: string,
  perLanguage: number = COVERAGE_INDEX_PASSAGES,
): Promise<LanguageText[]> {
  const reader = await IndexReader.open(openStore(uri));
  const byLang = new Map<string, RankedDoc[]>();
  for (const shard of reader.shards) {
    if (shard.fault) continue;
    const { head } = shard;
    for (let doc = 0; doc < head.docCount; doc++) {
      const lang = head.languages[head.docLangs[doc]!]!;
      let docs = byLang.get(lang);
      if (docs === undefined) byLang.set(lang, (docs = []));
      docs.push({ shard: shard.index, doc, score: 0 });
    }
  }
  const picked = [...byLang.values()].flatMap((docs) => evenly(docs, perLanguage));
  // The searcher's stored-text read: one gap-grouped set of ranged GETs per shard.
  const hits = await new Searcher(reader).hitsFor(picked, true);
  return hits.map((hit) => ({
    lang: hit.lang,
    text: hit.title === undefined ? hit.text! : `${hit.title}\n${hit.text!}`,
  }));
}
