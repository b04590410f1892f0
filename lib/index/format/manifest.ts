/**
 * manifest.json: the one object of an index a reader trusts first. It names every shard with
 * its size and head checksum and carries the collection statistics BM25 scores with, so it
 * checks itself too (a sha256 over its canonical JSON): a flipped digit or a dropped shard entry
 * is an IndexCorruptError, never a 200 with wrong scores or a silently missing shard.
 */
import { manifestChecksum, verifyManifestChecksum } from '../../storage/index.js';
import { MANIFEST_FORMAT, READABLE_MANIFEST_VERSIONS } from './constants.js';
import { IndexCorruptError, IndexNotFoundError } from '../errors.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface ShardEntry {
  /** Object key of the shard (head + postings), relative to the index root. */
  key: string;
  bytes: number;
  /** Length of the head region [0, headBytes): what opening the shard reads. */
  headBytes: number;
  /**
   * Where the head splits: the dictionary part [0, dictionaryBytes) and the documents part
   * [dictionaryBytes, headBytes) are read with two ranged GETs in parallel.
   */
  dictionaryBytes: number;
  /** The shard header's CRC-32 of its head sections: ties the shard to this manifest. */
  headCrc32: number;
  docCount: number;
  /**
   * The shard's stored documents: one doc store, or a merged shard's segments' doc stores in
   * document order. The head's record offsets run over the parts' records as if the parts were
   * one doc store with one header (ARCHITECTURE.md, Doc-store object).
   */
  docs: DocStorePart[];
}

export interface DocStorePart {
  key: string;
  bytes: number;
}

/**
 * The single mutable object of an index. Everything it names is immutable and
 * lives under `builds/<buildId>/`, so a reader that pins one manifest sees one
 * consistent index no matter what a concurrent build writes.
 */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  buildId: string;
  createdAt: string;
  bm25: Bm25Params;
  docCount: number;
  /** Sum of document lengths in indexed terms over all shards; avgdl = totalTerms / docCount. */
  totalTerms: number;
  /** Position i is the language of documents whose lang byte is i. */
  languages: string[];
  langDocCounts: Record<string, number>;
  shards: ShardEntry[];
  /** `sha256:` + hex sha256 of the canonical JSON of every other field (lib/storage's manifestChecksum). */
  checksum: string;
}

/** The manifest with its checksum: the last step before it is written. */
export async function sealManifest(body: Omit<Manifest, 'checksum'>): Promise<Manifest> {
  return { ...body, checksum: await manifestChecksum(body) };
}

export function buildPrefix(buildId: string): string {
  return `builds/${buildId}/`;
}

export function shardKey(buildId: string, shardIndex: number): string {
  return `${buildPrefix(buildId)}shard-${String(shardIndex).padStart(5, '0')}.xsh`;
}

export function docsKey(buildId: string, shardIndex: number): string {
  return `${buildPrefix(buildId)}docs-${String(shardIndex).padStart(5, '0')}.xds`;
}

/**
 * The objects of segment `segment` of shard `shardIndex` (lib/index/build/merge.ts): its shard
 * object waits under `segments/` until the shard is merged, then goes; its doc store stays beside
 * the shards as one of the shard's doc-store parts. Both under the build's prefix, so housekeeping
 * deletes what a crashed build leaves.
 */
export function segmentKeys(
  buildId: string,
  shardIndex: number,
  segment: number,
): { key: string; docsKey: string } {
  const name = `${String(shardIndex).padStart(5, '0')}-${String(segment).padStart(3, '0')}`;
  return {
    key: `${segmentsPrefix(buildId)}shard-${name}.xsh`,
    docsKey: `${buildPrefix(buildId)}docs-${name}.xds`,
  };
}

export function segmentsPrefix(buildId: string): string {
  return `${buildPrefix(buildId)}segments/`;
}

/** Statistics a distributed build leaves beside shard i until publishing merges them. */
export function shardStatsPrefix(buildId: string): string {
  return `${buildPrefix(buildId)}stats-`;
}

export function shardStatsKey(buildId: string, shardIndex: number): string {
  return `${shardStatsPrefix(buildId)}${String(shardIndex).padStart(5, '0')}.json`;
}

export function averageDocLength(manifest: Pick<Manifest, 'docCount' | 'totalTerms'>): number {
  return manifest.docCount === 0 ? 0 : manifest.totalTerms / manifest.docCount;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Parses and checks a manifest, in a fixed order so each failure has one message: JSON, format,
 * version (a manifest of another version is refused, not misread), checksum, fields. `key` is the
 * manifest's key within the index (what a corrupt manifest is named by: no store location, since
 * the message may reach API clients); `where` is its full location for the other messages.
 * A wrong shape is reported, never half-used.
 */
export async function parseManifest(text: string, key: string, where: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new IndexNotFoundError(`${where} is not valid JSON; is this an xlir index?`);
  }
  const m = raw as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m) || m.format !== MANIFEST_FORMAT) {
    throw new IndexNotFoundError(`${where} is not an xlir index manifest`);
  }
  if (!READABLE_MANIFEST_VERSIONS.includes(m.version as number)) {
    throw new IndexNotFoundError(
      `${where} has index format version ${JSON.stringify(m.version) ?? 'none'}; this xlir reads version ${READABLE_MANIFEST_VERSIONS.join(' and ')}. Rebuild the index.`,
    );
  }
  const verdict = await verifyManifestChecksum(m);
  if (verdict === 'missing') {
    throw new IndexCorruptError(key, 'the manifest has no checksum, so nothing in it can be trusted');
  }
  if (verdict === 'mismatch') {
    throw new IndexCorruptError(
      key,
      'the manifest fails its checksum: it was damaged or edited after it was published',
    );
  }
  const ok =
    typeof m.buildId === 'string' &&
    typeof m.checksum === 'string' &&
    isFiniteNumber(m.docCount) &&
    isFiniteNumber(m.totalTerms) &&
    !!m.bm25 &&
    isFiniteNumber(m.bm25.k1) &&
    isFiniteNumber(m.bm25.b) &&
    Array.isArray(m.languages) &&
    Array.isArray(m.shards) &&
    (m.shards as Array<Partial<ShardEntry> | null>).every(
      (s) =>
        !!s &&
        typeof s.key === 'string' &&
        isFiniteNumber(s.bytes) &&
        isFiniteNumber(s.headBytes) &&
        isFiniteNumber(s.dictionaryBytes) &&
        isFiniteNumber(s.headCrc32) &&
        isFiniteNumber(s.docCount) &&
        validParts(s.docs),
    );
  if (!ok) throw new IndexNotFoundError(`${where} is missing required fields; rebuild the index`);
  return m as Manifest;
}

function isDocStorePart(part: unknown): part is DocStorePart {
  const p = part as Partial<DocStorePart> | null;
  return !!p && typeof p.key === 'string' && isFiniteNumber(p.bytes);
}

function validParts(parts: unknown): boolean {
  return Array.isArray(parts) && parts.length > 0 && parts.every(isDocStorePart);
}
