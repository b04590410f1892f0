/**
 * The Node-only surface of lib/index: building indexes (corpus files, shard builders on worker
 * threads, distributed parts and their publishing) and deleting old builds. It needs node:fs,
 * node:zlib and node:worker_threads, so it stays out of the Cloudflare Worker, which only reads
 * indexes through ./index.ts. Import both where both are used.
 */
export { buildIndex, type BuildOptions, type BuildProgress, type BuildReport } from './build/builder.js';
export { buildShard, type ShardJob, type ShardRecord, type ShardResult } from './build/shard-builder.js';
export {
  DEFAULT_B,
  DEFAULT_GC_GRACE_HOURS,
  DEFAULT_K1,
  DEFAULT_SHARD_DOCS,
  defaultBuildWorkers,
  GC_MARK_FILE,
} from './build/constants.js';
export { collectGarbage, type GcAction, type GcBuild, type GcOptions, type GcReport } from './build/gc.js';
export { openCorpusFile, readCorpus, type CorpusFile, type CorpusRecord } from './build/input.js';
export {
  buildPartShard,
  publishParts,
  type PartBuildOptions,
  type PublishOptions,
  type PublishReport,
  type ShardStats,
} from './build/parts.js';
