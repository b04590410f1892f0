/**
 * Opens an index from object storage: one GET for the manifest, then two
 * ranged GETs per shard head, all in parallel: the term dictionary and the
 * documents part. Postings and stored documents are fetched on demand with
 * grouped ranged GETs (lib/index/ranges.ts).
 *
 * The open resolves once every dictionary is in and checked, so a cold query
 * sends for its postings while the documents parts (most of a head's bytes:
 * lengths, ids, record offsets) are still arriving; postings() and
 * documents() wait for their shard's documents part before they resolve, and
 * ready() waits for all of them. Code reading `head` outside those calls
 * awaits ready() first.
 *
 * A shard head that cannot be read fails the open, unless the caller asks
 * for `unreadableShards: 'mark'` (a server, whose requests each choose what a
 * missing shard means): then the shard opens unavailable, its reads reject
 * with the head's fault, and retryUnavailableShards() reads its head again.
 * In 'mark' mode a documents part that fails after the open marks its shard
 * the same way.
 */
import {
  ObjectNotFoundError,
  StorageError,
  type ObjectStore,
  type RequestOptions,
} from '../../storage/index.js';
import { utf8Encode } from '../format/binary.js';
import { DOCSTORE_HEADER_BYTES, MANIFEST_KEY } from '../format/constants.js';
import { DEFAULT_COALESCE_GAP_BYTES, DEFAULT_DECODED_POSTINGS_CACHE_BYTES } from './constants.js';
import { decodeDocRecord, type StoredDocument } from '../format/docstore-format.js';
import { IndexCorruptError, IndexNotFoundError } from '../errors.js';
import { WeightedLru } from './lru.js';
import { groupRanges, groupSpan, withinGap } from './ranges.js';
import {
  averageDocLength,
  buildPrefix,
  parseManifest,
  type Manifest,
  type ShardEntry,
} from '../format/manifest.js';
import {
  decodePostings,
  parseShardDictionary,
  parseShardDocuments,
  type DecodedPostings,
  type ShardDictionary,
  type ShardHead,
  type TermInfo,
} from '../format/shard-format.js';

export interface OpenOptions {
  /** Pin a specific build instead of whatever `manifest.json` points to now. */
  buildId?: string;
  /** Postings blobs or stored records this close are read with one ranged GET. */
  coalesceGapBytes?: number;
  decodedPostingsCacheBytes?: number;
  /** Abandons the manifest and shard-head GETs (an API request's deadline). */
  signal?: AbortSignal;
  /**
   * What a shard head that cannot be read (a store fault, a missing or corrupt shard) does to the
   * open. 'fail' (default): the open fails with its error. 'mark': the shard opens unavailable
   * (IndexReader.unavailableShards), every read of it rejects with that error, and the open still
   * fails when no head at all could be read. Anything else (the signal, a bug) fails the open.
   */
  unreadableShards?: 'fail' | 'mark';
}

/** A shard whose head could not be read when its index was opened. */
export interface UnavailableShard {
  index: number;
  key: string;
  /** Why: what every read of the shard rejects with. */
  fault: Error;
}

/** A shard's head as it opened: the checked dictionary and its documents part on the way. */
interface OpenedHead {
  dictionary: ShardDictionary;
  documents: Promise<ShardHead>;
}

/** A shard's dictionary, and its whole head once the documents part is in; or why it cannot be read. */
type ShardState = { dictionary: ShardDictionary; head?: ShardHead } | { fault: Error };

export class ShardReader {
  private state: ShardState;
  /** Settles when the documents part is in (`head` set) or has failed (`fault` set). */
  private readonly documentsSettled: Promise<void>;

  constructor(
    readonly index: number,
    readonly entry: ShardEntry,
    opened: OpenedHead | { fault: Error },
    private readonly store: ObjectStore,
    private readonly cache: WeightedLru<string, DecodedPostings>,
    private readonly coalesceGapBytes: number,
  ) {
    if ('fault' in opened) {
      this.state = opened;
      this.documentsSettled = Promise.resolve();
      return;
    }
    const { dictionary } = opened;
    this.state = { dictionary };
    this.documentsSettled = opened.documents.then(
      (head) => {
        this.state = { dictionary, head };
      },
      (error: unknown) => {
        this.state = { fault: error instanceof Error ? error : new Error(String(error)) };
      },
    );
  }

  /** Why the shard cannot be read (its head could not be), or undefined when it can. */
  get fault(): Error | undefined {
    return 'fault' in this.state ? this.state.fault : undefined;
  }

  /** The shard's term dictionary (and counts, languages); throws the fault of an unavailable shard. */
  get dictionary(): ShardDictionary {
    if ('fault' in this.state) throw this.state.fault;
    return this.state.dictionary;
  }

  /**
   * The shard's whole head; throws the fault of an unavailable shard. Available once postings()
   * or documents() of this shard resolved, or IndexReader.ready() did.
   */
  get head(): ShardHead {
    if ('fault' in this.state) throw this.state.fault;
    if (!this.state.head) {
      throw new Error(`shard ${this.index}'s head is still being read: await IndexReader.ready() first`);
    }
    return this.state.head;
  }

  get docCount(): number {
    return 'dictionary' in this.state ? this.state.dictionary.docCount : this.entry.docCount;
  }

  /** Resolves when the documents part is in; rejects with the shard's fault. */
  async documentsPart(): Promise<void> {
    await this.documentsSettled;
    if ('fault' in this.state) throw this.state.fault;
  }

  /** Resolves when the documents part is in or has failed (then `fault` says why); never rejects. */
  settled(): Promise<void> {
    return this.documentsSettled;
  }

  lookup(term: string): TermInfo | undefined {
    return this.dictionary.lookupTerm(utf8Encode(term));
  }

  /**
   * Postings for the given terms (undefined where the shard lacks a term).
   * Uncached blobs that lie close together are read with one ranged GET.
   */
  async postings(
    terms: readonly string[],
    options: RequestOptions = {},
  ): Promise<Array<DecodedPostings | undefined>> {
    if (this.fault) throw this.fault;
    const result: Array<DecodedPostings | undefined> = new Array(terms.length).fill(undefined);
    const missing: Array<{ slot: number; info: TermInfo; cacheKey: string; start: number; end: number }> = [];
    terms.forEach((term, slot) => {
      // A cached list needs no dictionary lookup (a UTF-8 encode and a binary search per term).
      const cacheKey = `${this.index}\u0000${term}`;
      const cached = this.cache.get(cacheKey);
      if (cached) {
        result[slot] = cached;
        return;
      }
      const info = this.lookup(term);
      if (info) missing.push({ slot, info, cacheKey, start: info.start, end: info.end });
    });
    const groups = groupRanges(missing, withinGap(this.coalesceGapBytes));
    // The lists are scored against the documents part (lengths, languages), so they are handed
    // over together; on a cold open the part arrives while the postings are on their way.
    await Promise.all([
      this.documentsPart(),
      ...groups.map(async (group) => {
        const span = groupSpan(group);
        const bytes = await this.read(this.entry.key, span.start, span.end, options);
        for (const { slot, info, cacheKey } of group) {
          const decoded = decodePostings(
            bytes.subarray(info.start - span.start, info.end - span.start),
            info,
            this.entry.key,
          );
          result[slot] = decoded;
          this.cache.set(cacheKey, decoded, (decoded.docs.length + decoded.frontierTfs.length) * 8 + 64);
        }
      }),
    ]);
    return result;
  }

  /**
   * Stored text of local documents. Records close together share one ranged GET, so the hits
   * of a small shard cost one GET, while hits spread over a large doc store cost a GET each
   * (all in parallel: one round trip) instead of one GET reading everything between them. The
   * head's record offsets count through the shard's doc-store parts as if they were one doc store
   * behind one header; each record lies in one part.
   */
  async documents(localDocs: readonly number[], options: RequestOptions = {}): Promise<StoredDocument[]> {
    await this.documentsPart();
    const offsets = this.head.docStoreOffsets;
    const parts = this.docStoreParts();
    const wanted = localDocs.map((d, slot) => {
      const start = offsets[d]!;
      const end = offsets[d + 1]!;
      const part = parts.find((p) => start >= p.start && start < p.end);
      if (!part || end > part.end) {
        throw new IndexCorruptError(
          this.entry.key,
          `record offsets of document ${d} lie outside its doc store`,
        );
      }
      const shift = part.start - DOCSTORE_HEADER_BYTES;
      return { slot, key: part.key, start: start - shift, end: end - shift };
    });
    const result: StoredDocument[] = new Array(localDocs.length);
    await Promise.all(
      parts.flatMap(({ key }) =>
        groupRanges(
          wanted.filter((w) => w.key === key),
          withinGap(this.coalesceGapBytes),
        ).map(async (group) => {
          const span = groupSpan(group);
          const bytes = await this.read(key, span.start, span.end, options);
          for (const { slot, start, end } of group) {
            result[slot] = decodeDocRecord(bytes.subarray(start - span.start, end - span.start), key);
          }
        }),
      ),
    );
    return result;
  }

  /** Each doc-store part with the record offsets it holds, [start, end) as the head counts them. */
  private docStoreParts(): Array<{ key: string; start: number; end: number }> {
    let start = DOCSTORE_HEADER_BYTES;
    return this.entry.docs.map(({ key, bytes }) => {
      const part = { key, start, end: start + bytes - DOCSTORE_HEADER_BYTES };
      start = part.end;
      return part;
    });
  }

  private async read(key: string, start: number, end: number, options: RequestOptions): Promise<Uint8Array> {
    const bytes = await this.store.getRange(key, start, end, options);
    if (bytes.length !== end - start) {
      throw new IndexCorruptError(key, `truncated: wanted bytes [${start}, ${end}), got ${bytes.length}`);
    }
    return bytes;
  }
}

/**
 * The manifest of the current build (`manifest.json`), or of build `buildId`, checked whole:
 * version, checksum and fields. Every reader of a manifest goes through here, so none trusts one
 * that fails its checksum.
 */
export async function readManifest(
  store: ObjectStore,
  buildId?: string,
  options: RequestOptions = {},
): Promise<Manifest> {
  const manifestKey = buildId ? `${buildPrefix(buildId)}${MANIFEST_KEY}` : MANIFEST_KEY;
  let text: string;
  try {
    text = new TextDecoder().decode(await store.get(manifestKey, options));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new IndexNotFoundError(
        `no index at ${store.uri} (${manifestKey} not found); build one with: xlir index build --input FILE --out ${store.uri}`,
      );
    }
    throw error;
  }
  return parseManifest(text, manifestKey, `${store.uri}/${manifestKey}`);
}

/** Shard heads are read (and marked, if asked) by one rule for the open and for retries. */
interface HeadReading {
  store: ObjectStore;
  cache: WeightedLru<string, DecodedPostings>;
  coalesceGapBytes: number;
  request: RequestOptions;
  mark: boolean;
}

async function openShard(entry: ShardEntry, index: number, reading: HeadReading): Promise<ShardReader> {
  const shard = (opened: OpenedHead | { fault: Error }) =>
    new ShardReader(index, entry, opened, reading.store, reading.cache, reading.coalesceGapBytes);
  try {
    const opened = readShardHead(reading.store, entry, reading.request);
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
 * One shard's head, checked against its manifest entry: both parts are requested at once; the
 * dictionary is checked as soon as it arrives, the documents part when it does.
 */
function readShardHead(
  store: ObjectStore,
  entry: ShardEntry,
  request: RequestOptions,
): { dictionary: Promise<ShardDictionary>; documents: Promise<ShardHead> } {
  const get = async (start: number, end: number) => {
    try {
      return await store.getRange(entry.key, start, end, request);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        throw new IndexCorruptError(
          entry.key,
          'missing: the manifest names a shard that is not in the store',
        );
      }
      throw error;
    }
  };
  // The dictionary is asked for first: the query waits on it, and it is the smaller part.
  const dictionaryBytes = get(0, entry.dictionaryBytes);
  const documentsBytes = get(entry.dictionaryBytes, entry.headBytes);
  // Handled here so a failing dictionary (whose error the open reports) leaves no unhandled rejection.
  documentsBytes.catch(() => {});
  const dictionary = dictionaryBytes.then((bytes) => {
    // parseShardDictionary verifies the dictionary's own checksum; the manifest's is only compared
    // afterwards (cheaply) so a shard from another build is not mistaken for this one.
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
  });
  const documents = Promise.all([dictionary, documentsBytes]).then(([parsed, bytes]) =>
    parseShardDocuments(parsed, bytes, entry.key),
  );
  documents.catch(() => {});
  return { dictionary, documents };
}

export class IndexReader {
  private constructor(
    readonly uri: string,
    readonly manifest: Manifest,
    /** Every shard of the manifest, in its order; unavailable ones included (their `fault` is set). */
    readonly shards: readonly ShardReader[],
    private readonly reading: Omit<HeadReading, 'request'>,
  ) {}

  get avgdl(): number {
    return averageDocLength(this.manifest);
  }

  /**
   * Resolves when every shard's documents part is in or has failed (that shard's `fault` then
   * says why): before reading `shard.head` outside postings() and documents().
   */
  async ready(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.settled()));
  }

  /** Shards whose heads could not be read (only with `unreadableShards: 'mark'`), in shard order. */
  get unavailableShards(): UnavailableShard[] {
    return this.shards.flatMap((s) =>
      s.fault ? [{ index: s.index, key: s.entry.key, fault: s.fault }] : [],
    );
  }

  static async open(store: ObjectStore, options: OpenOptions = {}): Promise<IndexReader> {
    const request: RequestOptions = options.signal ? { signal: options.signal } : {};
    const manifest = await readManifest(store, options.buildId, request);
    const kept: Omit<HeadReading, 'request'> = {
      store,
      cache: new WeightedLru<string, DecodedPostings>(
        options.decodedPostingsCacheBytes ?? DEFAULT_DECODED_POSTINGS_CACHE_BYTES,
      ),
      coalesceGapBytes: options.coalesceGapBytes ?? DEFAULT_COALESCE_GAP_BYTES,
      mark: options.unreadableShards === 'mark',
    };
    const reading: HeadReading = { ...kept, request };
    const shards = await Promise.all(manifest.shards.map((entry, index) => openShard(entry, index, reading)));
    // An index none of whose shards can be read is not open: the open fails as a whole would.
    if (shards.length > 0 && shards.every((s) => s.fault)) throw shards[0]!.fault;
    return new IndexReader(store.uri, manifest, shards, kept);
  }

  /**
   * This build again, with the heads of its unavailable shards read once more: the shards that
   * now read join (the others stay unavailable, with their new fault); the readable shards, and
   * the decoded postings they hold, are kept. `this` when no shard is unavailable.
   */
  async retryUnavailableShards(options: Pick<OpenOptions, 'signal'> = {}): Promise<IndexReader> {
    if (this.shards.every((s) => !s.fault)) return this;
    const reading: HeadReading = {
      ...this.reading,
      request: options.signal ? { signal: options.signal } : {},
    };
    const shards = await Promise.all(
      this.shards.map(async (s) => {
        if (!s.fault) return s;
        // A retry is no query's cold path: it reports the shards whose whole head now reads.
        const shard = await openShard(s.entry, s.index, reading);
        await shard.settled();
        return shard;
      }),
    );
    return new IndexReader(this.uri, this.manifest, shards, this.reading);
  }
}
