/**
 * Opens an index from object storage: one GET for the manifest, then one
 * ranged GET per shard head, all in parallel. Postings and stored documents
 * are fetched on demand with grouped ranged GETs (lib/index/ranges.ts).
 */
import { ObjectNotFoundError, type ObjectStore, type RequestOptions } from '../../storage/index.js';
import { utf8Encode } from '../format/binary.js';
import { MANIFEST_KEY } from '../format/constants.js';
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
  parseShardHead,
  type DecodedPostings,
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
}

export class ShardReader {
  constructor(
    readonly index: number,
    readonly entry: ShardEntry,
    readonly head: ShardHead,
    private readonly store: ObjectStore,
    private readonly cache: WeightedLru<string, DecodedPostings>,
    private readonly coalesceGapBytes: number,
  ) {}

  get docCount(): number {
    return this.head.docCount;
  }

  lookup(term: string): TermInfo | undefined {
    return this.head.lookupTerm(utf8Encode(term));
  }

  /**
   * Postings for the given terms (undefined where the shard lacks a term).
   * Uncached blobs that lie close together are read with one ranged GET.
   */
  async postings(
    terms: readonly string[],
    options: RequestOptions = {},
  ): Promise<Array<DecodedPostings | undefined>> {
    const result: Array<DecodedPostings | undefined> = new Array(terms.length).fill(undefined);
    const missing: Array<{ slot: number; info: TermInfo; cacheKey: string; start: number; end: number }> = [];
    terms.forEach((term, slot) => {
      const info = this.lookup(term);
      if (!info) return;
      const cacheKey = `${this.index}\u0000${term}`;
      const cached = this.cache.get(cacheKey);
      if (cached) result[slot] = cached;
      else missing.push({ slot, info, cacheKey, start: info.start, end: info.end });
    });
    const groups = groupRanges(missing, withinGap(this.coalesceGapBytes));
    await Promise.all(
      groups.map(async (group) => {
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
    );
    return result;
  }

  /**
   * Stored text of local documents. Records close together share one ranged GET, so the hits
   * of a small shard cost one GET, while hits spread over a large doc store cost a GET each
   * (all in parallel: one round trip) instead of one GET reading everything between them.
   */
  async documents(localDocs: readonly number[], options: RequestOptions = {}): Promise<StoredDocument[]> {
    const offsets = this.head.docStoreOffsets;
    const wanted = localDocs.map((d, slot) => ({ slot, start: offsets[d]!, end: offsets[d + 1]! }));
    const result: StoredDocument[] = new Array(localDocs.length);
    await Promise.all(
      groupRanges(wanted, withinGap(this.coalesceGapBytes)).map(async (group) => {
        const span = groupSpan(group);
        const bytes = await this.read(this.entry.docsKey, span.start, span.end, options);
        for (const { slot, start, end } of group) {
          result[slot] = decodeDocRecord(
            bytes.subarray(start - span.start, end - span.start),
            this.entry.docsKey,
          );
        }
      }),
    );
    return result;
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

export class IndexReader {
  private constructor(
    readonly uri: string,
    readonly manifest: Manifest,
    readonly shards: readonly ShardReader[],
  ) {}

  get avgdl(): number {
    return averageDocLength(this.manifest);
  }

  static async open(store: ObjectStore, options: OpenOptions = {}): Promise<IndexReader> {
    const request: RequestOptions = options.signal ? { signal: options.signal } : {};
    const manifest = await readManifest(store, options.buildId, request);
    const cache = new WeightedLru<string, DecodedPostings>(
      options.decodedPostingsCacheBytes ?? DEFAULT_DECODED_POSTINGS_CACHE_BYTES,
    );
    const gap = options.coalesceGapBytes ?? DEFAULT_COALESCE_GAP_BYTES;
    const shards = await Promise.all(
      manifest.shards.map(async (entry, index) => {
        let bytes: Uint8Array;
        try {
          bytes = await store.getRange(entry.key, 0, entry.headBytes, request);
        } catch (error) {
          if (error instanceof ObjectNotFoundError) {
            throw new IndexCorruptError(
              entry.key,
              'missing: the manifest names a shard that is not in the store',
            );
          }
          throw error;
        }
        // parseShardHead verifies the head's own checksum; the manifest's is only compared
        // afterwards (cheaply) so a shard from another build is not mistaken for this one.
        const head = parseShardHead(bytes, entry.key, entry.headBytes);
        if (head.headCrc32 !== entry.headCrc32) {
          throw new IndexCorruptError(entry.key, 'head checksum does not match the manifest');
        }
        if (head.docCount !== entry.docCount) {
          throw new IndexCorruptError(
            entry.key,
            `has ${head.docCount} documents, manifest says ${entry.docCount}`,
          );
        }
        return new ShardReader(index, entry, head, store, cache, gap);
      }),
    );
    return new IndexReader(store.uri, manifest, shards);
  }
}
