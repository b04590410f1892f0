/**
 * Reading shard heads for an open (and for retries): both parts of each head asked for at once,
 * the dictionary checked as soon as it arrives, the documents part when it does; or each head
 * taken from the head bundle that came with the manifest, when that bundle names the same build
 * (format/head-bundle.ts). A head that cannot be read fails the open, or marks its shard when the
 * caller asked for 'mark'.
 */
import { StorageError, type ObjectStore, type RequestOptions } from '../../storage/index.js';
import { HEAD_BUNDLE_KEY } from '../format/constants.js';
import { parseHeadBundle } from '../format/head-bundle.js';
import type { ShardEntry } from '../format/manifest.js';
import type { DecodedPostings, ShardDictionary, ShardHead } from '../format/shard-format.js';
import { parseShardDictionary, parseShardDocuments } from '../format/shard-head.js';
import { IndexCorruptError } from '../errors.js';
import type { WeightedLru } from './lru.js';
import { readIndexRange, ShardReader, type OpenedHead } from './shard-reader.js';

/** Shard heads are read (and marked, if asked) by one rule for the open and for retries. */
export interface HeadReading {
  store: ObjectStore;
  cache: WeightedLru<string, DecodedPostings>;
  coalesceGapBytes: number;
  request: RequestOptions;
  mark: boolean;
}

export async function openShard(
  entry: ShardEntry,
  index: number,
  reading: HeadReading,
  bundled?: Uint8Array,
): Promise<ShardReader> {
  const shard = (opened: OpenedHead | { fault: Error }) =>
    new ShardReader(index, entry, opened, reading.store, reading.cache, reading.coalesceGapBytes);
  try {
    const opened = readShardHead(reading.store, entry, reading.request, bundled);
    const dictionary = await opened.dictionary;
    // Without 'mark' the open fails on any part of any head, as it always did: wait for both.
    const documents = reading.mark ? opened.documents : Promise.resolve(await opened.documents);
    return shard({ dictionary, documents });
  } catch (error) {
    const fault = error instanceof StorageError || error instanceof IndexCorruptError;
    if (!reading.mark || !fault || reading.request.signal?.aborted) throw error;
    return shard({ fault: error });
  }
}

/**
 * One shard's head, checked against its manifest entry. Read from the shard, both parts are asked
 * for at once; the dictionary is checked as soon as it arrives, the documents part when it does.
 * Taken from the head bundle, the dictionary is checked now and the documents part on the next
 * turn of the event loop, once the first query has sent for its postings. A bundled head that
 * fails its checks is only a copy: that part is read from the shard.
 */
function readShardHead(
  store: ObjectStore,
  entry: ShardEntry,
  request: RequestOptions,
  bundled?: Uint8Array,
): { dictionary: Promise<ShardDictionary>; documents: Promise<ShardHead> } {
  const get = (start: number, end: number) => readIndexRange(store, entry.key, start, end, request);
  const documentsFromShard = (dictionary: ShardDictionary) =>
    get(entry.dictionaryBytes, entry.headBytes).then((bytes) =>
      parseShardDocuments(dictionary, bytes, entry.key),
    );
  const fromShard = () => {
    // The dictionary is asked for first: the query waits on it, and it is the smaller part.
    const dictionary = get(0, entry.dictionaryBytes).then((bytes) => checkedDictionary(bytes, entry));
    const documentsBytes = get(entry.dictionaryBytes, entry.headBytes);
    // Handled here so a failing dictionary (whose error the open reports) leaves no unhandled rejection.
    documentsBytes.catch(() => {});
    const documents = Promise.all([dictionary, documentsBytes]).then(([parsed, bytes]) =>
      parseShardDocuments(parsed, bytes, entry.key),
    );
    documents.catch(() => {});
    return { dictionary, documents };
  };
  if (!bundled) return fromShard();
  let dictionary: ShardDictionary;
  try {
    dictionary = checkedDictionary(bundled.subarray(0, entry.dictionaryBytes), entry);
  } catch (error) {
    if (error instanceof IndexCorruptError) return fromShard();
    throw error;
  }
  const documents = nextTurn()
    .then(() => parseShardDocuments(dictionary, bundled.subarray(entry.dictionaryBytes), entry.key))
    .catch((error: unknown) => {
      if (error instanceof IndexCorruptError) return documentsFromShard(dictionary);
      throw error;
    });
  documents.catch(() => {});
  return { dictionary: Promise.resolve(dictionary), documents };
}

/** Resolves on the next turn of the event loop: after the work the current one started. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A shard's dictionary part, checked against its manifest entry. parseShardDictionary verifies the
 * part's own checksum; the manifest's is only compared afterwards (cheaply) so a shard from
 * another build is not mistaken for this one.
 */
function checkedDictionary(bytes: Uint8Array, entry: ShardEntry): ShardDictionary {
  const parsed = parseShardDictionary(bytes, entry.key, entry);
  if (parsed.headCrc32 !== entry.headCrc32) {
    throw new IndexCorruptError(entry.key, 'head checksum does not match the manifest');
  }
  if (parsed.docCount !== entry.docCount) {
    throw new IndexCorruptError(
      entry.key,
      `has ${parsed.docCount} documents, manifest says ${entry.docCount}`,
    );
  }
  return parsed;
}

/**
 * The heads of the head bundle, when it can be read and names `buildId`; undefined otherwise
 * (missing, unreadable, another build): it is a copy, and the shards hold the same heads.
 */
export async function bundledHeads(
  bundle: Promise<Uint8Array | undefined>,
  buildId: string,
): Promise<Uint8Array[] | undefined> {
  const bytes = await bundle;
  if (bytes === undefined) return undefined;
  try {
    const parsed = parseHeadBundle(bytes, HEAD_BUNDLE_KEY);
    return parsed.buildId === buildId ? parsed.heads : undefined;
  } catch {
    return undefined;
  }
}
