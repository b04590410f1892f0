/**
 * The caller's documents through lib/rerank's Reranker, for every rerank route (Cohere v1 and
 * v2, TEI; routes/rerank.ts shapes each response). There is no first stage, so fusion is pure
 * rerank (λ = 1), and a model that reads a first-stage score gets none ([0, 0], which it was
 * trained to read as "absent"), except through xlir's extension, which sends each document's;
 * languages are detected (query and each document) to route each pair to its
 * model variant, unless the request names a model or an alias of one (routing.json).
 *
 * A long document is chunked, truncated or refused as the route asks (lib/rerank/chunking.ts);
 * when chunked it scores as its best chunk. Errors name the documents as the route's API does
 * ("documents.3", "texts.3"), never a server path.
 *
 * A language pair that routing.json sends to "none" (no variant measured better than a first
 * stage there) has nothing to keep here, since there is no first stage: a plain request is
 * refused with 422 and told to name a model. A request carrying `routing` (/v1/search's scoring
 * done remotely, lib/retrieve/remote-reranker.ts) gets no scores and the choice, and its caller
 * keeps its own first-stage order.
 */
import { UNDETERMINED_LANGUAGE } from '../index/index.js';
import {
  AUTO_MODEL,
  ChunkLimitError,
  NO_RERANK,
  PassageTooLongError,
  sigmoid,
  TimeSlicer,
  type LongPassages,
  type MixedLanguageStrategy,
  type ModelChoice,
  type Reranker,
  type RerankTiming,
} from '../rerank/index.js';
import type { LanguageDetector } from '../text/index.js';
import { ApiError } from './errors.js';
import type { ModelService } from './models.js';
import { LANGUAGE_SAMPLE_CHARS, MAX_RERANK_CHUNKS, TOKENS_PER_BILLED_DOCUMENT } from './rerank-limits.js';
import { searchUnits, type Consumption } from './search-service.js';

/** Fusion weight of the reranker: the caller's documents have no first-stage score to fuse with. */
const PURE_RERANK = 1;

export interface RerankInput {
  query: string;
  /** The text each document is ranked on (structured documents already joined). */
  texts: readonly string[];
  /** A model id, an alias from routing.json, or "auto"; absent means "auto". */
  model?: string | undefined;
  /** Long documents: chunked (Cohere), truncated or refused (TEI); the total is capped here. */
  long: LongPassages;
  /** What the route's API calls the documents, for error messages: "documents", "texts". */
  field: string;
  /**
   * The languages to route by instead of detecting them (xlir's extension of /v1/rerank, which
   * its edge Worker sends: the search already knows them).
   */
  routing?: {
    queryLang: string;
    docLangs: readonly string[];
    /** Each document's first-stage score, for models with a first_stage input (first-stage.ts). */
    firstStageScores?: readonly number[];
    strategy?: MixedLanguageStrategy;
  };
  /**
   * The caller's remaining time (xlir's extension; the server's deadline caps it). The reranker
   * plans its batches in it, as /v1/search's rerank does, and what it cannot score in time is
   * left out of the answer (the caller keeps those in first-stage order).
   */
  deadlineMs?: number;
}

export interface RankedDocument {
  /** Position in the request's documents. */
  index: number;
  /** In [0, 1]: the model's calibrated score, else the sigmoid of its logit. */
  relevance: number;
  /** The raw score of the document's best chunk. */
  logit: number;
  /** The model that scored it. */
  model: string;
  /** The score /v1/search fuses: calibrated when the model has a calibration, else the logit. */
  score: number;
  /** Document translation's score, fused next to the first stage's (lib/rerank gloss-match.ts). */
  documentMatch?: number;
}

export interface RerankOutcome {
  /** Every document, best first. */
  ranked: RankedDocument[];
  /** Search units billed (rerank-limits.ts), model tokens and documents scored. */
  consumption: Consumption;
  /** The variant used for each document language, and why. */
  models: ModelChoice[];
  strategy: MixedLanguageStrategy;
  timing: RerankTiming;
}

/** Search units of a rerank, as Cohere counts them (TOKENS_PER_BILLED_DOCUMENT). */
export function rerankUnits(inputTokens: readonly number[]): number {
  const documents = inputTokens.reduce(
    (sum, tokens) => sum + Math.max(1, Math.ceil(tokens / TOKENS_PER_BILLED_DOCUMENT)),
    0,
  );
  return searchUnits(documents);
}

/** The model id (or "auto") a request names; 404 naming what exists when it names nothing known. */
function resolveModel(reranker: Reranker, requested: string | undefined): string {
  const registry = reranker.registry;
  const resolved = registry.resolveName(requested);
  if (resolved !== undefined) return resolved;
  const aliases = Object.keys(registry.table.aliases);
  throw new ApiError(
    404,
    'not_found',
    `no model "${requested}"; models: ${AUTO_MODEL}, ${registry.ids().join(', ')}${aliases.length > 0 ? `; aliases: ${aliases.join(', ')}` : ''}`,
  );
}

/** The language a document routes as, detected on its beginning. */
function documentLanguage(detector: LanguageDetector, text: string, fallback: string): string {
  return detector.detect(text.slice(0, LANGUAGE_SAMPLE_CHARS))?.lang ?? fallback;
}

/**
 * Every document's language. Detection is synchronous (~0.1–0.5 ms a document), so a
 * 1,000-document request pauses between documents once a slice is used up, letting other
 * requests run instead of waiting behind it.
 */
async function documentLanguages(
  detector: LanguageDetector,
  texts: readonly string[],
  fallback: string,
): Promise<string[]> {
  const slicer = new TimeSlicer();
  const langs: string[] = [];
  for (const text of texts) {
    await slicer.pause();
    langs.push(documentLanguage(detector, text, fallback));
  }
  return langs;
}

export async function rerankDocuments(
  models: ModelService,
  detector: LanguageDetector,
  input: RerankInput,
): Promise<RerankOutcome> {
  const reranker = await models.reranker();
  const model = resolveModel(reranker, input.model);
  const { routing } = input;
  const queryLang = routing?.queryLang ?? detector.detect(input.query)?.lang ?? UNDETERMINED_LANGUAGE;
  const long: LongPassages =
    input.long.mode === 'chunk' ? { totalChunks: MAX_RERANK_CHUNKS, ...input.long } : input.long;
  const langs = routing ? [...routing.docLangs] : await documentLanguages(detector, input.texts, queryLang);
  const result = await reranker
    .rerank({
      query: input.query,
      queryLang,
      // Without first-stage scores every row is [0, 0]: the model reads "no first stage".
      candidates: input.texts.map((text, i) => ({
        docId: String(i),
        lang: langs[i]!,
        text,
        bm25Score: routing?.firstStageScores?.[i] ?? 0,
      })),
      depth: input.texts.length,
      model,
      lambda: PURE_RERANK,
      long,
      ...(routing?.strategy !== undefined ? { strategy: routing.strategy } : {}),
      ...(input.deadlineMs !== undefined ? { deadlineMs: input.deadlineMs } : {}),
    })
    .catch((error: unknown) => {
      throw explain(error, input.field);
    });
  const kept = result.models.filter((m) => m.model === NO_RERANK);
  if (kept.length > 0 && !routing) {
    const pairs = kept.map((m) => `${queryLang}→${m.docLang}`).join(', ');
    throw new ApiError(
      422,
      'validation_error',
      `no reranker is routed for ${pairs} (routing.json keeps the first-stage order there, and /v1/rerank has none); name a model, e.g. "model": "${reranker.registry.table.multilingual}"`,
    );
  }
  const calibrated = (id: string): boolean => reranker.registry.model(id).manifest.calibration !== undefined;
  // Every document is scored unless a deadline was given (xlir's extension), which may leave some out.
  const ranked = result.results
    .filter((doc) => doc.rerankScore !== undefined)
    .map((doc) => ({
      index: Number(doc.docId),
      // Cohere's relevance scores lie in [0, 1]: a calibrated score already does, a raw logit not.
      relevance: calibrated(doc.model!) ? doc.rerankScore! : sigmoid(doc.logit!),
      logit: doc.logit!,
      model: doc.model!,
      score: doc.rerankScore!,
      ...(doc.documentMatch !== undefined ? { documentMatch: doc.documentMatch } : {}),
    }));
  return {
    ranked,
    consumption: {
      billedUnits: rerankUnits(result.results.map((doc) => doc.inputTokens ?? 0)),
      documentsReranked: result.counts.scored,
      tokens: result.tokens,
    },
    models: result.models,
    strategy: result.strategy,
    timing: result.timing,
  };
}

/** lib/rerank's size errors in the route's terms, as 413s; anything else as it is. */
function explain(error: unknown, field: string): unknown {
  if (error instanceof PassageTooLongError) {
    return new ApiError(
      413,
      'payload_too_large',
      `${field}.${error.docId} does not fit the model next to the query: model ${error.model} reads ${error.maxLength} tokens, special tokens included; shorten it, or send "truncate": true to cut it`,
    );
  }
  if (error instanceof ChunkLimitError) {
    return new ApiError(
      413,
      'payload_too_large',
      `the ${field} split into more than ${error.limit} chunks of the model's length; at most ${MAX_RERANK_CHUNKS} per request: send fewer or shorter ${field}, or lower max_tokens_per_doc or max_chunks_per_doc`,
    );
  }
  return error;
}
