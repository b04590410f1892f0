/**
 * First-stage search over all shards of an index with global statistics:
 * df is summed over the shard heads, N and avgdl come from the manifest, so a
 * sharded index scores exactly like one big index. A search restricted to some languages (a
 * fan-out ranks one language at a time) uses the statistics of their documents instead
 * (statistics.ts).
 */
import { MAX_QUERY_TERMS, type DecodedPostings, type IndexReader, type ShardReader } from '../index/index.js';
import {
  canonicalLanguage,
  getAnalyzer,
  identifyQueryLanguage,
  InvalidLanguageTagError,
  type LanguageDetector,
  type LanguageSource,
} from '../text/index.js';
import { idf, lengthNorm, termScore, termUpperBound } from './bm25.js';
import { lengthNorms, type LengthNorms } from './norms.js';
import { PHRASE_TERM_SEPARATOR } from './constants.js';
import { QueryError } from './errors.js';
import {
  mergedUpperBound,
  memberFetchPlan,
  mergeGroupPostings,
  singletonGroup,
  type TermGroup,
  type WeightedTerm,
} from './grouped.js';
import { TopKHeap, type ScoredDoc } from './heap.js';
import { ShardGuard } from './shards.js';
import {
  documentFrequency,
  indexStatistics,
  languageStatistics,
  type CollectionStatistics,
} from './statistics.js';
import { ImpactCache, listImpacts } from './impacts.js';
import { exhaustiveTopK, maxScoreInto, type ScoringTerm } from './topk.js';

export const DEFAULT_TOP_K = 10;
export const MAX_TOP_K = 10_000;

/**
 * Length-norm arrays kept per shard: the index's own avgdl plus one per language set searched
 * with docLangs (a fan-out over a pooled index of a dozen languages takes one at a time).
 */
const NORM_CACHE_AVGDLS = 16;

export interface SearchOptions {
  topK?: number;
  /** BCP-47 tag of the query; detected by `detector` when absent. */
  queryLang?: string;
  /** Tells the query's language when `queryLang` is absent (lib/text createLanguageDetector). */
  detector?: LanguageDetector;
  /**
   * Only search documents in these languages, scored with their statistics (N, avgdl, df) as an
   * index of those languages alone would score them (statistics.ts).
   */
  docLangs?: readonly string[];
  /** Fetch stored title and text of the hits (one round trip: a ranged GET per shard, or per group of nearby hits when they are spread out). */
  includeText?: boolean;
  /** Score every posting instead of pruning; for verification. */
  exhaustive?: boolean;
  /**
   * The request's shard-failure policy and AbortSignal (shards.ts); default: fail on the first
   * shard fault, no signal. Shards the guard records as failed are left out of the results.
   */
  shards?: ShardGuard;
}

export interface SearchHit {
  docId: string;
  lang: string;
  /** What the list is ordered by: BM25 (PSQ-weighted when translated), or the fused score of a fan-out. */
  score: number;
  /** In a fused fan-out, the hit's BM25/PSQ score in its own language's list, before fusion. */
  bm25Score?: number;
  title?: string;
  text?: string;
}

export type { LanguageSource };

export interface QueryInfo {
  lang: string;
  /** Present when the language was detected rather than given. */
  detectedConfidence?: number;
  /** How `lang` was chosen. */
  source?: LanguageSource;
  /** The detector's answer, when it ran and `lang` is not it. */
  detectedLang?: string;
  /** Why the given or detected language was not used (source 'fallback'). */
  fallbackReason?: string;
  terms: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  query: QueryInfo;
  /** Why there are no hits when the query could not produce any. */
  emptyReason?: 'empty-query' | 'no-index-terms';
  shardsSearched: number;
}

/** Options of rankGroups and rankGroupsBounded. */
export type RankOptions = Pick<SearchOptions, 'docLangs' | 'exhaustive' | 'shards'> & { topK: number };

/** A document of the index by position: shard and local number, with its score. */
export interface RankedDoc extends ScoredDoc {
  shard: number;
  /** After fusion, the score in its own list (`score` is then the fused one). */
  raw?: number;
}

/**
 * The query's language: given (and checked), or detected when the caller passed a detector.
 * With neither there is nothing to go on, and the query is refused rather than guessed.
 */
export function resolveQueryLanguage(
  query: string,
  queryLang: string | undefined,
  detector: LanguageDetector | undefined,
): Omit<QueryInfo, 'terms'> {
  if (queryLang === undefined && detector === undefined) {
    throw new QueryError('the query language is needed: give queryLang, or a detector to tell it');
  }
  try {
    return identifyQueryLanguage(query, queryLang, detector!);
  } catch (error) {
    if (error instanceof InvalidLanguageTagError) throw new QueryError(`query language: ${error.message}`);
    throw error;
  }
}

/** A sum in array order, so a bound and the scores it bounds add up the same way. */
function sumInOrder(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** Where each shard's documents start in the index-wide numbering: shard order, then local order. */
function shardStarts(shards: readonly ShardReader[]): number[] {
  const starts: number[] = [];
  let next = 0;
  for (const shard of shards) {
    starts.push(next);
    next += shard.docCount;
  }
  return starts;
}

/** The shard holding index-wide document `doc`: the last start at or below it. */
function shardOf(starts: readonly number[], doc: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= doc) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Counts repeated terms: the bag-of-words query. */
export function bagOfWords(terms: readonly string[]): WeightedTerm[] {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts].map(([term, weight]) => ({ term, weight }));
}

export class Searcher {
  /** Per shard, its documents' length norms under each avgdl searched with (one per language set). */
  private readonly norms = new Map<ShardReader, Map<number, LengthNorms>>();
  /** Per decoded list, its postings' impacts under the norms it was last scored with. */
  private readonly impacts = new ImpactCache();

  constructor(readonly reader: IndexReader) {
    // A cold open hands each shard's documents part over while the first query's postings are
    // still on their way: the length norms for the index's own statistics are computed then,
    // off that query's path (1M documents: 4–7 ms in Node). Only for an index of one language:
    // a pooled index's searches mostly score one language at a time, with its own statistics,
    // and norms it never uses would cost 2 bytes a document (norms.ts).
    if (reader.manifest.languages.length > 1) return;
    for (const shard of reader.shards) {
      void shard.settled().then(() => {
        if (!shard.fault) this.shardNorms(shard, reader.avgdl);
      });
    }
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
      throw new QueryError(`top-k must be an integer from 1 to ${MAX_TOP_K}, got ${topK}`);
    }
    // Lone surrogates cannot come from valid UTF-8; replace rather than crash the analyzer.
    const text = query.toWellFormed();
    const language = resolveQueryLanguage(text, options.queryLang, options.detector);
    const base = { shardsSearched: this.reader.shards.length };
    if (text.trim() === '') {
      return { ...base, hits: [], query: { ...language, terms: [] }, emptyReason: 'empty-query' };
    }
    const terms = getAnalyzer(language.lang).analyze(text);
    const result = await this.searchTerms(bagOfWords(terms), { ...options, topK });
    const info: QueryInfo = { ...language, terms };
    return terms.length === 0
      ? { ...result, query: info, emptyReason: 'no-index-terms' }
      : { ...result, query: info };
  }

  /** Searches already-analysed terms; the seam for translated (cross-lingual) queries. */
  async searchTerms(
    query: readonly WeightedTerm[],
    options: SearchOptions & { topK: number },
  ): Promise<Omit<SearchResult, 'query'>> {
    if (query.length > MAX_QUERY_TERMS) {
      throw new QueryError(
        `query has ${query.length} distinct terms; the limit is ${MAX_QUERY_TERMS}. Shorten the query.`,
      );
    }
    return this.searchGroups(query.map(singletonGroup), options);
  }

  /**
   * Searches grouped terms (PSQ): each group is one query term standing for weighted index
   * terms, scored as one BM25 term with tf' = Σ p·tf and df' = Σ p·df (see grouped.ts).
   */
  async searchGroups(
    groups: readonly TermGroup[],
    options: SearchOptions & { topK: number },
  ): Promise<Omit<SearchResult, 'query'>> {
    const top = await this.rankGroups(groups, options);
    return {
      hits: await this.hitsFor(top, options.includeText === true, options.shards),
      shardsSearched: this.reader.shards.length,
    };
  }

  /** The top documents of grouped terms as index positions, before ids and text are looked up. */
  async rankGroups(groups: readonly TermGroup[], options: RankOptions): Promise<RankedDoc[]> {
    return (await this.rankGroupsBounded(groups, options)).ranked;
  }

  /**
   * rankGroups plus, from the same postings fetch, the groups' maximum attainable score
   * Σ_g qtf_g · idf(df'_g): what a document matching every group with unbounded tf' reaches
   * (BM25 here has no (k1 + 1) factor, so a term's w·tf/(tf + norm) saturates at w). A group no
   * document matches counts too: its idf is what the query asked for and nothing delivered.
   * Fusion 'attainable' divides a language's scores by it (fusion.ts); 'calibrated' by
   * typicalScore.
   */
  async rankGroupsBounded(
    groups: readonly TermGroup[],
    options: RankOptions,
  ): Promise<{ ranked: RankedDoc[]; maxScore: number; typicalScore: number }> {
    const shards = this.reader.shards;
    const accept = this.languageFilter(options.docLangs);
    const stats = accept ? await languageStatistics(this.reader, accept) : indexStatistics(this.reader);
    const { slots, postingsByShard, weights } = await this.groupStatistics(
      groups,
      stats,
      options.shards ?? new ShardGuard(),
    );

    // One heap for the whole index, documents numbered across shards in shard order, so each
    // shard starts pruning from the k-th best score of the shards before it (which win ties).
    const kept = new TopKHeap(options.topK);
    const starts = shardStarts(shards);
    shards.forEach((shard, s) => {
      const lists = postingsByShard[s];
      // A shard the guard gave up on ('partial') has no lists: it contributes no hits.
      if (!lists) return;
      const norms = this.shardNorms(shard, stats.avgdl);
      const scoringTerms: ScoringTerm[] = [];
      groups.forEach((group, g) => {
        const term = this.scoringTerm(group, weights[g]!, lists, slots, norms, stats.avgdl);
        if (term) scoringTerms.push(term);
      });
      if (scoringTerms.length === 0) return;
      const docLangs = shard.head.docLangs;
      // The languages whose statistics score the search are the ones it may return; none listed
      // when every language of the index is searched.
      const allowed = stats.counted?.[s];
      const scoring = {
        terms: scoringTerms,
        norms,
        ...(allowed ? { accept: (d: number) => allowed[docLangs[d]!] === true } : {}),
      };
      if (options.exhaustive) {
        for (const h of exhaustiveTopK(scoring, options.topK)) kept.offer(starts[s]! + h.doc, h.score);
      } else {
        maxScoreInto(scoring, kept, starts[s]!);
      }
    });
    const hits = kept.sorted().map(({ doc, score }): RankedDoc => {
      const shard = shardOf(starts, doc);
      return { doc: doc - starts[shard]!, score, shard };
    });
    return {
      ranked: hits,
      maxScore: sumInOrder(weights),
      typicalScore: this.typicalScore(groups, weights, stats.avgdl),
    };
  }

  /**
   * How well analysed terms match the documents of one language: the summed idf of the distinct
   * terms that occur in at least one of its documents, and how many (term, document) postings
   * of that language they have. What a query-language fallback compares (fanout.ts).
   */
  async languageEvidence(
    terms: readonly string[],
    lang: string,
    guard: ShardGuard = new ShardGuard(),
  ): Promise<{ idf: number; postings: number }> {
    const distinct = [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
    const accept = this.languageFilter([lang])!;
    const lists = await this.eachShard(guard, (shard, signal) => shard.postings(distinct, { signal }));
    let total = 0;
    let postings = 0;
    distinct.forEach((_, t) => {
      let df = 0;
      let inLang = 0;
      lists.forEach((shardLists, s) => {
        const list = shardLists?.[t];
        if (!list) return;
        const { head } = this.reader.shards[s]!;
        const allowed = head.languages.map((l) => accept.has(l));
        df += list.docs.length;
        for (const d of list.docs) if (allowed[head.docLangs[d]!]) inLang++;
      });
      if (inLang > 0) total += idf(this.reader.manifest.docCount, df);
      postings += inLang;
    });
    return { idf: total, postings };
  }

  /**
   * The score of a reference document for these groups: average length, each group matched once
   * by its most probable member (tf' = max p), what fusion 'calibrated' divides by. Unlike the
   * attainable bound it expects a translated group to match one translation, not all of them.
   */
  private typicalScore(groups: readonly TermGroup[], weights: readonly number[], avgdl: number): number {
    const norm = lengthNorm(avgdl, this.reader.manifest.bm25, avgdl);
    let sum = 0;
    groups.forEach((g, i) => {
      const tf = Math.max(0, ...g.terms.map((t) => t.weight));
      sum += termScore(weights[i]!, tf, norm);
    });
    return sum;
  }

  /** Postings of every group member per shard, and each group's BM25 weight qtf · idf(df'). */
  private async groupStatistics(
    groups: readonly TermGroup[],
    stats: CollectionStatistics,
    guard: ShardGuard,
  ): Promise<{
    slots: Map<string, number>;
    /** Per shard; undefined for a shard the guard gave up on. */
    postingsByShard: Array<Array<DecodedPostings | undefined> | undefined>;
    weights: number[];
  }> {
    if (groups.length > MAX_QUERY_TERMS) {
      throw new QueryError(
        `query has ${groups.length} terms; the limit is ${MAX_QUERY_TERMS}. Shorten the query.`,
      );
    }
    const slots = new Map<string, number>();
    for (const group of groups)
      for (const { term } of group.terms) if (!slots.has(term)) slots.set(term, slots.size);
    const termList = [...slots.keys()];
    const plan = memberFetchPlan(termList);
    const fetchedByShard = await this.eachShard(guard, (shard, signal) =>
      shard.postings(plan.fetch, { signal }),
    );
    const postingsByShard = fetchedByShard.map((lists) => lists && plan.members(lists));
    const df = termList.map((_, t) =>
      postingsByShard.reduce((sum, lists, s) => {
        const list = lists?.[t];
        if (!list) return sum;
        return sum + documentFrequency(list, this.reader.shards[s]!.head, stats.counted?.[s]);
      }, 0),
    );
    const weights = groups.map((g) => {
      const groupDf = g.terms.reduce((sum, { term, weight: p }) => sum + p * df[slots.get(term)!]!, 0);
      return g.weight * idf(stats.docCount, groupDf);
    });
    return { slots, postingsByShard, weights };
  }

  /**
   * One group's list in one shard. A plain term (one member, p = 1) keeps its stored list and
   * frontier bound, so monolingual search is exactly BM25; anything else is merged.
   */
  private scoringTerm(
    group: TermGroup,
    weight: number,
    lists: ReadonlyArray<DecodedPostings | undefined>,
    slots: ReadonlyMap<string, number>,
    norms: LengthNorms,
    avgdl: number,
  ): ScoringTerm | undefined {
    const members = group.terms.flatMap(({ term, weight: p }) => {
      const postings = lists[slots.get(term)!];
      return postings && p > 0 ? [{ postings, p }] : [];
    });
    if (members.length === 0) return undefined;
    const only = members[0]!;
    const conjunction = group.terms[0]!.term.includes(PHRASE_TERM_SEPARATOR);
    if (group.terms.length === 1 && only.p === 1 && !conjunction) {
      const upperBound = termUpperBound(weight, only.postings, this.reader.manifest.bm25, avgdl);
      return { weight, postings: only.postings, ...this.impacts.of(only.postings, norms), upperBound };
    }
    const postings = mergeGroupPostings(members);
    const impacts = listImpacts(postings, norms);
    return { weight, postings, ...impacts, upperBound: mergedUpperBound(weight, impacts.impacts) };
  }

  private languageFilter(docLangs: readonly string[] | undefined): Set<string> | undefined {
    if (docLangs === undefined) return undefined;
    try {
      return new Set(docLangs.map((l) => canonicalLanguage(l)));
    } catch (error) {
      if (error instanceof InvalidLanguageTagError)
        throw new QueryError(`document language: ${error.message}`);
      throw error;
    }
  }

  private shardNorms(shard: ShardReader, avgdl: number): LengthNorms {
    let byAvgdl = this.norms.get(shard);
    if (!byAvgdl) this.norms.set(shard, (byAvgdl = new Map()));
    let norms = byAvgdl.get(avgdl);
    if (!norms) {
      // One entry per language set searched with its own statistics; a caller cycling through
      // more sets than NORM_CACHE_AVGDLS recomputes instead of growing without bound.
      if (byAvgdl.size >= NORM_CACHE_AVGDLS) byAvgdl.clear();
      norms = lengthNorms(shard.head.docLengths, this.reader.manifest.bm25, avgdl);
      byAvgdl.set(avgdl, norms);
    }
    return norms;
  }

  /**
   * Ids and languages (and stored text, when asked) of ranked documents, in their order. Under a
   * 'partial' guard, the hits of a shard whose stored documents cannot be read are left out.
   */
  async hitsFor(
    top: readonly RankedDoc[],
    includeText: boolean,
    guard: ShardGuard = new ShardGuard(),
  ): Promise<SearchHit[]> {
    await this.reader.ready();
    const hits: SearchHit[] = top.map((h) => {
      const { head } = this.reader.shards[h.shard]!;
      const lang = head.languages[head.docLangs[h.doc]!]!;
      return {
        docId: head.docId(h.doc),
        lang,
        score: h.score,
        ...(h.raw !== undefined ? { bm25Score: h.raw } : {}),
      };
    });
    if (!includeText) return hits;
    const byShard = new Map<number, number[]>();
    top.forEach((h, i) => {
      const positions = byShard.get(h.shard);
      if (positions) positions.push(i);
      else byShard.set(h.shard, [i]);
    });
    const shards = [...byShard.keys()];
    const stored = await guard.each(shards, (s, signal) =>
      this.reader.shards[s]!.documents(
        byShard.get(s)!.map((i) => top[i]!.doc),
        { signal },
      ),
    );
    shards.forEach((s, k) => {
      const docs = stored[k];
      if (!docs) return;
      byShard.get(s)!.forEach((i, j) => {
        const doc = docs[j]!;
        if (doc.title !== undefined) hits[i]!.title = doc.title;
        hits[i]!.text = doc.text;
      });
    });
    return hits.filter((_, i) => guard.isHealthy(top[i]!.shard));
  }

  /** One read per shard of the index through the guard; undefined for a shard it gave up on. */
  private eachShard<T>(
    guard: ShardGuard,
    read: (shard: ShardReader, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<Array<T | undefined>> {
    const shards = this.reader.shards;
    return guard.each(
      shards.map((_, s) => s),
      (s, signal) => read(shards[s]!, signal),
    );
  }
}
