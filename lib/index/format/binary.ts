/**
 * The byte-level building blocks of the shard and doc-store formats: a growable little-endian
 * writer, UTF-8, aligned typed-array views, the byte order of the term dictionary, and CRC-32.
 */
import { GROWTH_FACTOR } from './constants.js';

export { crc32 } from './crc32.js';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });
/** A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair, two units, takes 4). */
const MAX_UTF8_BYTES_PER_UTF16_UNIT = 3;

export function utf8Encode(text: string): Uint8Array {
  return textEncoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}

/** Growable little-endian byte buffer. */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buffer.buffer);
  }

  private ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    const capacity = Math.max(needed, Math.ceil(this.buffer.length * GROWTH_FACTOR));
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  u16(value: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  u64(value: number): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, BigInt(value), true);
    this.length += 8;
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /**
   * `text` as UTF-8, straight into the buffer when it has room for the worst case (3 bytes per
   * UTF-16 unit), so the shard builder's doc store takes each text without an intermediate copy.
   * Otherwise it encodes first and grows by the exact size, as `bytes` does: reserving the worst
   * case would grow a buffer sized for the expected total. Returns the bytes written.
   */
  utf8(text: string): number {
    if (this.buffer.length - this.length < text.length * MAX_UTF8_BYTES_PER_UTF16_UNIT) {
      const encoded = textEncoder.encode(text);
      this.bytes(encoded);
      return encoded.length;
    }
    const { written } = textEncoder.encodeInto(text, this.buffer.subarray(this.length));
    this.length += written;
    return written;
  }

  /** LEB128 unsigned varint; values up to 2^32-1. */
  varint(value: number): void {
    this.ensure(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.length++] = v;
  }

  /** Zero bytes up to the next multiple of `alignment`, so typed-array views need no copy. */
  align(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    this.ensure(pad);
    this.buffer.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  patchU32(offset: number, value: number): void {
    this.view.setUint32(offset, value, true);
  }

  patchU64(offset: number, value: number): void {
    this.view.setBigUint64(offset, BigInt(value), true);
  }

  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** A view of `count` u32 values at `offset`; copies only when the offset is unaligned. */
export function u32Array(bytes: Uint8Array, offset: number, count: number): Uint32Array {
  const absolute = bytes.byteOffset + offset;
  if (absolute % 4 === 0) return new Uint32Array(bytes.buffer, absolute, count);
  return new Uint32Array(bytes.slice(offset, offset + count * 4).buffer);
}

export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lexicographic comparison of UTF-8 byte strings: the term dictionary's sort order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
