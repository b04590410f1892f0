/**
 * Public surface of lib/index that runs anywhere (Node, Lambda, Cloudflare Workers): opening and
 * reading an index from an ObjectStore, the on-disk formats it reads, and the errors. It imports
 * nothing from Node (eslint.config.js enforces it for index.ts, errors.ts, format/ and read/).
 *
 * The folders say what each file is for:
 *  - format/  the objects in storage: manifest.json, shard (.xsh) and doc-store (.xds) layouts,
 *             byte helpers and CRC-32, and their constants (the shard header's field offsets);
 *  - read/    IndexReader and ShardReader, ranged-GET grouping, the decoded-postings cache;
 *  - build/   building, publishing and garbage-collecting indexes: corpus input, shard
 *             builders on worker threads, distributed parts. Node-only: see ./node.ts.
 */
export { HEAD_BUNDLE_KEY, MANIFEST_KEY, UNDETERMINED_LANGUAGE } from './format/constants.js';
export { MAX_QUERY_TERMS } from './read/constants.js';
export type { StoredDocument } from './format/docstore-format.js';
export { IndexCorruptError, IndexInputError, IndexNotFoundError, IndexPublishError } from './errors.js';
export {
  averageDocLength,
  type Bm25Params,
  type DocStorePart,
  type Manifest,
  type ShardEntry,
} from './format/manifest.js';
export {
  IndexReader,
  readManifest,
  ShardReader,
  type OpenOptions,
  type UnavailableShard,
} from './read/reader.js';
export type { DecodedPostings, ShardDictionary, ShardHead, TermInfo } from './format/shard-format.js';
