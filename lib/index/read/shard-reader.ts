/**
 * One shard of an open index: its term dictionary at once, its documents part (lengths,
 * languages, ids, record offsets) once it has arrived, and the postings and stored documents it
 * fetches on demand with grouped ranged GETs (ranges.ts). A shard whose head could not be read
 * carries the fault every read of it rejects with.
 */
import { ObjectNotFoundError, type ObjectStore, type RequestOptions } from '../../storage/index.js';
import { utf8Encode } from '../format/binary.js';
import { DOCSTORE_HEADER_BYTES } from '../format/constants.js';
import { decodeDocRecord, type StoredDocument } from '../format/docstore-format.js';
import type { ShardEntry } from '../format/manifest.js';
import {
  decodePostings,
  type DecodedPostings,
  type ShardDictionary,
  type ShardHead,
  type TermInfo,
} from '../format/shard-format.js';
import { IndexCorruptError } from '../errors.js';
import {
  DECODED_FRONTIER_POINT_BYTES,
  DECODED_LIST_OVERHEAD_BYTES,
  DECODED_POSTING_BYTES,
} from './constants.js';
import type { WeightedLru } from './lru.js';
import { groupRanges, groupSpan, withinGap } from './ranges.js';

/** A shard's head as it opened: the checked dictionary and its documents part on the way. */
export interface OpenedHead {
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
          this.cache.set(cacheKey, decoded, decodedWeight(decoded));
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

  private read(key: string, start: number, end: number, options: RequestOptions): Promise<Uint8Array> {
    return readIndexRange(this.store, key, start, end, options);
  }
}

/**
 * Bytes [start, end) of an object the manifest names: a missing object or a short read is the
 * index's fault (IndexCorruptError), whether a head or, opened from the head bundle, a shard's
 * postings are the first thing read from it.
 */
export async function readIndexRange(
  store: ObjectStore,
  key: string,
  start: number,
  end: number,
  options: RequestOptions,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await store.getRange(key, start, end, options);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new IndexCorruptError(key, 'missing: the manifest names an object that is not in the store');
    }
    throw error;
  }
  if (bytes.length !== end - start) {
    throw new IndexCorruptError(key, `truncated: wanted bytes [${start}, ${end}), got ${bytes.length}`);
  }
  return bytes;
}

/** A decoded list's weight in the decoded-postings cache (constants.ts). */
function decodedWeight(decoded: DecodedPostings): number {
  return (
    decoded.docs.length * DECODED_POSTING_BYTES +
    decoded.frontierTfs.length * DECODED_FRONTIER_POINT_BYTES +
    DECODED_LIST_OVERHEAD_BYTES
  );
}
