/**
 * Streams a corpus into document-partitioned shards and publishes them
 * atomically: every shard and doc store first, the manifest last.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/index.js';
import { canonicalLanguage, InvalidLanguageTagError } from '../text/index.js';
import {
  DEFAULT_B,
  DEFAULT_K1,
  DEFAULT_SHARD_DOCS,
  MANIFEST_FORMAT,
  MANIFEST_KEY,
  MANIFEST_VERSION,
} from './constants.js';
import { IndexInputError } from './errors.js';
import { DocIdSet } from './id-set.js';
import type { CorpusRecord } from './input.js';
import { buildPrefix, type Manifest } from './manifest.js';
import { buildShard, type ShardJob, type ShardRecord, type ShardResult } from './shard-builder.js';
import { ShardWorkerPool } from './shard-pool.js';

export interface BuildProgress {
  docs: number;
  shards: number;
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
  const k1 = options.k1 ?? DEFAULT_K1;
  const b = options.b ?? DEFAULT_B;
  const shardDocs = options.shardDocs ?? DEFAULT_SHARD_DOCS;
  const workers = options.workers ?? 1;
  if (!Number.isFinite(k1) || k1 < 0) throw new IndexInputError(`--k1 must be a number ≥ 0, got ${k1}`);
  if (!Number.isFinite(b) || b < 0 || b > 1) throw new IndexInputError(`--b must be in [0, 1], got ${b}`);
  if (!Number.isInteger(shardDocs) || shardDocs < 1) {
    throw new IndexInputError(`--shard-docs must be a positive integer, got ${shardDocs}`);
  }
  if (!Number.isInteger(workers) || workers < 1)
    throw new IndexInputError(`workers must be ≥ 1, got ${workers}`);
  return { k1, b, shardDocs, workers };
}

/** Tags repeat across millions of records; canonicalising each once keeps the hot loop cheap. */
function languageResolver(fallback: string | undefined) {
  const canonical = new Map<string, string>();
  return (record: CorpusRecord): string | undefined => {
    if (record.lang === undefined) return fallback;
    let lang = canonical.get(record.lang);
    if (lang === undefined) {
      try {
        lang = canonicalLanguage(record.lang);
      } catch (error) {
        if (error instanceof InvalidLanguageTagError)
          throw new IndexInputError(`line ${record.line}: ${error.message}`);
        throw error;
      }
      if (canonical.size < 10_000) canonical.set(record.lang, lang);
    }
    return lang;
  };
}

/** Runs shard jobs on the calling thread or a worker pool, keeping their order. */
function shardRunner(store: ObjectStore, workers: number) {
  const pool = workers > 1 ? new ShardWorkerPool(workers, store.uri) : undefined;
  const results: Array<Promise<ShardResult>> = [];
  return {
    async submit(job: ShardJob): Promise<void> {
      if (!pool) {
        results.push(Promise.resolve(await buildShard(job, store)));
        return;
      }
      const { done } = await pool.submit(job);
      // Attach a handler now so a failure is not reported as unhandled before `finish` awaits it.
      done.catch(() => {});
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
  const { k1, b, shardDocs, workers } = validateParams(options);
  let fallbackLang: string | undefined;
  if (options.lang !== undefined) {
    try {
      fallbackLang = canonicalLanguage(options.lang);
    } catch (error) {
      if (error instanceof InvalidLanguageTagError) throw new IndexInputError(`--lang: ${error.message}`);
      throw error;
    }
  }
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const buildId = newBuildId(now());
  const resolveLanguage = languageResolver(fallbackLang);
  const seenIds = new DocIdSet();
  const runner = shardRunner(store, workers);
  let batch: ShardRecord[] = [];
  let shardCount = 0;
  let docCount = 0;
  let duplicatesSkipped = 0;

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
        throw new IndexInputError(
          `line ${record.line}: duplicate document id "${record.id}"; ids must be unique (or pass --skip-duplicates to keep the first)`,
        );
      }
      const shardRecord: ShardRecord = { id: record.id, text: record.text };
      if (record.title !== undefined) shardRecord.title = record.title;
      const lang = resolveLanguage(record);
      if (lang !== undefined) shardRecord.lang = lang;
      batch.push(shardRecord);
      docCount++;
      if (batch.length >= shardDocs) await flush();
      if (options.onProgress && docCount % 1000 === 0) {
        options.onProgress({ docs: docCount, shards: shardCount, elapsedMs: Date.now() - started });
      }
    }
    await flush();
  } catch (error) {
    await runner.abort();
    throw error;
  }
  const shards = await runner.finish();
  options.onProgress?.({ docs: docCount, shards: shardCount, elapsedMs: Date.now() - started });

  const langDocCounts: Record<string, number> = {};
  for (const shard of shards) {
    for (const [lang, n] of Object.entries(shard.langDocCounts))
      langDocCounts[lang] = (langDocCounts[lang] ?? 0) + n;
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    buildId,
    createdAt: now().toISOString(),
    bm25: { k1, b },
    docCount,
    totalTerms: shards.reduce((sum, s) => sum + s.totalTerms, 0),
    languages: Object.keys(langDocCounts),
    langDocCounts,
    shards: shards.map((s) => s.entry),
  };
  const manifestJson = JSON.stringify(manifest, null, 2);
  // The per-build copy keeps old versions addressable; the root manifest is the atomic switch.
  await store.put(`${buildPrefix(buildId)}${MANIFEST_KEY}`, manifestJson);
  await store.put(MANIFEST_KEY, manifestJson);
  return {
    manifest,
    duplicatesSkipped,
    detectedLanguageDocs: shards.reduce((sum, s) => sum + s.detectedLanguageDocs, 0),
  };
}
