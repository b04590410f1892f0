/**
 * Opens an index from object storage: one GET for the manifest and, with it,
 * one for the head bundle (every shard's head, format/head-bundle.ts). When
 * the bundle names another build or cannot be read, two ranged GETs per shard
 * head follow, all in parallel: the term dictionary and the documents part
 * (heads.ts). Postings and stored documents are fetched on demand with
 * grouped ranged GETs (shard-reader.ts, ranges.ts).
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
import type { ObjectStore, RequestOptions } from '../../storage/index.js';
import { ObjectNotFoundError } from '../../storage/index.js';
import { HEAD_BUNDLE_KEY, MANIFEST_KEY } from '../format/constants.js';
import { DEFAULT_COALESCE_GAP_BYTES, DEFAULT_DECODED_POSTINGS_CACHE_BYTES } from './constants.js';
import { IndexNotFoundError } from '../errors.js';
import { WeightedLru } from './lru.js';
import { averageDocLength, buildPrefix, parseManifest, type Manifest } from '../format/manifest.js';
import type { DecodedPostings } from '../format/shard-format.js';
import { bundledHeads, openShard, type HeadReading } from './heads.js';
import type { ShardReader } from './shard-reader.js';

export { ShardReader } from './shard-reader.js';

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
    // The current build's heads are asked for with its manifest (a pinned build has no bundle):
    // one round trip where there were two before the first postings GET.
    // A bundle that cannot be fetched is no fault of the index: its shards hold the same heads.
    const bundle =
      options.buildId === undefined
        ? store.get(HEAD_BUNDLE_KEY, request).catch(() => undefined)
        : Promise.resolve(undefined);
    const manifest = await readManifest(store, options.buildId, request);
    const bundled = await bundledHeads(bundle, manifest.buildId);
    const kept: Omit<HeadReading, 'request'> = {
      store,
      cache: new WeightedLru<string, DecodedPostings>(
        options.decodedPostingsCacheBytes ?? DEFAULT_DECODED_POSTINGS_CACHE_BYTES,
      ),
      coalesceGapBytes: options.coalesceGapBytes ?? DEFAULT_COALESCE_GAP_BYTES,
      mark: options.unreadableShards === 'mark',
    };
    const reading: HeadReading = { ...kept, request };
    const shards = await Promise.all(
      manifest.shards.map((entry, index) => openShard(entry, index, reading, bundled?.[index])),
    );
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
