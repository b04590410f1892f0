/**
 * Cross-lingual and multilingual first stage: one query fans out to every document language,
 * translated by PSQ where the languages differ and as is where they match; each language is
 * ranked on its own (the index's language filter) and the lists are fused into one.
 */
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import { canonicalLanguage, getAnalyzer, InvalidLanguageTagError } from '../text/index.js';
import { DEFAULT_FUSION, type FusionMethod } from './constants.js';
import { QueryError } from './errors.js';
import { fuseRankings } from './fusion.js';
import type { TranslatorSource } from './lexicons.js';
import { monolingualQuery, translateQuery, type TranslatedQuery } from './psq.js';
import {
  DEFAULT_TOP_K,
  MAX_TOP_K,
  resolveQueryLanguage,
  type QueryInfo,
  type RankedDoc,
  type Searcher,
  type SearchResult,
} from './searcher.js';

export interface CrossLingualOptions {
  topK?: number;
  /** BCP-47 tag of the query; detected when absent. */
  queryLang?: string;
  /** Document languages to search; default every language of the index. */
  docLangs?: readonly string[];
  /** How the per-language lists are merged (default DEFAULT_FUSION). */
  fusion?: FusionMethod;
  includeText?: boolean;
  exhaustive?: boolean;
}

/** One document language's share of a fanned-out query. */
export interface LanguageRanking {
  lang: string;
  /** 'monolingual', or the id of the translator that produced the query. */
  via: string;
  query: TranslatedQuery;
  /** Best first, at most topK: the final list cannot take more than topK from one language. */
  ranked: RankedDoc[];
}

export interface CrossLingualResult extends SearchResult {
  /** Set when more than one language was searched. */
  fusion?: FusionMethod;
  languages: Array<{ lang: string; via: string; untranslated: string[]; hits: number }>;
}

function documentLanguage(tag: string): string {
  try {
    return canonicalLanguage(tag);
  } catch (error) {
    if (error instanceof InvalidLanguageTagError) throw new QueryError(`document language: ${error.message}`);
    throw error;
  }
}

export class CrossLingualSearcher {
  constructor(
    readonly searcher: Searcher,
    private readonly lexicons: TranslatorSource,
  ) {}

  /** Per-language rankings before fusion, for callers that compare fusion methods on one run. */
  async rankByLanguage(
    query: string,
    options: CrossLingualOptions = {},
  ): Promise<{ language: Omit<QueryInfo, 'terms'>; rankings: LanguageRanking[] }> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
      throw new QueryError(`top-k must be an integer from 1 to ${MAX_TOP_K}, got ${topK}`);
    }
    const text = query.toWellFormed();
    const language = await resolveQueryLanguage(text, options.queryLang);
    if (language.lang === UNDETERMINED_LANGUAGE) {
      throw new QueryError('cannot tell the language of the query; give it (--query-lang xx)');
    }
    const docLangs =
      options.docLangs ?? this.searcher.reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE);
    const rankings: LanguageRanking[] = [];
    // Sequential: translators load lazily and shards fetch concurrently inside each search.
    for (const lang of new Set(docLangs.map(documentLanguage))) {
      const monolingual = lang === language.lang;
      const translator = monolingual ? undefined : await this.lexicons.translator(language.lang, lang);
      const translated = translator ? translateQuery(text, translator) : monolingualQuery(text, lang);
      const ranked =
        translated.groups.length === 0
          ? []
          : await this.searcher.rankGroups(translated.groups, {
              topK,
              docLangs: [lang],
              ...(options.exhaustive ? { exhaustive: true } : {}),
            });
      rankings.push({ lang, via: translator?.id ?? 'monolingual', query: translated, ranked });
    }
    return { language, rankings };
  }

  /** Fuses per-language rankings; a single language keeps its own scores. */
  static fuse(rankings: readonly LanguageRanking[], method: FusionMethod, topK: number): RankedDoc[] {
    if (rankings.length === 1) return rankings[0]!.ranked.slice(0, topK);
    return fuseRankings(
      rankings.map((r) => r.ranked),
      method,
      topK,
      (d) => `${d.shard}:${d.doc}`,
    ).map(({ item, score }) => ({ shard: item.shard, doc: item.doc, score }));
  }

  async search(query: string, options: CrossLingualOptions = {}): Promise<CrossLingualResult> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    const shardsSearched = this.searcher.reader.shards.length;
    if (query.trim() === '') {
      const language = await resolveQueryLanguage(query, options.queryLang);
      return {
        hits: [],
        query: { ...language, terms: [] },
        emptyReason: 'empty-query',
        shardsSearched,
        languages: [],
      };
    }
    const { language, rankings } = await this.rankByLanguage(query, { ...options, topK });
    const method = options.fusion ?? DEFAULT_FUSION;
    const top = CrossLingualSearcher.fuse(rankings, method, topK);
    const hits = await this.searcher.hitsFor(top, options.includeText === true);
    const terms = getAnalyzer(language.lang).analyze(query.toWellFormed());
    const result: CrossLingualResult = {
      hits,
      query: { ...language, terms },
      shardsSearched,
      ...(rankings.length > 1 ? { fusion: method } : {}),
      languages: rankings.map((r) => ({
        lang: r.lang,
        via: r.via,
        untranslated: r.query.untranslated,
        hits: r.ranked.length,
      })),
    };
    return rankings.every((r) => r.query.groups.length === 0)
      ? { ...result, emptyReason: 'no-index-terms' }
      : result;
  }
}
