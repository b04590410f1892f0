/**
 * The pack reader's gunzip runs on DecompressionStream (so it works in a Worker) where it used
 * node:zlib: it must give zlib's bytes for what zlib compressed, stop at its output bound, and
 * reject what is not gzip or is cut short.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip, GunzipLimitError } from '../../lib/lexicon/pack/gunzip.js';

const text = (n: number): Uint8Array =>
  new TextEncoder().encode(Array.from({ length: n }, (_, i) => `word${i}\tWort${i}\t0.${i % 97}\n`).join(''));

describe('gunzip', () => {
  it('returns the bytes node:zlib compressed, small and over many stream chunks', async () => {
    for (const original of [new Uint8Array(0), text(3), text(20_000)]) {
      const compressed = new Uint8Array(gzipSync(original, { level: 9 }));
      const output = await gunzip(compressed, original.length);
      // Buffer.equals, not toEqual: a deep comparison of half a megabyte is slow under a loaded suite.
      expect(output.length).toBe(original.length);
      expect(Buffer.from(output).equals(Buffer.from(original))).toBe(true);
    }
  });

  it('stops with GunzipLimitError once the output passes the bound', async () => {
    const original = text(20_000);
    const compressed = new Uint8Array(gzipSync(original));
    const error = await gunzip(compressed, original.length - 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GunzipLimitError);
    expect((error as Error).message).toBe(`decompressed output exceeds ${original.length - 1} bytes`);
  });

  it('rejects bytes that are not gzip, and a truncated gzip', async () => {
    await expect(gunzip(new TextEncoder().encode('not gzip at all'), 1000)).rejects.toThrow();
    const compressed = new Uint8Array(gzipSync(text(1000)));
    await expect(gunzip(compressed.subarray(0, compressed.length - 10), 1_000_000)).rejects.toThrow();
  });
});
