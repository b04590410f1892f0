/** Tunables and hash streams of lib/training-data, kept in one place. */

/** SQuAD pairs: negatives per example and how many of them come from BM25 (Litschko et al. 2023). */
export const DEFAULT_NEGATIVES = 4;
export const DEFAULT_BM25_NEGATIVES = 1;

/**
 * Streams of the SQuAD pair builder's draws (negative sampling, the held-out articles), hashed with
 * lib/codeswitch's hashWords. They continue lib/codeswitch's STREAM_* numbering (0-2) so no two
 * purposes share a stream.
 */
export const STREAM_SQUAD_NEGATIVES = 3;
export const STREAM_VALID_ARTICLES = 4;
