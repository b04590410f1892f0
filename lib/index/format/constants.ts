/**
 * Identifiers and layout of the index's objects in storage (ARCHITECTURE.md, "Index layout in
 * object storage"), in one place: what a reader checks and a builder writes. Changing any of these
 * changes the on-disk format.
 */

export const MANIFEST_KEY = 'manifest.json';
export const MANIFEST_FORMAT = 'xlir-index';
/**
 * The manifest version this code writes. Version 4 gives each shard's `dictionaryBytes`, where
 * its head splits into the term dictionary and the documents part (two GETs in parallel, see
 * SHARD_FORMAT_VERSION). Version 3 listed each shard's stored documents as parts (`docs`);
 * version 2 added the manifest's own checksum. Earlier manifests name shards of format 1, which
 * this code cannot read, so they are refused with "rebuild the index".
 */
export const MANIFEST_VERSION = 4;
/** The versions this code reads. */
export const READABLE_MANIFEST_VERSIONS: readonly number[] = [MANIFEST_VERSION];

/**
 * The head bundle at the index root (head-bundle.ts): a copy of the current build's shard heads
 * that a cold open reads with manifest.json, saving a round trip.
 */
export const HEAD_BUNDLE_KEY = 'heads.xhb';
export const HEAD_BUNDLE_MAGIC = 'XLIRHDB1';
export const HEAD_BUNDLE_VERSION = 1;

export const SHARD_MAGIC = 'XLIRSHD1';
export const DOCSTORE_MAGIC = 'XLIRDOC1';
/**
 * Version 2 puts the term dictionary first in the head and the per-document sections after it,
 * so a cold query can look its terms up and send for their postings while the larger documents
 * part (lengths, ids, record offsets: 88% of the 1M bench shard's 13.2 MB head) is still arriving and being
 * checked. Version 1 had one head in one order and one checksum; it is refused.
 */
export const SHARD_FORMAT_VERSION = 2;
export const DOCSTORE_FORMAT_VERSION = 1;

/** Fixed size of the shard header; sections after it are 8-byte aligned. */
export const SHARD_HEADER_BYTES = 72;
/** Offsets and lengths in a shard are u32: no section, and no shard's stored text, reaches 4 GiB. */
export const U32_LIMIT = 0xffff_ffff;
export const DOCSTORE_HEADER_BYTES = 16;

/**
 * Byte offset of each field of the 72-byte shard header (ARCHITECTURE.md, "Shard object"). All
 * are little-endian; MAGIC is 8 bytes, VERSION and FLAGS 2, the rest 4. The `*_AT` fields hold the
 * offset of a head section within the shard. The head is [72, headBytes): the dictionary part
 * [72, dictionaryBytes) and the documents part [dictionaryBytes, headBytes). DICTIONARY_CRC32 is
 * the CRC-32 of the dictionary part; HEAD_CRC32 that of the whole head, which is the dictionary
 * part's CRC continued over the documents part, so each part is checked once. The documents part
 * starts with docLengths, at dictionaryBytes, as version 1's head did at 64.
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
  DOC_ID_BLOCKS_AT: 40,
  DOC_ID_BYTES_AT: 44,
  TERM_OFFSETS_AT: 48,
  TERM_BYTES_AT: 52,
  TERM_ENTRIES_AT: 56,
  DOC_STORE_OFFSETS_AT: 60,
  DICTIONARY_BYTES: 64,
  DICTIONARY_CRC32: 68,
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
