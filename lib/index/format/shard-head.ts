/**
 * Reading a shard's head (ARCHITECTURE.md, "Shard object"): the dictionary part, checked against
 * its own CRC and the manifest's split, then the documents part, checked by continuing that CRC.
 * The reader takes the two parts from two ranged GETs (or the head bundle); a merge and the tests
 * take a whole head from one buffer.
 */
import { compareBytes, crc32, dataView, u32Array, utf8Decode } from './binary.js';
import { SHARD_FORMAT_VERSION, SHARD_HEADER, SHARD_HEADER_BYTES, SHARD_MAGIC } from './constants.js';
import { DOC_ID_BLOCK, docIdReader } from './doc-ids.js';
import {
  TERM_ENTRY_WORDS,
  type HeadSplit,
  type ShardDictionary,
  type ShardHead,
  type TermInfo,
} from './shard-format.js';
import { IndexCorruptError } from '../errors.js';

/**
 * Validates and indexes the dictionary part of a head, [0, dictionaryBytes), read with one
 * ranged GET: the header, the language table and the term dictionary, checked against their
 * own CRC. The documents part is attached with parseShardDocuments.
 */
export function parseShardDictionary(
  bytes: Uint8Array,
  objectKey: string,
  expected: HeadSplit,
): ShardDictionary {
  const corrupt = (detail: string) => new IndexCorruptError(objectKey, detail);
  if (bytes.length < expected.dictionaryBytes) {
    throw corrupt(
      `truncated: head dictionary should be ${expected.dictionaryBytes} bytes, got ${bytes.length}`,
    );
  }
  const magic = bytes.subarray(SHARD_HEADER.MAGIC, SHARD_HEADER.MAGIC + SHARD_MAGIC.length);
  if (bytes.length < SHARD_HEADER_BYTES || utf8Decode(magic) !== SHARD_MAGIC) {
    throw corrupt('not an xlir shard (bad magic)');
  }
  const view = dataView(bytes);
  const version = view.getUint16(SHARD_HEADER.VERSION, true);
  if (version !== SHARD_FORMAT_VERSION) {
    throw corrupt(`shard format version ${version}, expected ${SHARD_FORMAT_VERSION}; rebuild the index`);
  }
  const field = (offset: number) => view.getUint32(offset, true);
  const docCount = field(SHARD_HEADER.DOC_COUNT);
  const termCount = field(SHARD_HEADER.TERM_COUNT);
  const headBytes = field(SHARD_HEADER.HEAD_BYTES);
  const dictionaryBytes = field(SHARD_HEADER.DICTIONARY_BYTES);
  const postingsBytes = field(SHARD_HEADER.POSTINGS_BYTES);
  if (headBytes !== expected.headBytes)
    throw corrupt(`head length ${headBytes} != manifest ${expected.headBytes}`);
  if (dictionaryBytes !== expected.dictionaryBytes) {
    throw corrupt(`head dictionary length ${dictionaryBytes} != manifest ${expected.dictionaryBytes}`);
  }
  const dictionaryCrc32 = field(SHARD_HEADER.DICTIONARY_CRC32);
  if (crc32(bytes.subarray(SHARD_HEADER_BYTES, dictionaryBytes)) !== dictionaryCrc32) {
    throw corrupt('head dictionary checksum mismatch');
  }
  const termOffsetsAt = field(SHARD_HEADER.TERM_OFFSETS_AT);
  const termBytesAt = field(SHARD_HEADER.TERM_BYTES_AT);
  const entriesAt = field(SHARD_HEADER.TERM_ENTRIES_AT);
  const languagesAt = field(SHARD_HEADER.LANGUAGE_TABLE_AT);
  const languagesLength = view.getUint32(languagesAt, true);
  const languagesText = utf8Decode(bytes.subarray(languagesAt + 4, languagesAt + 4 + languagesLength));
  const languages = languagesText === '' ? [] : languagesText.split('\n');
  const termOffsets = u32Array(bytes, termOffsetsAt, termCount + 1);
  const entries = u32Array(bytes, entriesAt, termCount * TERM_ENTRY_WORDS);

  const termSlice = (i: number) =>
    bytes.subarray(termBytesAt + termOffsets[i]!, termBytesAt + termOffsets[i + 1]!);
  const info = (i: number): TermInfo => {
    const e = i * TERM_ENTRY_WORDS;
    const start = headBytes + entries[e + 1]!;
    return { df: entries[e]!, start, end: start + entries[e + 2]!, crc32: entries[e + 3]! };
  };

  return {
    docCount,
    termCount,
    headBytes,
    dictionaryBytes,
    postingsBytes,
    headCrc32: field(SHARD_HEADER.HEAD_CRC32),
    dictionaryCrc32,
    languages,
    documentsLayout: {
      langsAt: field(SHARD_HEADER.DOC_LANGS_AT),
      idBlocksAt: field(SHARD_HEADER.DOC_ID_BLOCKS_AT),
      idBytesAt: field(SHARD_HEADER.DOC_ID_BYTES_AT),
      storeAt: field(SHARD_HEADER.DOC_STORE_OFFSETS_AT),
    },
    termAt: (i) => utf8Decode(termSlice(i)),
    termBytesAt: termSlice,
    termInfoAt: info,
    lookupTerm(term) {
      let lo = 0;
      let hi = termCount - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const cmp = compareBytes(termSlice(mid), term);
        if (cmp === 0) return info(mid);
        if (cmp < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}

/**
 * The whole head from the dictionary and the documents part, [dictionaryBytes, headBytes), read
 * with its own ranged GET: the documents part is checked by continuing the dictionary's CRC over
 * it, which must give the header's head CRC.
 */
export function parseShardDocuments(
  dictionary: ShardDictionary,
  bytes: Uint8Array,
  objectKey: string,
): ShardHead {
  const { docCount, dictionaryBytes, headBytes } = dictionary;
  if (bytes.length < headBytes - dictionaryBytes) {
    throw new IndexCorruptError(
      objectKey,
      `truncated: head documents should be ${headBytes - dictionaryBytes} bytes, got ${bytes.length}`,
    );
  }
  const part = bytes.subarray(0, headBytes - dictionaryBytes);
  if (crc32(part, dictionary.dictionaryCrc32) !== dictionary.headCrc32) {
    throw new IndexCorruptError(objectKey, 'head checksum mismatch');
  }
  // The header's offsets count from the start of the shard; this part starts at dictionaryBytes.
  const at = (offset: number) => offset - dictionaryBytes;
  const { langsAt, idBlocksAt, idBytesAt, storeAt } = dictionary.documentsLayout;
  const idBlocks = u32Array(part, at(idBlocksAt), Math.ceil(docCount / DOC_ID_BLOCK) + 1);
  return {
    ...dictionary,
    // docLengths opens the documents part (format 2 gives it no header field).
    docLengths: u32Array(part, 0, docCount),
    // One language: no bytes stored, every document's language is entry 0.
    docLangs:
      dictionary.languages.length > 1
        ? part.subarray(at(langsAt), at(langsAt) + docCount)
        : new Uint8Array(docCount),
    docStoreOffsets: u32Array(part, at(storeAt), docCount + 1),
    docId: docIdReader(idBlocks, part.subarray(at(idBytesAt), at(storeAt))),
  };
}

/** A whole head in one buffer, [0, headBytes): what a merge reads from its segments, and tests. */
export function parseShardHead(bytes: Uint8Array, objectKey: string, headBytes: number): ShardHead {
  const dictionaryBytes =
    bytes.length >= SHARD_HEADER_BYTES ? dataView(bytes).getUint32(SHARD_HEADER.DICTIONARY_BYTES, true) : 0;
  if (dictionaryBytes > bytes.length || dictionaryBytes > headBytes) {
    throw new IndexCorruptError(objectKey, `head dictionary length ${dictionaryBytes} exceeds the head`);
  }
  const dictionary = parseShardDictionary(bytes.subarray(0, dictionaryBytes), objectKey, {
    headBytes,
    dictionaryBytes,
  });
  return parseShardDocuments(dictionary, bytes.subarray(dictionaryBytes, headBytes), objectKey);
}
