/**
 * Front-coded document ids (lib/index/format/doc-ids.ts) against the ids as given: every id of
 * random id lists reads back exactly, at every position of a block, whatever the ids share.
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter, u32Array } from '../../lib/index/format/binary.js';
import { DOC_ID_BLOCK, docIdReader, writeDocIds } from '../../lib/index/format/doc-ids.js';

/** Writes the two sections after `lead` bytes (so offsets are not from 0) and reads them back. */
function roundTrip(ids: readonly string[], lead = 24): { docId: (d: number) => string; bytes: number } {
  const head = new ByteWriter(64);
  head.bytes(new Uint8Array(lead));
  const sections: number[] = [];
  writeDocIds(head, ids, sections, (value) => value);
  const all = head.finish();
  const [offsetsAt, bytesAt] = sections as [number, number];
  const offsets = u32Array(all, offsetsAt, Math.ceil(ids.length / DOC_ID_BLOCK) + 1);
  return { docId: docIdReader(offsets, all.subarray(bytesAt)), bytes: all.length - lead };
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('front-coded doc ids', () => {
  it('reads back every id of random lists: shared prefixes, multibyte characters split mid-prefix, empty ids', () => {
    const alphabet = ['a', 'b', 'z', '0', '9', '-', '/', 'é', 'ж', '中', '文', '😀'];
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const count = 1 + Math.floor(next() * 3 * DOC_ID_BLOCK);
      const ids: string[] = [];
      for (let d = 0; d < count; d++) {
        // Whole characters (code points) of the id before: a lone surrogate is no id.
        const before = d > 0 ? [...ids[d - 1]!] : [];
        const keep = next() < 0.7 ? before.slice(0, Math.floor(next() * before.length)).join('') : '';
        let tail = '';
        for (let n = Math.floor(next() * 6); n > 0; n--)
          tail += alphabet[Math.floor(next() * alphabet.length)];
        ids.push(keep + tail);
      }
      const { docId } = roundTrip(ids);
      expect(ids.map((_, d) => docId(d))).toEqual(ids);
    }
  });

  it('stores sequential ids in a fraction of a plain string table (4-byte offset per id plus its bytes)', () => {
    const ids = Array.from({ length: 10_000 }, (_, d) => `passage-${String(d).padStart(7, '0')}`);
    const plain = ids.reduce((sum, id) => sum + 4 + id.length, 4);
    const { docId, bytes } = roundTrip(ids);
    expect(docId(0)).toBe('passage-0000000');
    expect(docId(9_999)).toBe('passage-0009999');
    expect(docId(DOC_ID_BLOCK + 3)).toBe(ids[DOC_ID_BLOCK + 3]);
    expect(bytes).toBeLessThan(plain / 3);
  });
});
