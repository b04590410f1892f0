/** Tunables of building, publishing and cleaning up indexes, in one place. */
import { availableParallelism } from 'node:os';

/** Anserini's defaults for BM25 (Lucene variant). */
export const DEFAULT_K1 = 0.9;
export const DEFAULT_B = 0.4;

/**
 * Documents per shard unless `--shard-docs` says otherwise. A cold query costs a GET per query term
 * per shard (and two per shard head when the head bundle cannot serve them), so fewer shards answer
 * it in fewer requests: on the 1M-document benchmark index, 5–10 GETs with one shard against 41–91
 * with ten of 100k (a Worker may send 50). Warm queries barely care (one shared heap: 1, 2 and 10
 * shards of the same 1M documents measured within 10% of each other). Larger shards are built as
 * segments.
 */
export const DEFAULT_SHARD_DOCS = 1_000_000;

/**
 * Most documents a shard writer holds at once: a shard larger than this is built as segments,
 * merged once all are written (lib/index/build/merge.ts). A writer holds its documents' postings
 * and stored text in memory; one of 1M documents peaked at 2,285 MiB RSS, ten of 100k on two
 * workers at 1,363 MiB.
 */
export const SEGMENT_DOCS = 100_000;

/**
 * Worker threads a build uses unless `--workers` says otherwise: one per CPU but one, and 1 (the
 * reading thread builds too) on two cores. The reading thread is busy for the whole build (it
 * reads, parses and checks every record and copies each batch to a worker), so a worker per core
 * oversubscribes the cores and adds copies and heaps. On two cores, the 10M bench corpus built
 * with two workers in 272 s, 473 CPU s, 2,200 MiB peak RSS; on the reading thread alone in 345 s,
 * 393 CPU s, 1,443 MiB (1M: 25 s, 44 CPU s, 1,706 MiB against 30 s, 34 CPU s, 1,037 MiB).
 */
export function defaultBuildWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The largest head bundle publish writes (ARCHITECTURE.md, "Head bundle"). The bundle is one GET:
 * it saves a cold open one round trip (60 ms on bench:bm25's store), but a single stream from S3
 * or R2 carries some 50–100 MB/s, so a large bundle's transfer costs more than that round trip
 * while the shards' heads, read with parallel ranged GETs, arrive sooner. 32 MiB was set from
 * those rates and holds the 1M bench index's 13.2 MB head; its 10M index (142 MB of heads) gets an
 * empty bundle. Measured since (docs/benchmarks.md), the 1M index's bundle already loses ~25 ms
 * when each GET also streams at 80 MB/s (318 against 293 ms), while it wins ~60 ms with latency
 * alone: the cap suits the bench's latency-only store, and is generous where bandwidth counts.
 */
export const HEAD_BUNDLE_MAX_BYTES = 32 * 2 ** 20;

/** The per-shard statistics object a distributed build leaves beside each shard for publishing. */
export const SHARD_STATS_FORMAT = 'xlir-shard-stats';
/**
 * 3: the shard entry inside says where its head splits (`dictionaryBytes`, manifest version 4);
 * 2 listed its stored documents as `docs` parts (manifest version 3).
 */
export const SHARD_STATS_VERSION = 3;

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
