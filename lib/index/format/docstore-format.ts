/**
 * Byte layout of a doc-store object (`.xds`): a 16-byte header, then one record
 * per document in shard order. Record offsets live in the shard head, so the
 * text of any set of a shard's documents is one ranged GET over their span.
 */
import { ByteWriter, crc32, dataView, utf8Decode, utf8Encode } from './binary.js';
import { DOCSTORE_FORMAT_VERSION, DOCSTORE_HEADER_BYTES, DOCSTORE_MAGIC } from './constants.js';
import { IndexCorruptError } from '../errors.js';

export interface StoredDocument {
  title?: string;
  text: string;
}

/**
 * Appends a record, u32 crc32(rest) | u32 titleBytes | title UTF-8 | text UTF-8, to `out`. The
 * texts are encoded in place and the two u32s patched after, so a record costs no allocation of
 * its own (the shard builder writes one per document).
 */
export function writeDocRecord(out: ByteWriter, doc: StoredDocument): void {
  const start = out.length;
  out.u32(0);
  out.u32(0);
  const titleBytes = doc.title === undefined ? 0 : out.utf8(doc.title);
  out.utf8(doc.text);
  out.patchU32(start + 4, titleBytes);
  out.patchU32(start, crc32(out.finish().subarray(start + 4)));
}

export function encodeDocStoreHeader(docCount: number): Uint8Array {
  const out = new ByteWriter(DOCSTORE_HEADER_BYTES);
  out.bytes(utf8Encode(DOCSTORE_MAGIC));
  out.u16(DOCSTORE_FORMAT_VERSION);
  out.u16(0);
  out.u32(docCount);
  return out.finish();
}

export function decodeDocRecord(record: Uint8Array, objectKey: string): StoredDocument {
  if (record.length < 8) throw new IndexCorruptError(objectKey, 'truncated document record');
  const view = dataView(record);
  if (crc32(record.subarray(4)) !== view.getUint32(0, true)) {
    throw new IndexCorruptError(objectKey, 'document record checksum mismatch');
  }
  const titleLength = view.getUint32(4, true);
  if (8 + titleLength > record.length) throw new IndexCorruptError(objectKey, 'bad title length');
  const title = utf8Decode(record.subarray(8, 8 + titleLength));
  const text = utf8Decode(record.subarray(8 + titleLength));
  return title ? { title, text } : { text };
}
