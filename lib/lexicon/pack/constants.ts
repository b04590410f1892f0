/** Format constants of lexicon packs (ARCHITECTURE.md, "Lexicon packs in object storage"), in one place. */

/** `format` field of every pack manifest: tells a pack from any other JSON object in a bucket. */
export const PACK_FORMAT = 'xlir-lexicons';

/**
 * The one format version this code writes and reads. Bump it when a reader of the old version
 * would misread a new pack; a reader refuses any other version with a clear error rather than guess.
 * Version 2 takes the manifest's checksum over canonical JSON (sorted keys, lib/storage's
 * manifestChecksum, as an index's manifest.json), where version 1 hashed the fields in file order.
 */
export const PACK_VERSION = 2;

/** The manifest's key, at the pack root. Written last: its presence means the pack is complete. */
export const PACK_MANIFEST_KEY = 'lexicons.json';

/** Prefix of the per-direction objects; their names never change once written (content-addressed). */
export const PACK_DIRECTIONS_PREFIX = 'directions/';

/** Suffix of a direction object: gzip of lib/lexicon's compact TSV. */
export const PACK_DIRECTION_SUFFIX = '.tsv.gz';

/**
 * Hex digits of a direction's sha256 in its object key: 64 bits, so two different lexicons of one
 * direction never share a key (the full digest in the manifest still checks every byte).
 */
export const PACK_KEY_HASH_CHARS = 16;

/**
 * zlib level 9: a pack is written once and read by every cold container, so the extra CPU at
 * write time buys smaller GETs forever (lexicon TSV compresses 2–3:1: the demo lexicons 2.7:1).
 */
export const PACK_GZIP_LEVEL = 9;

/**
 * Largest decompressed direction accepted: V8 cannot hold a string longer than about 2^29
 * characters, and a gzip bomb must fail with a clear error, not exhaust the Lambda's memory.
 */
export const PACK_MAX_TSV_BYTES = 512 * 1024 * 1024;

/** Direction objects written at once: enough to hide S3 round trips, few enough to bound memory. */
export const PACK_WRITE_CONCURRENCY = 4;

/** A canonical language tag of a pack (lib/text's canonicalLanguage keeps the language subtag only). */
export const PACK_LANGUAGE_RE = /^[a-z]{2,8}$/;
