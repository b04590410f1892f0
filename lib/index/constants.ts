/** Tunables and format identifiers of the index, kept in one place. */

/** Anserini's defaults for BM25 (Lucene variant). */
export const DEFAULT_K1 = 0.9;
export const DEFAULT_B = 0.4;

/** Documents per shard unless `--shard-docs` says otherwise. Bounds builder memory. */
export const DEFAULT_SHARD_DOCS = 100_000;

export const MANIFEST_KEY = 'manifest.json';
export const MANIFEST_FORMAT = 'xlir-index';
/**
 * The one manifest version this code writes and reads. Version 2 added the manifest's own
 * checksum; a version 1 manifest has none, so nothing could tell a flipped digit in it from the
 * truth, and it is refused (rebuild or republish the index) rather than trusted.
 */
export const MANIFEST_VERSION = 2;

export const SHARD_MAGIC = 'XLIRSHD1';
export const DOCSTORE_MAGIC = 'XLIRDOC1';
export const SHARD_FORMAT_VERSION = 1;
export const DOCSTORE_FORMAT_VERSION = 1;

/**
 * How growable buffers of the builder grow. Below 2 because a shard's buffers are tens of MB:
 * doubling leaves up to half of each unused, and a worker holds both buffers while copying.
 */
export const GROWTH_FACTOR = 1.5;

/** Fixed size of the shard header; sections after it are 8-byte aligned. */
export const SHARD_HEADER_BYTES = 64;
export const DOCSTORE_HEADER_BYTES = 16;

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

/** The per-shard statistics object a distributed build leaves beside each shard for publishing. */
export const SHARD_STATS_FORMAT = 'xlir-shard-stats';
export const SHARD_STATS_VERSION = 1;

/**
 * Build ids chosen outside the builder (e.g. a Step Functions execution name) become one key
 * segment: starting with a letter or digit rules out '.' and '..', and the set is S3-safe.
 */
export const BUILD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * How long `xlir index gc` leaves a build that no manifest names before deleting it. Two kinds of
 * work must never lose objects under them: readers pinned to a replaced build (the API swaps
 * builds within XLIR_INDEX_REFRESH_MS plus one request, seconds; a CLI search, an experiment or a
 * server whose manifest checks fail keeps its build longer), and a build still being written
 * (its shards exist before its manifest; the stack's build state machine may run 6 hours). A day
 * covers both with room to spare and costs a day of storage for each replaced build.
 */
export const DEFAULT_GC_GRACE_HOURS = 24;

/**
 * Where gc notes when it first saw a build that no manifest names and whose age it cannot tell
 * otherwise (not published, or published after the current build): `builds/<id>/<this>`. The
 * object store keeps no dates that lib/storage exposes, so gc keeps its own; the build is deleted
 * once a later run finds the note older than the grace period. Written once, deleted with the build.
 */
export const GC_MARK_FILE = 'gc-unreferenced.json';
export const GC_MARK_FORMAT = 'xlir-gc-mark';

/** Deletes gc sends at once: enough to hide latency, few enough not to be throttled by S3. */
export const GC_DELETE_CONCURRENCY = 16;
