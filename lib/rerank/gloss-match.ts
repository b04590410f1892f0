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
 * The scores are fused next to the first stage's (fusion.ts, rankCandidates' `documentMatch`)
 * wherever the list is fused: here, in the experiment, and in a caller of a remote rerank (the
 * API answers them as `document_match`). The statistics are the candidate list's own: document
 * frequencies over the passages being reranked, their mean length. A server has no English index of a collection
 * in another language, and within one list only the order matters.
 */
import { idf, lengthNorm, termScore } from '../search/index.js';
import { getAnalyzer } from '../text/index.js';
import { GLOSS_MATCH_BM25 } from './constants.js';
import type { Glossed } from './glossing.js';

/**
 * BM25 of each glossed query against its glossed passage, by candidate index, over the candidates
 * in `glossed.passages`, scored as the first stage scores (lib/search's bm25.ts). The query is
 * glossed for each passage, so its terms are read per passage (once per distinct gloss).
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
  const averageLength = docs.size > 0 ? totalLength / docs.size : 0;
  const queryTerms = new Map<string, Set<string>>();
  const scores = new Map<number, number>();
  for (const [index, terms] of docs) {
    const frequency = new Map<string, number>();
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const norm = lengthNorm(terms.length, GLOSS_MATCH_BM25, averageLength);
    const query = glossed.queries.get(index) ?? '';
    let wanted = queryTerms.get(query);
    if (wanted === undefined) queryTerms.set(query, (wanted = new Set(analyzer.analyze(query))));
    let score = 0;
    for (const term of wanted) {
      const tf = frequency.get(term);
      if (tf !== undefined) score += termScore(idf(docs.size, documentFrequency.get(term)!), tf, norm);
    }
    scores.set(index, score);
  }
  return scores;
}
