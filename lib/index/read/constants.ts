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
 * What one decoded posting weighs in that budget: its doc id and tf (4 bytes each), and what
 * search keeps beside a list it has scored (lib/search/impacts.ts), which lives as long as the
 * list stays cached: an 8-byte impact, and at most 2 bytes of block maxima (kept only for lists
 * with 4 or more postings per block). A frontier point is two 4-byte numbers.
 */
export const DECODED_POSTING_BYTES = 18;
export const DECODED_FRONTIER_POINT_BYTES = 8;
/** A decoded list's fixed cost: its object and typed-array headers, roughly. */
export const DECODED_LIST_OVERHEAD_BYTES = 64;
