/**
 * The head bundle (`heads.xhb` at the index root): a copy of the current build's shard heads in
 * one object, written by publish right after manifest.json. A cold open asks for it together with
 * manifest.json, so the query sends for its postings after one round trip instead of two
 * (manifest, then each shard's head), and its heads need no GETs of their own. It is a copy,
 * never the truth: the reader uses it only when it names the build manifest.json names, and each
 * head is checked as a shard's own is (the dictionary's CRC and the head checksum against the
 * manifest entry, the documents part's CRC). When the bundle is missing, unreadable or from
 * another build (a publish between its two PUTs, or one that stopped between them) the heads are
 * read from the shards: the same bytes, one round trip later.
 *
 * Layout (little-endian; ARCHITECTURE.md, "Head bundle"): magic `XLIRHDB1`, u16 version, u16
 * flags, u32 shard count, u32 buildId byte length, the buildId in UTF-8, zero padding to 8; then
 * per shard u32 offset and u32 length of its head; then the heads, each starting on an 8-byte
 * boundary (a head's typed-array views need no copy).
 */
import { ByteWriter, dataView, utf8Decode, utf8Encode } from './binary.js';
import { HEAD_BUNDLE_MAGIC, HEAD_BUNDLE_VERSION, U32_LIMIT } from './constants.js';
import { IndexCorruptError } from '../errors.js';

/** Byte offset of each field of the bundle's header (the buildId starts at BUILD_ID). */
const FIELD = Object.freeze({
  MAGIC: 0,
  VERSION: 8,
  FLAGS: 10,
  SHARD_COUNT: 12,
  BUILD_ID_LENGTH: 16,
  BUILD_ID: 20,
});

export interface HeadBundle {
  buildId: string;
  /** Shard i's head, [0, headBytes) of its shard object. */
  heads: Uint8Array[];
}

/** Serialises the heads of one build's shards, in shard order. */
export function encodeHeadBundle(buildId: string, heads: readonly Uint8Array[]): Uint8Array {
  const id = utf8Encode(buildId);
  const out = new ByteWriter(64 + heads.reduce((sum, h) => sum + h.length + 16, 0));
  out.bytes(utf8Encode(HEAD_BUNDLE_MAGIC));
  out.u16(HEAD_BUNDLE_VERSION);
  out.u16(0);
  out.u32(heads.length);
  out.u32(id.length);
  out.bytes(id);
  out.align(8);
  const tableAt = out.length;
  for (let i = 0; i < heads.length; i++) out.u64(0);
  heads.forEach((head, i) => {
    out.align(8);
    if (out.length + head.length > U32_LIMIT) throw new RangeError('a head bundle reaches 4 GiB');
    out.patchU32(tableAt + i * 8, out.length);
    out.patchU32(tableAt + i * 8 + 4, head.length);
    out.bytes(head);
  });
  return out.finish();
}

/** The bundle's build and heads; an IndexCorruptError when its framing is not a bundle's. */
export function parseHeadBundle(bytes: Uint8Array, objectKey: string): HeadBundle {
  const corrupt = (detail: string) => new IndexCorruptError(objectKey, detail);
  const magic = bytes.subarray(FIELD.MAGIC, FIELD.MAGIC + HEAD_BUNDLE_MAGIC.length);
  if (bytes.length < FIELD.BUILD_ID || utf8Decode(magic) !== HEAD_BUNDLE_MAGIC) {
    throw corrupt('not an xlir head bundle (bad magic)');
  }
  const view = dataView(bytes);
  const version = view.getUint16(FIELD.VERSION, true);
  if (version !== HEAD_BUNDLE_VERSION) {
    throw corrupt(`head bundle version ${version}, expected ${HEAD_BUNDLE_VERSION}`);
  }
  const shardCount = view.getUint32(FIELD.SHARD_COUNT, true);
  const idLength = view.getUint32(FIELD.BUILD_ID_LENGTH, true);
  const tableAt = Math.ceil((FIELD.BUILD_ID + idLength) / 8) * 8;
  if (tableAt + shardCount * 8 > bytes.length) throw corrupt('truncated table');
  const buildId = utf8Decode(bytes.subarray(FIELD.BUILD_ID, FIELD.BUILD_ID + idLength));
  const heads: Uint8Array[] = [];
  for (let i = 0; i < shardCount; i++) {
    const start = view.getUint32(tableAt + i * 8, true);
    const length = view.getUint32(tableAt + i * 8 + 4, true);
    if (start + length > bytes.length) throw corrupt(`head ${i} lies past the end`);
    heads.push(bytes.subarray(start, start + length));
  }
  return { buildId, heads };
}
