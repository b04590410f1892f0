/** Tunables of reading an index and limits on what a query may ask of it, in one place. */

/**
 * Postings blobs or stored records closer than this are fetched in one ranged GET: reading
 * a few KiB too many costs less than another request. Farther apart, each gets its own GET
 * (in parallel), so a query's hits spread over a 67 MB doc store read ~1 KiB each, not all
 * of it.
 */
export const DEFAULT_COALESCE_GAP_BYTES = 64 * 1024;

/** More distinct query terms than this is almost certainly not a query; reject it. */
export const MAX_QUERY_TERMS = 1024;

/** Byte budget for decoded postings kept between queries on a warm reader. */
export const DEFAULT_DECODED_POSTINGS_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * What one decoded posting weighs in that budget: its doc id and tf (4 bytes each), and the 8-byte
 * impact search keeps beside a list it has scored (lib/search/impacts.ts), which lives as long as
 * the list stays cached. Search's block maxima are not counted: one 8-byte maximum per block of
 * 2,048 documents, kept only for lists with 4 or more postings per block, so at most 2 bytes a
 * posting and in practice far less (bench:bm25's 1M index: 6.6 MiB beside the 32.1M postings
 * 1,000 queries keep, 0.2 bytes a posting). Counting them at their bound pushed that working set
 * (490 MiB at 16 bytes) past the 512 MiB default, and warm top-10 from 0.9 to 1.5–1.9 ms. A
 * frontier point is two 4-byte numbers.
 */
export const DECODED_POSTING_BYTES = 16;
export const DECODED_FRONTIER_POINT_BYTES = 8;
/** A decoded list's fixed cost: its object and typed-array headers, roughly. */
export const DECODED_LIST_OVERHEAD_BYTES = 64;
