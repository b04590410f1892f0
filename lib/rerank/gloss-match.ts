/**
 * Document translation as a second first-stage signal, for lists whose models read glosses.
 *
 * Why: PSQ ranks a candidate by translating the query into the passage's language (query
 * translation). A model that reads glosses has the other direction in hand for free: the query
 * and every passage written in English word by word (glossing.ts). BM25 of the glossed query
 * against the glossed passage is document translation, and the two translation directions err
 * differently (McCarley 1999: combined, they beat either). Neither signal helps the reranker on
 * its own; their mean does. On #13's eight XQuAD-R pairs (300 questions, depth 100, min-max as
 * fusion.ts), `rt-cs-fs` alone 0.6172 MAP; with 0.1 of PSQ 0.6094, with 0.1 of this score 0.6156,
 * with 0.1 of each 0.6284 (models/README.md, "Document translation next to PSQ").
 *
 * The scores are fused next to the first stage's by fusion.ts `withDocumentMatch`, wherever the
 * list is fused: here, in the experiment, and in a caller of a remote rerank (the API answers them
 * as `document_match`). The statistics are the candidate list's own: document frequencies over
 * the passages being reranked, their mean length. A server has no English index of a collection
 * in another language, and within one list only the order matters.
 */
import { getAnalyzer } from '../text/index.js';
import { GLOSS_MATCH_B, GLOSS_MATCH_K1 } from './constants.js';
import type { Glossed } from './glossing.js';

/**
 * BM25 of each glossed query against its glossed passage, by candidate index, over the candidates
 * in `glossed.passages`. The query is analysed per passage: it is glossed for each passage.
 */
export function glossMatchScores(glossed: Glossed): Map<number, number> {
  // English analysis of both sides: the glosses are English, whatever the pair's languages.
  const analyzer = getAnalyzer('en');
  const docs = new Map<number, string[]>();
  for (const [index, passage] of glossed.passages) docs.set(index, analyzer.analyze(passage));
  const documentFrequency = new Map<string, number>();
  let totalLength = 0;
  for (const terms of docs.values()) {
    totalLength += terms.length;
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = docs.size;
  const averageLength = count > 0 ? totalLength / count : 0;
  const scores = new Map<number, number>();
  for (const [index, terms] of docs) {
    const frequency = new Map<string, number>();
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const norm = averageLength > 0 ? 1 - GLOSS_MATCH_B + (GLOSS_MATCH_B * terms.length) / averageLength : 1;
    let score = 0;
    for (const term of new Set(analyzer.analyze(glossed.queries.get(index) ?? ''))) {
      const tf = frequency.get(term);
      if (tf === undefined) continue;
      const df = documentFrequency.get(term)!;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      score += (idf * tf * (GLOSS_MATCH_K1 + 1)) / (tf + GLOSS_MATCH_K1 * norm);
    }
    scores.set(index, score);
  }
  return scores;
}
