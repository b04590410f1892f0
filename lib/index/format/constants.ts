/**
 * Identifiers and layout of the index's objects in storage (ARCHITECTURE.md, "Index layout in
 * object storage"), in one place: what a reader checks and a builder writes. Changing any of these
 * changes the on-disk format.
 */

export const MANIFEST_KEY = 'manifest.json';
export const MANIFEST_FORMAT = 'xlir-index';
/**
 * The manifest version this code writes. Version 3 lists each shard's stored documents as parts
 * (`docs`), so a shard merged from segments keeps its segments' doc stores instead of copying
 * them into one. Version 2 (one `docsKey` per shard) is still read, as a one-part list. Version 2
 * added the manifest's own checksum; a version 1 manifest has none, so nothing could tell a
 * flipped digit in it from the truth, and it is refused (rebuild or republish the index) rather
 * than trusted.
 */
export const MANIFEST_VERSION = 3;
/** The versions this code reads: the one it writes and the one before it. */
export const READABLE_MANIFEST_VERSIONS: readonly number[] = [2, MANIFEST_VERSION];

export const SHARD_MAGIC = 'XLIRSHD1';
export const DOCSTORE_MAGIC = 'XLIRDOC1';
export const SHARD_FORMAT_VERSION = 1;
export const DOCSTORE_FORMAT_VERSION = 1;

/** Fixed size of the shard header; sections after it are 8-byte aligned. */
export const SHARD_HEADER_BYTES = 64;
/** Offsets and lengths in a shard are u32: no section, and no shard's stored text, reaches 4 GiB. */
export const U32_LIMIT = 0xffff_ffff;
export const DOCSTORE_HEADER_BYTES = 16;

/**
 * Byte offset of each field of the 64-byte shard header (ARCHITECTURE.md, "Shard object"). All
 * are little-endian; MAGIC is 8 bytes, VERSION and FLAGS 2, the rest 4. The `*_AT` fields hold the
 * offset of a head section within the shard; HEAD_CRC32 is the CRC-32 of [64, headBytes).
 */
export const SHARD_HEADER = Object.freeze({
  MAGIC: 0,
  VERSION: 8,
  FLAGS: 10,
  DOC_COUNT: 12,
  TERM_COUNT: 16,
  HEAD_BYTES: 20,
  POSTINGS_BYTES: 24,
  LANGUAGE_TABLE_AT: 28,
  HEAD_CRC32: 32,
  DOC_LANGS_AT: 36,
  DOC_ID_OFFSETS_AT: 40,
  DOC_ID_BYTES_AT: 44,
  TERM_OFFSETS_AT: 48,
  TERM_BYTES_AT: 52,
  TERM_ENTRIES_AT: 56,
  DOC_STORE_OFFSETS_AT: 60,
});

/**
 * Language of a document with no tag, no --lang and no language detection could settle: lib/text's
 * tag, stored in the shard's language table like any other.
 */
export { UNDETERMINED_LANGUAGE } from '../../text/index.js';

/**
 * How growable buffers of the builder grow. Below 2 because a shard's buffers are tens of MB:
 * doubling leaves up to half of each unused, and a worker holds both buffers while copying.
 */
export const GROWTH_FACTOR = 1.5;
