/**
 * Streams a corpus into document-partitioned shards and publishes them
 * atomically: every shard and doc store first, the manifest last.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../../storage/index.js';
import { DEFAULT_B, DEFAULT_K1, DEFAULT_SHARD_DOCS } from './constants.js';
import { IndexInputError } from '../errors.js';
import { DocIdSet } from './id-set.js';
import type { CorpusRecord } from './input.js';
import type { Manifest } from '../format/manifest.js';
import { manifestFromShards, publishManifest } from './publish.js';
import {
  duplicateIdError,
  fallbackLanguage,
  languageResolver,
  toShardRecord,
  validateBm25,
} from './records.js';
import { buildShard, type ShardJob, type ShardRecord, type ShardResult } from './shard-builder.js';
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
  const workers = options.workers ?? 1;
  if (!Number.isInteger(shardDocs) || shardDocs < 1) {
    throw new IndexInputError(`--shard-docs must be a positive integer, got ${shardDocs}`);
  }
  if (!Number.isInteger(workers) || workers < 1)
    throw new IndexInputError(`workers must be ≥ 1, got ${workers}`);
  return { bm25, shardDocs, workers };
}

/** Runs shard jobs on the calling thread or a worker pool, keeping their order. */
function shardRunner(store: ObjectStore, workers: number, onShardWritten: () => void) {
  const pool = workers > 1 ? new ShardWorkerPool(workers, store.uri) : undefined;
  const results: Array<Promise<ShardResult>> = [];
  return {
    async submit(job: ShardJob): Promise<void> {
      if (!pool) {
        results.push(Promise.resolve(await buildShard(job, store)));
        onShardWritten();
        return;
      }
      const { done } = await pool.submit(job);
      // Attach a handler now so a failure is not reported as unhandled before `finish` awaits it.
      done.then(onShardWritten, () => {});
      results.push(done);
    },
    async finish(): Promise<ShardResult[]> {
      try {
        return await Promise.all(results);
      } finally {
        await pool?.close();
      }
    },
    async abort(): Promise<void> {
      await Promise.allSettled(results);
      await pool?.close();
    },
  };
}

export async function buildIndex(
  records: AsyncIterable<CorpusRecord>,
  store: ObjectStore,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const { bm25, shardDocs, workers } = validateParams(options);
  const fallbackLang = fallbackLanguage(options.lang);
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const buildId = newBuildId(now());
  const resolveLanguage = languageResolver(fallbackLang);
  const seenIds = new DocIdSet();
  let batch: ShardRecord[] = [];
  let shardCount = 0;
  let shardsWritten = 0;
  let docCount = 0;
  let duplicatesSkipped = 0;
  let phase: BuildProgress['phase'] = 'reading';
  const report = () =>
    options.onProgress?.({
      phase,
      docs: docCount,
      shards: shardCount,
      shardsWritten,
      elapsedMs: Date.now() - started,
    });
  const runner = shardRunner(store, workers, () => {
    shardsWritten++;
    // While reading, progress goes with documents; after it, each written shard is news.
    if (phase === 'finishing') report();
  });

  const flush = async () => {
    if (batch.length === 0) return;
    const job: ShardJob = { buildId, shardIndex: shardCount++, records: batch };
    batch = [];
    await runner.submit(job);
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
      batch.push(toShardRecord(record, resolveLanguage(record)));
      docCount++;
      if (batch.length >= shardDocs) await flush();
      if (docCount % 1000 === 0) report();
    }
    await flush();
    phase = 'finishing';
    report();
  } catch (error) {
    await runner.abort();
    throw error;
  }
  const shards = await runner.finish();

  const manifest = await manifestFromShards({ buildId, createdAt: now(), bm25, shards });
  await publishManifest(store, manifest);
  return {
    manifest,
    duplicatesSkipped,
    detectedLanguageDocs: shards.reduce((sum, s) => sum + s.detectedLanguageDocs, 0),
  };
}
