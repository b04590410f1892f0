/**
 * A build split across processes: every part of the input becomes one shard,
 * built wherever its part is read (a Lambda per part), with the shard's
 * statistics stored beside it. Publishing merges the statistics into the
 * manifest and writes it last, so readers never see a half-built index.
 *
 * Shards hold no collection-wide statistics: df is summed over the shard heads
 * at query time and the frontier keeps (tf, dl) pairs rather than scores, so a
 * shard built before the rest of the collection is known never needs a rewrite.
 */
import type { ObjectStore } from '../../storage/index.js';
import {
  BUILD_ID_PATTERN,
  DEFAULT_B,
  DEFAULT_K1,
  SHARD_STATS_FORMAT,
  SHARD_STATS_VERSION,
} from './constants.js';
import { IndexCorruptError, IndexInputError, IndexPublishError } from '../errors.js';
import { DocIdSet } from './id-set.js';
import type { CorpusRecord } from './input.js';
import {
  buildPrefix,
  docsKey,
  shardKey,
  shardStatsKey,
  shardStatsPrefix,
  type Manifest,
  type ShardEntry,
} from '../format/manifest.js';
import { manifestFromShards, publishManifest } from './publish.js';
import {
  duplicateIdError,
  fallbackLanguage,
  languageResolver,
  toShardRecord,
  validateBm25,
} from './records.js';
import { buildShard, type ShardRecord } from './shard-builder.js';

/** Stats objects read at once while publishing: enough to hide latency, few enough for one Lambda. */
const STATS_READ_CONCURRENCY = 32;

/** What one shard contributes to the manifest. */
export interface ShardStats {
  format: typeof SHARD_STATS_FORMAT;
  version: number;
  buildId: string;
  shardIndex: number;
  entry: ShardEntry;
  /** Sum of the shard's document lengths in indexed terms. */
  totalTerms: number;
  langDocCounts: Record<string, number>;
  detectedLanguageDocs: number;
  duplicatesSkipped: number;
}

export interface PartBuildOptions {
  /** Shared by every part of one build; names the `builds/<buildId>/` prefix. */
  buildId: string;
  /** Position of this part in the input; shard i of the index. */
  shardIndex: number;
  /** Language for records without a "lang" field; detection is used when absent. */
  lang?: string;
  /** Keep the first of several records with one id within the part instead of failing. */
  skipDuplicates?: boolean;
}

export interface PublishOptions {
  buildId: string;
  k1?: number;
  b?: number;
  /** Fail unless exactly this many shards were built (e.g. the number of input parts). */
  expectedShards?: number;
  /** Clock injection keeps manifests deterministic in tests. */
  now?: () => Date;
}

export interface PublishReport {
  manifest: Manifest;
  duplicatesSkipped: number;
  detectedLanguageDocs: number;
}

function checkBuildId(buildId: string): void {
  if (typeof buildId !== 'string' || !BUILD_ID_PATTERN.test(buildId)) {
    throw new IndexInputError(
      `build id ${JSON.stringify(buildId)} must match ${BUILD_ID_PATTERN.source} (letters, digits, '.', '_', '-')`,
    );
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new IndexInputError(`${name} must be an integer ≥ 0, got ${value}`);
  }
}

/**
 * Builds shard `shardIndex` of build `buildId` from one part of the input and writes its
 * statistics object after the shard, so a stats object always names objects that exist.
 * Ids are checked for duplicates within the part only.
 */
export async function buildPartShard(
  records: AsyncIterable<CorpusRecord>,
  store: ObjectStore,
  options: PartBuildOptions,
): Promise<ShardStats> {
  checkBuildId(options.buildId);
  checkCount('shard index', options.shardIndex);
  const resolveLanguage = languageResolver(fallbackLanguage(options.lang));
  const seenIds = new DocIdSet();
  const batch: ShardRecord[] = [];
  let duplicatesSkipped = 0;
  for await (const record of records) {
    if (!seenIds.add(record.id)) {
      if (!options.skipDuplicates) throw duplicateIdError(record);
      duplicatesSkipped++;
      continue;
    }
    batch.push(toShardRecord(record, resolveLanguage(record)));
  }
  const result = await buildShard(
    { buildId: options.buildId, shardIndex: options.shardIndex, records: batch },
    store,
  );
  const stats: ShardStats = {
    format: SHARD_STATS_FORMAT,
    version: SHARD_STATS_VERSION,
    buildId: options.buildId,
    shardIndex: options.shardIndex,
    ...result,
    duplicatesSkipped,
  };
  await store.put(shardStatsKey(options.buildId, options.shardIndex), JSON.stringify(stats));
  return stats;
}

function parseShardStats(text: string, key: string, buildId: string): ShardStats {
  let stats: Partial<ShardStats>;
  try {
    stats = JSON.parse(text) as Partial<ShardStats>;
  } catch {
    throw new IndexCorruptError(key, 'not valid JSON');
  }
  const index = stats.shardIndex;
  const ok =
    stats.format === SHARD_STATS_FORMAT &&
    stats.version === SHARD_STATS_VERSION &&
    stats.buildId === buildId &&
    typeof index === 'number' &&
    key === shardStatsKey(buildId, index) &&
    stats.entry?.key === shardKey(buildId, index) &&
    Number.isFinite(stats.entry.dictionaryBytes) &&
    stats.entry.docs?.length === 1 &&
    stats.entry.docs[0]?.key === docsKey(buildId, index) &&
    Number.isFinite(stats.totalTerms) &&
    typeof stats.langDocCounts === 'object';
  if (!ok) throw new IndexCorruptError(key, `not the statistics of a shard of build ${buildId}`);
  return stats as ShardStats;
}

async function readAllStats(store: ObjectStore, buildId: string): Promise<ShardStats[]> {
  const keys = await store.list(shardStatsPrefix(buildId));
  const stats: ShardStats[] = [];
  for (let i = 0; i < keys.length; i += STATS_READ_CONCURRENCY) {
    const chunk = keys.slice(i, i + STATS_READ_CONCURRENCY);
    const texts = await Promise.all(chunk.map(async (key) => new TextDecoder().decode(await store.get(key))));
    texts.forEach((text, j) => stats.push(parseShardStats(text, chunk[j]!, buildId)));
  }
  return stats.sort((a, b) => a.shardIndex - b.shardIndex);
}

/**
 * Merges the statistics of every shard of `buildId` into its manifest and publishes it.
 * Shards must be numbered 0..n-1 without gaps, at least one (and n must equal `expectedShards`
 * when given); otherwise nothing is written.
 */
export async function publishParts(store: ObjectStore, options: PublishOptions): Promise<PublishReport> {
  checkBuildId(options.buildId);
  const bm25 = validateBm25(options.k1 ?? DEFAULT_K1, options.b ?? DEFAULT_B);
  if (options.expectedShards !== undefined) checkCount('expected shards', options.expectedShards);
  const shards = await readAllStats(store, options.buildId);
  const where = `${store.uri}/${buildPrefix(options.buildId)}`;
  // An empty build would replace a live index with nothing; a wrong input prefix is the likely cause.
  if (shards.length === 0) throw new IndexPublishError(`${where}: no shard statistics; nothing to publish`);
  shards.forEach((shard, i) => {
    if (shard.shardIndex !== i) {
      throw new IndexPublishError(`${where}: shard ${i} has no statistics (was its part built?)`);
    }
  });
  if (options.expectedShards !== undefined && shards.length !== options.expectedShards) {
    throw new IndexPublishError(
      `${where}: expected ${options.expectedShards} shards, found statistics for ${shards.length}`,
    );
  }
  const now = options.now ?? (() => new Date());
  const manifest = await manifestFromShards({ buildId: options.buildId, createdAt: now(), bm25, shards });
  await publishManifest(store, manifest);
  return {
    manifest,
    duplicatesSkipped: shards.reduce((sum, s) => sum + s.duplicatesSkipped, 0),
    detectedLanguageDocs: shards.reduce((sum, s) => sum + s.detectedLanguageDocs, 0),
  };
}
