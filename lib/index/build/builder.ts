/**
 * Streams a corpus into document-partitioned shards and publishes them
 * atomically: every shard and doc store first, the manifest last.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../../storage/index.js';
import { DEFAULT_B, DEFAULT_K1, DEFAULT_SHARD_DOCS, SEGMENT_DOCS } from './constants.js';
import { IndexInputError } from '../errors.js';
import { DocIdSet } from './id-set.js';
import type { CorpusRecord } from './input.js';
import { segmentsPrefix, type Manifest } from '../format/manifest.js';
import { removeEmptyFolders } from './folders.js';
import { manifestFromShards, publishManifest } from './publish.js';
import {
  duplicateIdError,
  fallbackLanguage,
  languageResolver,
  toShardRecord,
  validateBm25,
} from './records.js';
import { runIndexJob } from './jobs.js';
import type { MergeJob } from './merge.js';
import type { ShardJob, ShardRecord, ShardResult } from './shard-builder.js';
import { ShardWorkerPool } from './shard-pool.js';

export interface BuildProgress {
  /** reading: documents are being read and batched; finishing: the last shards are being written. */
  phase: 'reading' | 'finishing';
  docs: number;
  /** Shards started, and of those written so far (workers finish them after reading ends). */
  shards: number;
  shardsWritten: number;
  elapsedMs: number;
}

export interface BuildOptions {
  /** Language for records without a "lang" field; detection is used when absent. */
  lang?: string;
  shardDocs?: number;
  /**
   * Most documents analysed in memory at once (SEGMENT_DOCS): a larger shard is built as segments
   * of at most this many, merged when all are written. Bounds builder memory; tests set it small.
   */
  segmentDocs?: number;
  /** The largest head bundle publish writes (HEAD_BUNDLE_MAX_BYTES); tests set it small. */
  headBundleMaxBytes?: number;
  k1?: number;
  b?: number;
  /** Keep the first of several records with one id instead of failing the build. */
  skipDuplicates?: boolean;
  /**
   * Worker threads that build shards in parallel. Workers reopen the store
   * from `store.uri`, so a custom in-memory ObjectStore needs workers ≤ 1
   * (the default, which builds on the calling thread).
   */
  workers?: number;
  onProgress?: (progress: BuildProgress) => void;
  /** Clock injection keeps build ids deterministic in tests. */
  now?: () => Date;
}

export interface BuildReport {
  manifest: Manifest;
  duplicatesSkipped: number;
  detectedLanguageDocs: number;
}

function newBuildId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
}

function validateParams(options: BuildOptions) {
  const bm25 = validateBm25(options.k1 ?? DEFAULT_K1, options.b ?? DEFAULT_B);
  const shardDocs = options.shardDocs ?? DEFAULT_SHARD_DOCS;
  const segmentDocs = options.segmentDocs ?? SEGMENT_DOCS;
  const workers = options.workers ?? 1;
  if (!Number.isInteger(shardDocs) || shardDocs < 1) {
    throw new IndexInputError(`--shard-docs must be a positive integer, got ${shardDocs}`);
  }
  if (!Number.isInteger(segmentDocs) || segmentDocs < 1) {
    throw new IndexInputError(`segmentDocs must be a positive integer, got ${segmentDocs}`);
  }
  if (!Number.isInteger(workers) || workers < 1)
    throw new IndexInputError(`workers must be ≥ 1, got ${workers}`);
  return { bm25, shardDocs, segmentDocs, workers };
}

/**
 * Runs builds and merges on the calling thread or on a worker pool. A merge runs alone: it waits
 * for the builds in flight and holds later ones back until it ends, so a shard's segments and the
 * next shard's are never in memory beside a merge. Where the merge runs changed little: on the
 * first 2M documents of the 10M bench corpus, two workers peaked at 1,827 MiB RSS merging in the
 * pool, 1,849 MiB on a thread of its own started for it, 2,110 MiB on the reading thread, and
 * 1,329 MiB with shards of 100,000 (no merges; docs/benchmarks.md).
 */
function jobRunner(store: ObjectStore, workers: number) {
  const pool = workers > 1 ? new ShardWorkerPool(workers, store.uri) : undefined;
  /** Builds handed on (or waiting for a worker) and not yet settled. */
  const inFlight = new Set<Promise<unknown>>();
  /** Settles when the last merge asked for has ended: builds submitted meanwhile wait for it. */
  let merging: Promise<unknown> = Promise.resolve();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const drop = () => inFlight.delete(work);
    work.then(drop, drop);
    return work;
  };
  return {
    /** Resolves once a thread has taken the job (the reader's backpressure); `done` settles with its result. */
    async submit(job: ShardJob): Promise<{ done: Promise<ShardResult> }> {
      await merging;
      if (!pool) {
        const done = track(runIndexJob(job, store));
        await done;
        return { done };
      }
      const taken = track(pool.submit(job));
      const { done } = await taken;
      return { done: track(done) };
    },
    /** Merges a shard's segments once every build in flight has settled, before any later one. */
    merge(job: MergeJob): Promise<ShardResult> {
      const run = merging.then(async () => {
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        return pool ? (await pool.submit(job)).done : runIndexJob(job, store);
      });
      merging = run.catch(() => {});
      return run;
    },
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * How a shard is cut into segments: as few as keep each at most `segmentDocs` documents, all of
 * one size but the last, so that shard i still holds documents [i·shardDocs, (i+1)·shardDocs).
 */
function segmentSize(shardDocs: number, segmentDocs: number): number {
  return Math.ceil(shardDocs / Math.ceil(shardDocs / segmentDocs));
}

export async function buildIndex(
  records: AsyncIterable<CorpusRecord>,
  store: ObjectStore,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const { bm25, shardDocs, segmentDocs, workers } = validateParams(options);
  const segmentLimit = segmentSize(shardDocs, segmentDocs);
  const fallbackLang = fallbackLanguage(options.lang);
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const buildId = newBuildId(now());
  const resolveLanguage = languageResolver(fallbackLang);
  const seenIds = new DocIdSet();
  let batch: ShardRecord[] = [];
  let docCount = 0;
  let duplicatesSkipped = 0;
  let phase: BuildProgress['phase'] = 'reading';
  /** The shard being filled: its index, documents so far, and its segments submitted so far. */
  let shardIndex = 0;
  let docsInShard = 0;
  let segments: Array<Promise<ShardResult>> = [];
  const shards: Array<Promise<ShardResult>> = [];
  let shardsWritten = 0;
  const report = () =>
    options.onProgress?.({
      phase,
      docs: docCount,
      shards: shardIndex + (docsInShard > 0 ? 1 : 0),
      shardsWritten,
      elapsedMs: Date.now() - started,
    });
  const runner = jobRunner(store, workers);
  const pending = (result: Promise<ShardResult>) => {
    // A handler now, so a failure is not reported as unhandled before the build awaits it.
    result.then(
      () => {
        shardsWritten++;
        // While reading, progress goes with documents; after it, each written shard is news.
        if (phase === 'finishing') report();
      },
      () => {},
    );
    return result;
  };
  const mergeOnceWritten = async (index: number, written: Array<Promise<ShardResult>>) =>
    runner.merge({ buildId, shardIndex: index, segments: await Promise.all(written) });

  /** Hands the batch on; `last` when the input has ended, so a one-batch shard is written whole. */
  const flush = async (last: boolean) => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const endsShard = last || docsInShard === shardDocs;
    if (segments.length === 0 && endsShard) {
      shards.push(pending((await runner.submit({ buildId, shardIndex, records })).done));
    } else {
      const segment = segments.length;
      const { done } = await runner.submit({ buildId, shardIndex, segment, records });
      done.catch(() => {});
      segments.push(done);
      if (endsShard) shards.push(pending(mergeOnceWritten(shardIndex, segments)));
    }
    if (endsShard) {
      shardIndex++;
      docsInShard = 0;
      segments = [];
    }
  };

  try {
    for await (const record of records) {
      if (!seenIds.add(record.id)) {
        if (options.skipDuplicates) {
          duplicatesSkipped++;
          continue;
        }
        throw duplicateIdError(record);
      }
      // Flushed when the next record arrives, so a flush knows whether the input went on.
      if (batch.length === segmentLimit || docsInShard === shardDocs) await flush(false);
      batch.push(toShardRecord(record, resolveLanguage(record)));
      docsInShard++;
      docCount++;
      if (docCount % 1000 === 0) report();
    }
    await flush(true);
    phase = 'finishing';
    report();
  } catch (error) {
    await Promise.allSettled([...shards, ...segments]);
    await runner.close();
    throw error;
  }
  let results: ShardResult[];
  try {
    results = await Promise.all(shards);
  } finally {
    await runner.close();
  }
  await removeEmptyFolders(store, [segmentsPrefix(buildId)]);

  const manifest = await manifestFromShards({ buildId, createdAt: now(), bm25, shards: results });
  await publishManifest(store, manifest, options.headBundleMaxBytes);
  return {
    manifest,
    duplicatesSkipped,
    detectedLanguageDocs: results.reduce((sum, s) => sum + s.detectedLanguageDocs, 0),
  };
}
