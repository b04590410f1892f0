/**
 * Cross-lingual and multilingual first stage: one query fans out to every document language,
 * translated by PSQ where the languages differ and as is where they match; each language is
 * ranked on its own (the index's language filter) and the lists are fused into one.
 *
 * A detected query language is never a dead end: when it cannot be translated into some
 * document language, has no analyzer of its own, or cannot be told at all, the query is read
 * as the index language its analysed terms match best (see resolveFanOutLanguage), and the
 * result says so. A language the caller gives is the caller's word and is kept.
 */
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import {
  canonicalLanguage,
  getAnalyzer,
  InvalidLanguageTagError,
  SUPPORTED_LANGUAGES,
  type LanguageDetector,
} from '../text/index.js';
import { DEFAULT_FUSION, type FusionMethod } from './constants.js';
import { MissingLexiconError, QueryError } from './errors.js';
import { fuseRankings } from './fusion.js';
import type { TranslatorSource } from './lexicons.js';
import { nameMatcherFor } from './names.js';
import {
  monolingualQuery,
  translateQuery,
  type CompoundSplit,
  type NameMatch,
  type TranslatedQuery,
} from './psq.js';
import {
  DEFAULT_TOP_K,
  MAX_TOP_K,
  resolveQueryLanguage,
  type QueryInfo,
  type RankedDoc,
  type Searcher,
  type SearchResult,
} from './searcher.js';
import type { ShardGuard } from './shards.js';
import type { TermTranslator } from './translation.js';

export interface CrossLingualOptions {
  topK?: number;
  /** BCP-47 tag of the query; detected by `detector` when absent. */
  queryLang?: string;
  /** Tells the query's language when `queryLang` is absent (lib/text createLanguageDetector). */
  detector?: LanguageDetector;
  /** Document languages to search; default every language of the index. */
  docLangs?: readonly string[];
  /** How the per-language lists are merged (default DEFAULT_FUSION). */
  fusion?: FusionMethod;
  includeText?: boolean;
  exhaustive?: boolean;
  /** The request's shard-failure policy and AbortSignal (shards.ts), shared by every language. */
  shards?: ShardGuard;
}

/** One document language's share of a fanned-out query. */
export interface LanguageRanking {
  lang: string;
  /** 'monolingual', or the id of the translator that produced the query. */
  via: string;
  query: TranslatedQuery;
  /** Best first, at most topK: the final list cannot take more than topK from one language. */
  ranked: RankedDoc[];
  /** The largest score the query could give a document of this language (Searcher.rankGroupsBounded). */
  maxScore: number;
  /** The score of a reference document of this language (Searcher.rankGroupsBounded). */
  typicalScore: number;
}

/** The query language chosen for a fan-out, with the document languages it cannot reach. */
export interface ResolvedLanguage extends Omit<QueryInfo, 'terms'> {
  /** Requested document languages no lexicon leads to from `lang`: skipped, not searched. */
  unreachable: string[];
}

export interface CrossLingualResult extends SearchResult {
  /** Set when more than one language was searched. */
  fusion?: FusionMethod;
  languages: Array<{
    lang: string;
    via: string;
    untranslated: string[];
    names: NameMatch[];
    compounds: CompoundSplit[];
    hits: number;
  }>;
  /** Document languages skipped because no lexicon leads to them from the query language. */
  unreachable?: string[];
}

const DEDICATED_ANALYZERS: ReadonlySet<string> = new Set(SUPPORTED_LANGUAGES);

function documentLanguage(tag: string): string {
  try {
    return canonicalLanguage(tag);
  } catch (error) {
    if (error instanceof InvalidLanguageTagError) throw new QueryError(`document language: ${error.message}`);
    throw error;
  }
}

/** The translator src→tgt, or undefined where no lexicon (direct, inverted or pivot) leads there. */
async function translatorOrNone(
  lexicons: TranslatorSource | undefined,
  src: string,
  tgt: string,
): Promise<TermTranslator | undefined> {
  if (!lexicons) return undefined;
  try {
    return await lexicons.translator(src, tgt);
  } catch (error) {
    if (error instanceof MissingLexiconError) return undefined;
    throw error;
  }
}

/** Document languages `lang` cannot be translated into (none without lexicons: BM25 only). */
async function unreachableFrom(
  lexicons: TranslatorSource | undefined,
  lang: string,
  docLangs: readonly string[],
): Promise<string[]> {
  if (!lexicons) return [];
  const missing: string[] = [];
  for (const d of docLangs) if (d !== lang && !(await translatorOrNone(lexicons, lang, d))) missing.push(d);
  return missing;
}

/**
 * The language to read a query in. A given language is the caller's word and is kept as is (a
 * missing lexicon is then the caller's error to fix: an experiment or a scripted run must not
 * silently search as another language). The detected one is kept when it can be used: it is
 * known, it reaches every document language through the lexicons, and it has an analyzer of
 * its own or documents in the index. Otherwise the index's languages are tried, best analysis
 * match first (the summed idf of the query's analysed terms that occur in that language's
 * documents, then their postings there), and the first that reaches every document language
 * wins; if none does, the one reaching most, and the rest are skipped. `lexicons` undefined
 * means monolingual BM25: nothing to reach.
 */
export async function resolveFanOutLanguage(
  searcher: Searcher,
  lexicons: TranslatorSource | undefined,
  query: string,
  options: {
    queryLang?: string | undefined;
    detector?: LanguageDetector | undefined;
    docLangs: readonly string[];
    shards?: ShardGuard | undefined;
  },
): Promise<ResolvedLanguage> {
  const first = resolveQueryLanguage(query, options.queryLang, options.detector);
  if (first.source === 'given') return { ...first, unreachable: [] };
  const indexLangs = searcher.reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE);
  let reason: string | undefined;
  if (first.lang === UNDETERMINED_LANGUAGE) reason = 'the language of the query could not be told';
  else if (!DEDICATED_ANALYZERS.has(first.lang) && !indexLangs.includes(first.lang))
    reason = `detected language ${first.lang} has no analyzer of its own and no documents here`;
  else {
    const missing = await unreachableFrom(lexicons, first.lang, options.docLangs);
    if (missing.length === 0) return { ...first, unreachable: [] };
    reason = `no lexicon leads from the detected language ${first.lang} to ${missing.join(', ')}`;
  }

  const analysed = await Promise.all(
    indexLangs.map(async (lang, order) => {
      const evidence = await searcher.languageEvidence(
        getAnalyzer(lang).analyze(query),
        lang,
        options.shards,
      );
      return { lang, order, ...evidence };
    }),
  );
  analysed.sort((a, b) => b.idf - a.idf || b.postings - a.postings || a.order - b.order);
  let best: { lang: string; unreachable: string[] } | undefined;
  for (const { lang } of analysed) {
    if (lang === first.lang) continue;
    const unreachable = await unreachableFrom(lexicons, lang, options.docLangs);
    if (!best || unreachable.length < best.unreachable.length) best = { lang, unreachable };
    if (unreachable.length === 0) break;
  }
  if (!best || best.unreachable.length === options.docLangs.length) {
    throw new MissingLexiconError(
      `${reason}, and no language of the index reaches ${options.docLangs.join(', ')} either: add lexicons for them`,
    );
  }
  return {
    lang: best.lang,
    source: 'fallback',
    ...(first.source === 'detected' && first.lang !== UNDETERMINED_LANGUAGE
      ? { detectedLang: first.lang }
      : {}),
    ...(first.detectedConfidence !== undefined ? { detectedConfidence: first.detectedConfidence } : {}),
    fallbackReason: `${reason}; read as ${best.lang}, the index language its words match best`,
    unreachable: best.unreachable,
  };
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
  ): Promise<{ language: ResolvedLanguage; rankings: LanguageRanking[] }> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
      throw new QueryError(`top-k must be an integer from 1 to ${MAX_TOP_K}, got ${topK}`);
    }
    const text = query.toWellFormed();
    const docLangs = [
      ...new Set(
        (
          options.docLangs ??
          this.searcher.reader.manifest.languages.filter((l) => l !== UNDETERMINED_LANGUAGE)
        ).map(documentLanguage),
      ),
    ];
    const language = await resolveFanOutLanguage(this.searcher, this.lexicons, text, {
      queryLang: options.queryLang,
      detector: options.detector,
      docLangs,
      shards: options.shards,
    });
    const rankings: LanguageRanking[] = [];
    // Sequential: translators load lazily and shards fetch concurrently inside each search.
    for (const lang of docLangs) {
      if (language.unreachable.includes(lang)) continue;
      const monolingual = lang === language.lang;
      const translator = monolingual ? undefined : await this.lexicons.translator(language.lang, lang);
      const translated = translator
        ? translateQuery(text, translator, { names: nameMatcherFor(this.searcher.reader, lang) })
        : monolingualQuery(text, lang);
      const { ranked, maxScore, typicalScore } =
        translated.groups.length === 0
          ? { ranked: [], maxScore: 0, typicalScore: 0 }
          : await this.searcher.rankGroupsBounded(translated.groups, {
              topK,
              docLangs: [lang],
              ...(options.exhaustive ? { exhaustive: true } : {}),
              ...(options.shards ? { shards: options.shards } : {}),
            });
      rankings.push({
        lang,
        via: translator?.id ?? 'monolingual',
        query: translated,
        ranked,
        maxScore,
        typicalScore,
      });
    }
    return { language, rankings };
  }

  /**
   * Fuses per-language rankings; a single language keeps its own scores. Ties on the fused
   * score go to the untranslated (query-language) list.
   */
  static fuse(rankings: readonly LanguageRanking[], method: FusionMethod, topK: number): RankedDoc[] {
    if (rankings.length === 1) return rankings[0]!.ranked.slice(0, topK);
    const own = rankings.findIndex((r) => r.via === 'monolingual');
    return fuseRankings(
      rankings.map((r) => r.ranked),
      method,
      topK,
      (d) => `${d.shard}:${d.doc}`,
      {
        maxScores: rankings.map((r) => r.maxScore),
        typicalScores: rankings.map((r) => r.typicalScore),
        ...(own >= 0 ? { preferList: own } : {}),
      },
    ).map(({ item, score }) => ({ shard: item.shard, doc: item.doc, score, raw: item.score }));
  }

  async search(query: string, options: CrossLingualOptions = {}): Promise<CrossLingualResult> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    const shardsSearched = this.searcher.reader.shards.length;
    if (query.trim() === '') {
      const language = resolveQueryLanguage(query, options.queryLang, options.detector);
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
    const hits = await this.searcher.hitsFor(top, options.includeText === true, options.shards);
    const { unreachable, ...info } = language;
    const terms = getAnalyzer(language.lang).analyze(query.toWellFormed());
    const result: CrossLingualResult = {
      hits,
      query: { ...info, terms },
      shardsSearched,
      ...(rankings.length > 1 ? { fusion: method } : {}),
      languages: rankings.map((r) => ({
        lang: r.lang,
        via: r.via,
        untranslated: r.query.untranslated,
        names: r.query.names,
        compounds: r.query.compounds,
        hits: r.ranked.length,
      })),
      ...(unreachable.length > 0 ? { unreachable } : {}),
    };
    return rankings.every((r) => r.query.groups.length === 0)
      ? { ...result, emptyReason: 'no-index-terms' }
      : result;
  }
}
