/**
 * Byte layout of a shard object (`.xsh`). See ARCHITECTURE.md for the table. This file writes
 * shards and decodes postings; shard-head.ts reads heads.
 * Everything is little-endian. The head region [0, headBytes) holds what a
 * query needs besides postings, in two parts read with two ranged GETs in
 * parallel: the term dictionary first (small: a cold query sends for postings
 * as soon as it arrives), then the per-document sections.
 */
import { ByteWriter, compareBytes, crc32, dataView, utf8Encode } from './binary.js';
import {
  SHARD_FORMAT_VERSION,
  SHARD_HEADER,
  SHARD_HEADER_BYTES,
  SHARD_MAGIC,
  U32_LIMIT,
} from './constants.js';
import { IndexCorruptError } from '../errors.js';
import { writeDocIds } from './doc-ids.js';
import { paretoFrontier } from './frontier.js';

/** u32 words per term entry: df, postings offset, postings length, postings CRC-32. */
export const TERM_ENTRY_WORDS = 4;

export interface TermPostings {
  term: string;
  /** Local document numbers, strictly increasing. */
  docs: ArrayLike<number>;
  tfs: ArrayLike<number>;
  /**
   * The list's (tf, dl) Pareto frontier, tf descending, when the caller already has it (a merge
   * unions its segments' frontiers); computed from the postings otherwise.
   */
  frontier?: ReadonlyArray<readonly [number, number]>;
}

export interface ShardContents {
  /** The shard's own language table; docLangs index it. Shards are built independently. */
  languages: readonly string[];
  docLengths: ArrayLike<number>;
  docLangs: ArrayLike<number>;
  docIds: readonly string[];
  /** Offsets of each document's record in the doc store, docCount + 1 entries. */
  docStoreOffsets: ArrayLike<number>;
  terms: Iterable<TermPostings>;
  /** Expected postings bytes (a merge knows its segments'), so the buffer is sized once. */
  postingsBytesHint?: number;
}

export interface TermInfo {
  df: number;
  /** Absolute byte range of the term's postings blob within the shard object. */
  start: number;
  end: number;
  crc32: number;
}

/** The dictionary part of a shard's head: enough to look terms up and send for their postings. */
export interface ShardDictionary {
  docCount: number;
  termCount: number;
  headBytes: number;
  /** End of the dictionary part, start of the documents part. */
  dictionaryBytes: number;
  postingsBytes: number;
  /** CRC-32 of bytes [72, headBytes), as stored in the header (SHARD_HEADER.HEAD_CRC32) and in the manifest. */
  headCrc32: number;
  /** CRC-32 of the dictionary part, [72, dictionaryBytes). */
  dictionaryCrc32: number;
  languages: string[];
  /** Where the documents part's sections start, counted from the start of the shard (the header's fields). */
  documentsLayout: {
    langsAt: number;
    idBlocksAt: number;
    idBytesAt: number;
    storeAt: number;
  };
  lookupTerm(termBytes: Uint8Array): TermInfo | undefined;
  termAt(index: number): string;
  /** The UTF-8 bytes of term `index` (terms are sorted by them) and its entry: what a merge walks. */
  termBytesAt(index: number): Uint8Array;
  termInfoAt(index: number): TermInfo;
}

/** A whole head: the dictionary and the documents part (lengths, languages, ids, record offsets). */
export interface ShardHead extends ShardDictionary {
  docLengths: Uint32Array;
  docLangs: Uint8Array;
  docStoreOffsets: Uint32Array;
  docId(localDoc: number): string;
}

export interface DecodedPostings {
  docs: Int32Array;
  tfs: Int32Array;
  /** Pareto frontier of (tf, dl): the only pairs that can maximise a BM25 term score. */
  frontierTfs: Int32Array;
  frontierDls: Int32Array;
}

function checkU32(value: number, what: string): number {
  if (value > U32_LIMIT) {
    throw new RangeError(`${what} exceeds 4 GiB in one shard; build with a smaller --shard-docs`);
  }
  return value;
}

function encodePostings(p: TermPostings, docLengths: ArrayLike<number>, out: ByteWriter): void {
  const frontier = p.frontier ?? paretoFrontier(p.docs, p.tfs, docLengths);
  out.varint(frontier.length);
  for (const [tf, dl] of frontier) {
    out.varint(tf);
    out.varint(dl);
  }
  out.varint(p.docs.length);
  let previous = -1;
  for (let i = 0; i < p.docs.length; i++) {
    const doc = p.docs[i]!;
    out.varint(doc - previous - 1);
    previous = doc;
  }
  for (let i = 0; i < p.tfs.length; i++) out.varint(p.tfs[i]!);
}

/** Two sections: u32 end offsets (count + 1, from 0), then the concatenated bytes. */
function writeStringTable(
  head: ByteWriter,
  strings: Uint8Array[],
  sectionOffsets: number[],
  what: string,
): void {
  sectionOffsets.push(head.length);
  let cursor = 0;
  head.u32(0);
  for (const bytes of strings) head.u32(checkU32((cursor += bytes.length), what));
  head.align(8);
  sectionOffsets.push(head.length);
  for (const bytes of strings) head.bytes(bytes);
  head.align(8);
}

/** Serialises a shard. Terms must arrive sorted by UTF-8 bytes. */
export function encodeShard(contents: ShardContents): Uint8Array {
  const docCount = contents.docIds.length;
  const termBytes: Uint8Array[] = [];
  const postings = new ByteWriter(contents.postingsBytesHint ?? 1 << 20);
  const entries: number[] = [];
  let previousTerm: Uint8Array | undefined;
  for (const term of contents.terms) {
    const bytes = utf8Encode(term.term);
    if (previousTerm && compareBytes(previousTerm, bytes) >= 0) {
      throw new Error(`terms must be sorted and unique: "${term.term}"`);
    }
    previousTerm = bytes;
    const start = postings.length;
    encodePostings(term, contents.docLengths, postings);
    const blob = postings.finish().subarray(start);
    entries.push(term.docs.length, checkU32(start, 'postings'), blob.length, crc32(blob));
    termBytes.push(bytes);
  }

  const head = new ByteWriter(SHARD_HEADER_BYTES + docCount * 16 + termBytes.length * 24);
  head.bytes(new Uint8Array(SHARD_HEADER_BYTES));
  const sectionOffsets: number[] = [];

  // The dictionary part: what a query needs to send for its postings.
  if (contents.languages.length > 256) throw new RangeError('a shard holds at most 256 languages');
  sectionOffsets.push(head.length);
  const languageTable = utf8Encode(contents.languages.join('\n'));
  head.u32(languageTable.length);
  head.bytes(languageTable);
  head.align(8);
  writeStringTable(head, termBytes, sectionOffsets, 'terms');
  sectionOffsets.push(head.length);
  for (const value of entries) head.u32(value);
  head.align(8);
  const dictionaryBytes = checkU32(head.length, 'head');

  // The documents part: what scoring and naming the hits need once the postings are in.
  // docLengths starts it, at dictionaryBytes (no header field).
  for (let i = 0; i < docCount; i++) head.u32(contents.docLengths[i]!);
  sectionOffsets.push(head.length);
  // A shard of one language stores no language bytes: every document's is 0 (1 MB per 1M documents).
  if (contents.languages.length > 1) for (let i = 0; i < docCount; i++) head.u8(contents.docLangs[i]!);
  head.align(8);
  writeDocIds(head, contents.docIds, sectionOffsets, checkU32);
  sectionOffsets.push(head.length);
  for (let i = 0; i <= docCount; i++) head.u32(checkU32(contents.docStoreOffsets[i]!, 'doc store'));
  head.align(8);

  const headBytes = checkU32(head.length, 'head');
  const headRegion = head.finish();
  const view = dataView(headRegion);
  utf8Encode(SHARD_MAGIC).forEach((byte, i) => view.setUint8(SHARD_HEADER.MAGIC + i, byte));
  view.setUint16(SHARD_HEADER.VERSION, SHARD_FORMAT_VERSION, true);
  view.setUint16(SHARD_HEADER.FLAGS, 0, true);
  view.setUint32(SHARD_HEADER.DOC_COUNT, docCount, true);
  view.setUint32(SHARD_HEADER.TERM_COUNT, termBytes.length, true);
  view.setUint32(SHARD_HEADER.HEAD_BYTES, headBytes, true);
  view.setUint32(SHARD_HEADER.DICTIONARY_BYTES, dictionaryBytes, true);
  view.setUint32(SHARD_HEADER.POSTINGS_BYTES, checkU32(postings.length, 'postings'), true);
  // The sections in the order they were written above.
  const [languagesAt, termOffsetsAt, termBytesAt, entriesAt, langsAt, idBlocksAt, idBytesAt, storeAt] =
    sectionOffsets as [number, number, number, number, number, number, number, number];
  view.setUint32(SHARD_HEADER.LANGUAGE_TABLE_AT, languagesAt, true);
  view.setUint32(SHARD_HEADER.TERM_OFFSETS_AT, termOffsetsAt, true);
  view.setUint32(SHARD_HEADER.TERM_BYTES_AT, termBytesAt, true);
  view.setUint32(SHARD_HEADER.TERM_ENTRIES_AT, entriesAt, true);
  view.setUint32(SHARD_HEADER.DOC_LANGS_AT, langsAt, true);
  view.setUint32(SHARD_HEADER.DOC_ID_BLOCKS_AT, idBlocksAt, true);
  view.setUint32(SHARD_HEADER.DOC_ID_BYTES_AT, idBytesAt, true);
  view.setUint32(SHARD_HEADER.DOC_STORE_OFFSETS_AT, storeAt, true);
  const dictionaryCrc = crc32(headRegion.subarray(SHARD_HEADER_BYTES, dictionaryBytes));
  view.setUint32(SHARD_HEADER.DICTIONARY_CRC32, dictionaryCrc, true);
  view.setUint32(SHARD_HEADER.HEAD_CRC32, crc32(headRegion.subarray(dictionaryBytes), dictionaryCrc), true);

  const shard = new Uint8Array(headBytes + postings.length);
  shard.set(headRegion, 0);
  shard.set(postings.finish(), headBytes);
  return shard;
}

/** Where a shard's head splits, from its manifest entry: what the reader asks for. */
export interface HeadSplit {
  headBytes: number;
  dictionaryBytes: number;
}

/** What a manifest entry records of a shard encodeShard wrote: its head's split and checksum. */
export function headFields(shard: Uint8Array): HeadSplit & { headCrc32: number } {
  const view = dataView(shard);
  return {
    headBytes: view.getUint32(SHARD_HEADER.HEAD_BYTES, true),
    dictionaryBytes: view.getUint32(SHARD_HEADER.DICTIONARY_BYTES, true),
    headCrc32: view.getUint32(SHARD_HEADER.HEAD_CRC32, true),
  };
}

/**
 * Fills `out` with consecutive LEB128 varints from `pos`; returns the position after them.
 * A plain loop over the bytes: it runs once per posting on every cold query.
 */
function readVarints(blob: Uint8Array, pos: number, out: Int32Array): number {
  for (let i = 0; i < out.length; i++) {
    let byte = blob[pos++]!;
    let value = byte & 0x7f;
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = blob[pos++]!;
      value |= (byte & 0x7f) << shift;
    }
    out[i] = value;
  }
  return pos;
}

/** Decodes one term's postings blob after checking it against the head's checksum. */
export function decodePostings(blob: Uint8Array, info: TermInfo, objectKey: string): DecodedPostings {
  if (blob.length !== info.end - info.start) {
    throw new IndexCorruptError(
      objectKey,
      `truncated postings: expected ${info.end - info.start} bytes, got ${blob.length}`,
    );
  }
  if (crc32(blob) !== info.crc32) throw new IndexCorruptError(objectKey, 'postings checksum mismatch');
  const frontierCount = new Int32Array(1);
  let pos = readVarints(blob, 0, frontierCount);
  const frontier = new Int32Array(frontierCount[0]! * 2);
  pos = readVarints(blob, pos, frontier);
  const frontierTfs = frontier.filter((_, i) => i % 2 === 0);
  const frontierDls = frontier.filter((_, i) => i % 2 === 1);
  const countHolder = new Int32Array(1);
  pos = readVarints(blob, pos, countHolder);
  const count = countHolder[0]!;
  if (count !== info.df) throw new IndexCorruptError(objectKey, `postings count ${count} != df ${info.df}`);
  const docs = new Int32Array(count);
  pos = readVarints(blob, pos, docs);
  let doc = -1;
  for (let i = 0; i < count; i++) docs[i] = doc += docs[i]! + 1;
  const tfs = new Int32Array(count);
  pos = readVarints(blob, pos, tfs);
  if (pos !== blob.length) throw new IndexCorruptError(objectKey, 'postings length mismatch');
  return { docs, tfs, frontierTfs, frontierDls };
}
