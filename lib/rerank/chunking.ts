/**
 * Passages longer than a model reads. A cross-encoder sees at most max_length tokens of
 * (query, passage), special tokens included; what becomes of the rest is the caller's choice:
 *
 *   truncate  longest_first cuts the pair to max_length (HF's rule, truncation.ts). Right for
 *             /v1/search, whose candidates are index passages written to fit.
 *   reject    a pair that would be cut is an error (PassageTooLongError): TEI's truncate: false.
 *   chunk     the passage is split into chunks that each fit next to the query, every chunk is
 *             scored, and the passage scores as its best chunk (the largest logit): the Cohere
 *             and Jina rerank APIs, where a long document's relevant paragraph may be anywhere.
 *
 * Chunks are consecutive, non-overlapping runs of the passage's tokens (the model's own
 * tokenizer), each `chunkTokens` long: max_length minus the pair template's special tokens
 * minus the query's tokens, so every chunk is read whole next to the whole query. A query that
 * needs more than half of that budget is cut to half by longest_first, and chunks get the other
 * half. Chunks do not overlap, so each token is read once: the cost is linear in the tokens
 * read. `tokensPerPassage` and `chunksPerPassage` cap what is read of one passage (Cohere v2's
 * max_tokens_per_doc, v1's max_chunks_per_doc); the rest is ignored, as Cohere ignores it.
 * `totalChunks` caps the chunks of the whole request (ChunkLimitError).
 */
import type { EncodedPair, PairTokenizer } from './tokenizer.js';

export type LongPassages =
  | { mode: 'truncate' }
  | { mode: 'reject' }
  | { mode: 'chunk'; tokensPerPassage?: number; chunksPerPassage?: number; totalChunks?: number };

export const LONG_PASSAGE_MODES: ReadonlyArray<LongPassages['mode']> = ['truncate', 'reject', 'chunk'];

export interface EncodedCandidate {
  /** The model inputs: one pair per chunk, exactly one unless chunked. */
  pairs: EncodedPair[];
  /** Query and passage tokens read, special tokens not counted, the query counted once. */
  inputTokens: number;
  /** Whether part of the passage (or of an over-long query) was left unread. */
  cut: boolean;
}

/** Passage tokens per chunk next to a query of `queryTokens` tokens (at least half the budget). */
export function chunkTokens(pairOverhead: number, maxLength: number, queryTokens: number): number {
  const budget = maxLength - pairOverhead;
  return Math.max(budget - queryTokens, Math.ceil(budget / 2), 1);
}

/** The pairs that score one passage under `long` (reject is enforced by the caller, from `cut`). */
export function encodeCandidate(
  tokenizer: PairTokenizer,
  queryIds: readonly number[],
  passage: string,
  maxLength: number,
  long: LongPassages,
): EncodedCandidate {
  if (long.mode !== 'chunk') {
    const pair = tokenizer.encodePassage(queryIds, passage, maxLength);
    return { pairs: [pair], inputTokens: pair.ids.length - tokenizer.pairOverhead, cut: pair.truncated };
  }
  const size = chunkTokens(tokenizer.pairOverhead, maxLength, queryIds.length);
  const cap = Math.min(long.tokensPerPassage ?? Infinity, (long.chunksPerPassage ?? Infinity) * size);
  // One token past the cap tells whether anything was left unread.
  const ids = tokenizer.tokenizePassage(passage, cap + 1);
  const read = Math.min(ids.length, cap);
  const count = Math.max(1, Math.ceil(read / size));
  const pairs: EncodedPair[] = [];
  for (let c = 0; c < count; c++) {
    const chunk = ids.slice(c * size, Math.min((c + 1) * size, read));
    pairs.push(tokenizer.encodePair(queryIds, chunk, maxLength));
  }
  return {
    pairs,
    inputTokens: queryIds.length + read,
    cut: read < ids.length || pairs.some((p) => p.truncated),
  };
}
