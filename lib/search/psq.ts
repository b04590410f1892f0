/**
 * Probabilistic structured queries (Darwish & Oard 2003): every analysed query term becomes a
 * group of document-language index terms weighted by p(t|q). A term the lexicon does not know
 * (names, numbers, rare words) is passed through: its surface word goes through the document
 * language's analyzer, which finds "NFL" or "308" in a German or Chinese index.
 */
import { getAnalyzer } from '../text/index.js';
import type { TermGroup } from './grouped.js';
import { bagOfWords } from './searcher.js';
import { pruneTranslations, type PruneOptions, type TermTranslator } from './translation.js';

/** A query as searched in one document language. */
export interface TranslatedQuery {
  groups: TermGroup[];
  /** Analysed query terms that had no translation and were passed through. */
  untranslated: string[];
}

/** Whitespace never falls inside a token (see lib/text), so each chunk analyses on its own. */
const CHUNK_SEPARATOR = /\s+/u;

interface QueryTerm {
  term: string;
  count: number;
  /** What to re-analyse in the document language if the term has no translation. */
  surface: string;
}

/** Distinct analysed terms in first-occurrence order, each with the text it came from. */
function queryTerms(text: string, queryLang: string): QueryTerm[] {
  const analyzer = getAnalyzer(queryLang);
  const terms = new Map<string, QueryTerm>();
  for (const chunk of text.split(CHUNK_SEPARATOR)) {
    const analysed = analyzer.analyze(chunk);
    for (const term of analysed) {
      const seen = terms.get(term);
      if (seen) seen.count += 1;
      // A chunk of one term is that term's surface word; an unspaced chunk (Chinese) holds many.
      else terms.set(term, { term, count: 1, surface: analysed.length === 1 ? chunk : term });
    }
  }
  return [...terms.values()];
}

/** The query as plain (monolingual) groups: bag of words under the query language's analyzer. */
export function monolingualQuery(text: string, lang: string): TranslatedQuery {
  const groups = bagOfWords(getAnalyzer(lang).analyze(text)).map((t) => ({
    weight: t.weight,
    terms: [{ term: t.term, weight: 1 }],
  }));
  return { groups, untranslated: [] };
}

/**
 * The query translated for one document language. Translations are pruned to the most
 * probable few (constants.ts); pass-through words become plain groups of their document terms.
 */
export function translateQuery(
  text: string,
  translator: TermTranslator,
  prune: PruneOptions = {},
): TranslatedQuery {
  const docAnalyzer = getAnalyzer(translator.tgtLang);
  const groups: TermGroup[] = [];
  const untranslated: string[] = [];
  for (const { term, count, surface } of queryTerms(text, translator.srcLang)) {
    const translations = translator.translate(term);
    if (translations.length > 0) {
      const kept = pruneTranslations(translations, prune);
      groups.push({ weight: count, terms: kept.map((t) => ({ term: t.term, weight: t.p })) });
      continue;
    }
    untranslated.push(term);
    for (const docTerm of new Set(docAnalyzer.analyze(surface))) {
      groups.push({ weight: count, terms: [{ term: docTerm, weight: 1 }] });
    }
  }
  return { groups, untranslated };
}
