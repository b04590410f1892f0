/**
 * The index's CRC-32 is plain JavaScript so the read path runs in a Worker, but every shard and
 * doc store written before was checksummed with node:zlib's crc32: the two must agree on every
 * input, whatever its length (the 8-byte steps and the byte tail), alignment and content.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../lib/index/format/crc32.js';

describe('crc32', () => {
  it('gives the standard check value and zero for no bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('equals node:zlib crc32 on random bytes of any length and offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 7 }), (bytes, offset) => {
        const view = bytes.subarray(Math.min(offset, bytes.length));
        expect(crc32(view)).toBe(zlibCrc32(view) >>> 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals node:zlib crc32 on large buffers and continues an earlier checksum as zlib does', () => {
    const big = new Uint8Array(1 << 20).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    expect(crc32(big)).toBe(zlibCrc32(big) >>> 0);
    const head = big.subarray(0, 1001);
    const tail = big.subarray(1001);
    expect(crc32(tail, crc32(head))).toBe(zlibCrc32(big) >>> 0);
    expect(crc32(tail, crc32(head))).toBe(zlibCrc32(tail, zlibCrc32(head)) >>> 0);
  });
});
