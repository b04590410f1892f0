/**
 * Limits, defaults and billing rule of the rerank routes (/v1/rerank, /v2/rerank, /rerank), in
 * one place with their reasons. The general limits (body size, query length, documents per
 * request) are in constants.ts.
 */

/**
 * Most chunks one rerank request may be split into, all documents together; more is a 413.
 * This is Cohere v1's own limit (documents × max_chunks_per_doc must stay under 10,000), and it
 * bounds the work of a request: every chunk is one model pass of up to max_length tokens. The
 * request size itself is bounded by the body limit (MAX_BODY_BYTES, 413), not per document:
 * documents are chunked, so a long one costs its chunks, not a rejection.
 */
export const MAX_RERANK_CHUNKS = 10_000;

/** Cohere v1's default max_chunks_per_doc. */
export const DEFAULT_MAX_CHUNKS_PER_DOC = 10;

/** Cohere v2's default max_tokens_per_doc: tokens of a document read before the rest is ignored. */
export const DEFAULT_MAX_TOKENS_PER_DOC = 4_096;

/**
 * Billing, as Cohere counts rerank search units: one unit per query with up to 100 documents
 * (DOCUMENTS_PER_SEARCH_UNIT in constants.ts), where "documents longer than 500 tokens, when
 * including the length of the search query, will be split up into multiple chunks, where each
 * chunk counts as a singular document". So a document counts ⌈(query + document tokens) / 500⌉
 * times, at least once, with the tokens the model's tokenizer read (after max_tokens_per_doc or
 * max_chunks_per_doc, without special tokens). A request is billed
 * ⌈Σ counts / 100⌉ units, at least 1; the quota is checked against ⌈documents / 100⌉ before
 * the documents are tokenised, and the usage record carries the units billed.
 */
export const TOKENS_PER_BILLED_DOCUMENT = 500;

/**
 * Characters of a document that language detection reads to route it to a model variant. The
 * language of a document shows in its first paragraphs, and detection time grows with length.
 */
export const LANGUAGE_SAMPLE_CHARS = 2_000;

/**
 * How structured documents are read. A v1 document object is ranked on its `rank_fields`, in
 * that order, or else on `title` then `text`; the values present are joined with a newline,
 * without field names. The cross-encoders were trained on plain passages (a title followed by
 * text is BEIR's convention for them), so "title: …" keys would be noise to them; a newline is
 * whitespace to every tokenizer, so the title and text never merge into one word.
 */
export const DEFAULT_RANK_FIELDS: readonly string[] = ['title', 'text'];
export const RANK_FIELD_SEPARATOR = '\n';

/** Cohere reports its API version in meta. */
export const COHERE_V1_API_VERSION = '1';
export const COHERE_V2_API_VERSION = '2';

/**
 * How long one inference batch of a server's rerank may run, by the model's measured cost per
 * token (a single pair at least). Batches run in the inference thread, not on the event loop
 * (lib/rerank/inference-host.ts), but there one after another: cut small, a small rerank arriving
 * during a 1,000-document one waits about one batch for its turn rather than the whole list, and
 * the deadline cuts at most one short batch. The rerank
 * itself took no longer (bench/api/rerank-stall.ts): with dynamic padding, smaller batches pad
 * less, which pays for the extra runs (each costs a message to the worker and back, ~0.1 ms).
 */
export const RERANK_BATCH_MS = 5;
