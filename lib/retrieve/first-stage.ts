/**
 * The first stage of a retrieval: which method answers (one rule for every front end), under the
 * request's deadline and shard-failure policy. Shards are read through a ShardGuard that carries
 * the deadline's signal to every GET; under "partial" a shard that fails or stalls past its share
 * of the remaining time is left out, and the retrieval says which.
 */
import {
  CrossLingualSearcher,
  resolveFanOutLanguage,
  ShardGuard,
  type CrossLingualResult,
  type ResolvedLanguage,
  type SearchResult,
  type TranslatorSource,
} from '../search/index.js';
import { canonicalLanguage, UNDETERMINED_LANGUAGE } from '../text/index.js';
import { DEFAULT_FIRST_STAGE, DEFAULT_SHARD_FAILURE, SHARD_WAIT_SHARE } from './constants.js';
import type { RequestDeadline } from './deadline.js';
import { RetrieveRequestError, ShardUnavailableError } from './errors.js';
import type { FirstStageChoice, FirstStageMethod, RetrieveRequest, RetrieveSources } from './types.js';

export interface FirstStage {
  first: SearchResult & Partial<CrossLingualResult>;
  language: ResolvedLanguage;
  method: FirstStageMethod;
  guard: ShardGuard;
}

/**
 * The one rule: BM25 when asked, PSQ when asked (and lexicons exist); 'auto' translates exactly
 * when there are lexicons and some searched document language differs from the query's.
 */
export function chooseFirstStage(
  choice: FirstStageChoice,
  lexicons: TranslatorSource | undefined,
  queryLang: string,
  searchLangs: readonly string[],
): FirstStageMethod {
  if (choice === 'psq' && lexicons === undefined) {
    throw new RetrieveRequestError('the psq first stage needs lexicons, and none are configured');
  }
  if (choice !== 'auto') return choice;
  return lexicons !== undefined && searchLangs.some((l) => l !== queryLang) ? 'psq' : 'bm25';
}

/** The document languages a request may search: those it names (each must be in the index), or all. */
export function documentLanguages(
  indexName: string,
  indexLangs: readonly string[],
  requested: readonly string[] | undefined,
): { langs: string[]; requested: boolean } {
  const searchable = indexLangs.filter((l) => l !== UNDETERMINED_LANGUAGE);
  if (requested === undefined) return { langs: searchable, requested: false };
  const langs = [...new Set(requested.map((l) => canonicalLanguage(l)))];
  const missing = langs.filter((l) => !indexLangs.includes(l));
  if (missing.length > 0) {
    throw new RetrieveRequestError(
      `index ${indexName} has no documents in ${missing.join(', ')}; its languages: ${indexLangs.join(', ')}`,
    );
  }
  return { langs, requested: true };
}

export function candidateCount(request: Pick<RetrieveRequest, 'topK' | 'rerank'>): number {
  return Math.max(request.topK, request.rerank?.depth ?? 0);
}

/**
 * Runs the first stage. Under "fail" a shard fault is a ShardUnavailableError naming the shard;
 * under "partial" so is the case where no shard answered at all.
 */
export async function runFirstStage(
  sources: RetrieveSources,
  request: RetrieveRequest,
  deadline: RequestDeadline,
): Promise<FirstStage> {
  const reader = sources.searcher.reader;
  const guard = new ShardGuard({
    mode: request.onShardFailure ?? DEFAULT_SHARD_FAILURE,
    signal: deadline.signal,
    waitMs: () => deadline.remainingMs() * SHARD_WAIT_SHARE,
  });
  let stage: Omit<FirstStage, 'guard'>;
  try {
    stage = await deadline.race(search(sources, request, guard));
  } catch (error) {
    if (deadline.expired || guard.failedShards.length === 0) throw error;
    throw shardError(sources, guard);
  }
  const failed = guard.failedShards;
  if (failed.length > 0) {
    if (failed.length === reader.shards.length) throw shardError(sources, guard);
    sources.log?.warn(`index ${sources.indexName}: answered without shards ${failed.join(', ')} (partial)`, {
      causes: failed.map((s) => guard.failure(s)?.message),
    });
  }
  return { ...stage, guard };
}

async function search(
  sources: RetrieveSources,
  request: RetrieveRequest,
  guard: ShardGuard,
): Promise<Omit<FirstStage, 'guard'>> {
  const { searcher } = sources;
  const choice = request.firstStage ?? DEFAULT_FIRST_STAGE;
  const docLangs = documentLanguages(sources.indexName, searcher.reader.manifest.languages, request.docLangs);
  // A query in a given language over documents all in it translates nothing, so 'auto' does not
  // open the lexicons for it: a cold monolingual search waits for no pack, and needs none.
  const monolingual = request.queryLang !== undefined && docLangs.langs.every((l) => l === request.queryLang);
  const needsLexicons = choice === 'psq' || (choice === 'auto' && !monolingual);
  const lexicons = needsLexicons ? await sources.lexicons?.() : undefined;
  const detector = request.queryLang === undefined ? await sources.detector() : undefined;
  // Never a dead end: a detected language that cannot reach the documents falls back (fanout.ts).
  const language = await resolveFanOutLanguage(searcher, lexicons, request.query, {
    queryLang: request.queryLang,
    detector,
    docLangs: docLangs.langs,
    shards: guard,
  });
  const searchLangs = docLangs.langs.filter((l) => !language.unreachable.includes(l));
  const method = chooseFirstStage(choice, lexicons, language.lang, searchLangs);
  const options = {
    topK: candidateCount(request),
    queryLang: language.lang,
    includeText: request.rerank !== undefined || request.returnDocuments === true,
    shards: guard,
    ...(request.fusion ? { fusion: request.fusion } : {}),
    ...(docLangs.requested || language.unreachable.length > 0 ? { docLangs: searchLangs } : {}),
  };
  const first =
    method === 'psq'
      ? await new CrossLingualSearcher(searcher, lexicons!).search(request.query, options)
      : await searcher.search(request.query, options);
  return { first, language, method };
}

/** Which shards of the index could not be read, and why (no locations). */
function shardError(sources: RetrieveSources, guard: ShardGuard): ShardUnavailableError {
  const failed = guard.failedShards;
  const total = sources.searcher.reader.shards.length;
  const cause = guard.failure(failed[0]!)?.message ?? 'unknown';
  sources.log?.error(`index ${sources.indexName}: shards ${failed.join(', ')} of ${total} failed: ${cause}`);
  const which =
    failed.length === total
      ? `no shard of index ${sources.indexName} could be read`
      : `shard ${failed.join(', ')} of index ${sources.indexName} (${total} shards) could not be read`;
  const advice =
    guard.mode === 'fail'
      ? '; on_shard_failure is "fail", so nothing is returned: send "partial" for the other shards\' results'
      : '';
  return new ShardUnavailableError(`${which} (${cause})${advice}`, failed);
}
