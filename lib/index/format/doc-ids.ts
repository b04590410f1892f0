/**
 * A shard's external document ids, front-coded in blocks of DOC_ID_BLOCK (ARCHITECTURE.md, "Shard
 * object"). Ids are most of a head's bytes after the lengths: as a plain string table the 1M-
 * document bench shard held 6.9 MB of id bytes plus 4 MB of offsets, all read by every cold open
 * although a query names only its hits. Neighbouring ids usually share a prefix (ids are written
 * in input order: `doc-000123`, URLs of one site), so each id after a block's first stores only
 * what differs from the one before it, and one offset per block replaces one per id. Naming a hit
 * decodes at most one block.
 */
import type { ByteWriter } from './binary.js';
import { utf8Decode, utf8Encode } from './binary.js';

/** Ids per block: a hit's id costs at most this many steps; the block offsets cost 4 bytes per block. */
export const DOC_ID_BLOCK = 16;

/** The length of the common prefix of two byte strings. */
function sharedPrefix(a: Uint8Array, b: Uint8Array): number {
  const end = Math.min(a.length, b.length);
  let i = 0;
  while (i < end && a[i] === b[i]) i++;
  return i;
}

/**
 * Writes two sections: u32 block offsets (blocks + 1, from 0) into the block bytes, aligned to 8,
 * then the blocks. Within a block: the first id as varint length and bytes; each later id as
 * varint shared-prefix length with the id before it, varint suffix length, suffix bytes. Pushes
 * each section's start to `sectionOffsets`.
 */
export function writeDocIds(
  head: ByteWriter,
  ids: readonly string[],
  sectionOffsets: number[],
  checkU32: (value: number, what: string) => number,
): void {
  const blocks = Math.ceil(ids.length / DOC_ID_BLOCK);
  const offsetsAt = head.length;
  sectionOffsets.push(offsetsAt);
  for (let b = 0; b <= blocks; b++) head.u32(0);
  head.align(8);
  const bytesAt = head.length;
  sectionOffsets.push(bytesAt);
  let previous: Uint8Array = new Uint8Array(0);
  for (let d = 0; d < ids.length; d++) {
    const bytes = utf8Encode(ids[d]!);
    if (d % DOC_ID_BLOCK === 0) {
      head.patchU32(offsetsAt + (d / DOC_ID_BLOCK) * 4, checkU32(head.length - bytesAt, 'doc ids'));
      head.varint(bytes.length);
      head.bytes(bytes);
    } else {
      const shared = sharedPrefix(previous, bytes);
      head.varint(shared);
      head.varint(bytes.length - shared);
      head.bytes(bytes.subarray(shared));
    }
    previous = bytes;
  }
  head.patchU32(offsetsAt + blocks * 4, checkU32(head.length - bytesAt, 'doc ids'));
  head.align(8);
}

/**
 * docId(d) over the two sections writeDocIds wrote. The block is replayed in one scratch buffer
 * (each id overwrites the one before it from its shared prefix on), so naming a hit allocates
 * only its string: a top-1000 names a thousand.
 */
export function docIdReader(blockOffsets: Uint32Array, bytes: Uint8Array): (doc: number) => string {
  let scratch = new Uint8Array(256);
  return (doc) => {
    let pos = blockOffsets[Math.floor(doc / DOC_ID_BLOCK)]!;
    let length = 0;
    // Varints inline: this runs once per id of every block step.
    const varint = (): number => {
      let byte = bytes[pos++]!;
      let value = byte & 0x7f;
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[pos++]!;
        value |= (byte & 0x7f) << shift;
      }
      return value;
    };
    for (let i = 0; i <= doc % DOC_ID_BLOCK; i++) {
      // A block's first id shares nothing; each later one starts with its shared-prefix length.
      const shared = i === 0 ? 0 : varint();
      const rest = varint();
      length = shared + rest;
      if (length > scratch.length) {
        const grown = new Uint8Array(Math.max(length, scratch.length * 2));
        grown.set(scratch.subarray(0, shared));
        scratch = grown;
      }
      // Byte by byte: suffixes are a few bytes, and a subarray per step cost more than the copy.
      for (let j = 0; j < rest; j++) scratch[shared + j] = bytes[pos + j]!;
      pos += rest;
    }
    return utf8Decode(scratch.subarray(0, length));
  };
}
