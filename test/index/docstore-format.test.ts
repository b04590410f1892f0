/**
 * The shard builder writes each doc-store record straight into the shard's buffer, encoding the
 * texts in place when the buffer has room and through a copy when it does not. Both must give
 * the bytes of the record layout (u32 crc32 of the rest, u32 title length, title, text), built
 * here from TextEncoder output, for any text: CJK, emoji, lone surrogates, titles or none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../lib/index/format/binary.js';
import { crc32 } from '../../lib/index/format/crc32.js';
import {
  decodeDocRecord,
  writeDocRecord,
  type StoredDocument,
} from '../../lib/index/format/docstore-format.js';

function referenceRecord(doc: StoredDocument): Uint8Array {
  const title = new TextEncoder().encode(doc.title ?? '');
  const text = new TextEncoder().encode(doc.text);
  const record = new Uint8Array(8 + title.length + text.length);
  const view = new DataView(record.buffer);
  view.setUint32(4, title.length, true);
  record.set(title, 8);
  record.set(text, 8 + title.length);
  view.setUint32(0, crc32(record.subarray(4)), true);
  return record;
}

/** Records appended after a prefix, from a buffer of `capacity` bytes (the writer grows it). */
function written(docs: StoredDocument[], capacity: number): Uint8Array[] {
  const out = new ByteWriter(capacity);
  out.bytes(new Uint8Array([1, 2, 3]));
  const starts: number[] = [];
  for (const doc of docs) {
    starts.push(out.length);
    writeDocRecord(out, doc);
  }
  const bytes = out.finish();
  return starts.map((start, i) => bytes.slice(start, starts[i + 1] ?? bytes.length));
}

const doc = fc.record(
  {
    title: fc.string({ unit: 'grapheme', maxLength: 20 }),
    text: fc.string({ unit: 'binary', maxLength: 60 }),
  },
  { requiredKeys: ['text'] },
);

describe('writeDocRecord', () => {
  it('writes the reference bytes whether the buffer has room (in place) or must grow (a copy)', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 8 }), (docs) => {
        const expected = docs.map(referenceRecord);
        expect(written(docs, 1 << 16)).toEqual(expected);
        expect(written(docs, 16)).toEqual(expected);
      }),
    );
  });

  it('round-trips mixed-script text through decodeDocRecord', () => {
    const docs = [
      { title: 'Zürich 北京', text: 'ถนน 東京タワー 🎉 naïve' },
      { text: 'plain' },
      { title: 'مدرسة', text: '' },
    ];
    for (const [i, record] of written(docs, 16).entries())
      expect(decodeDocRecord(record, 'k')).toEqual(docs[i]);
  });
});
