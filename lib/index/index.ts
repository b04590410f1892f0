export { buildIndex, type BuildOptions, type BuildProgress, type BuildReport } from './builder.js';
export {
  buildShard,
  UNDETERMINED_LANGUAGE,
  type ShardJob,
  type ShardRecord,
  type ShardResult,
} from './shard-builder.js';
export {
  DEFAULT_B,
  DEFAULT_GC_GRACE_HOURS,
  DEFAULT_K1,
  DEFAULT_SHARD_DOCS,
  GC_MARK_FILE,
  MANIFEST_KEY,
  MAX_QUERY_TERMS,
} from './constants.js';
export type { StoredDocument } from './docstore-format.js';
export { IndexCorruptError, IndexInputError, IndexNotFoundError, IndexPublishError } from './errors.js';
export { collectGarbage, type GcAction, type GcBuild, type GcOptions, type GcReport } from './gc.js';
export { openCorpusFile, readCorpus, type CorpusFile, type CorpusRecord } from './input.js';
export { averageDocLength, type Bm25Params, type Manifest, type ShardEntry } from './manifest.js';
export {
  buildPartShard,
  publishParts,
  type PartBuildOptions,
  type PublishOptions,
  type PublishReport,
  type ShardStats,
} from './parts.js';
export { IndexReader, readManifest, ShardReader, type OpenOptions } from './reader.js';
export type { DecodedPostings, TermInfo } from './shard-format.js';
