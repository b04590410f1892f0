import { describe, expect, it } from 'vitest';
import { LexiconError } from '../../../lib/lexicon/index.js';
import { readVec, writeVec } from '../../../lib/lexicon/node.js';
import { withTempFiles } from '../helpers.js';

const VEC = [
  '9 2',
  'house 3 4',
  ', 1 0',
  '1984 0 1',
  '-- 1 1',
  'tree 1',
  'cat 1 x',
  'house 0 1',
  'zero 0 0',
  'Über 0 -2 ',
].join('\n');

function row(vectors: Float32Array, i: number, dim: number): number[] {
  return [...vectors.subarray(i * dim, (i + 1) * dim)];
}

describe('readVec', () => {
  it('keeps worded, well-formed, first-seen vectors, normalised', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const path = await write('small.vec', VEC);
      // Act
      const { embeddings, skipped } = await readVec(path);
      // Assess
      expect(embeddings.words).toEqual(['house', 'Über']);
      expect(embeddings.dim).toBe(2);
      expect(embeddings.vectors).toHaveLength(4);
      expect(row(embeddings.vectors, 0, 2)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
      expect(row(embeddings.vectors, 1, 2)).toEqual([0, -1]);
      expect(skipped).toEqual({ noLetter: 3, malformed: 3, duplicate: 1 });
    });
  });

  it('stops at maxVocab usable words, growing past a header that undercounts', async () => {
    await withTempFiles(async (write) => {
      // Prepare: the header claims 2 words, the file has 6, and one of them is a number
      const lines = ['2 3', 'a 1 0 0', '42 1 1 1', 'b 0 1 0', 'c 0 0 1', 'd 1 1 0', 'e 0 1 1'];
      const path = await write('long.vec', lines.join('\n'));
      // Act
      const four = await readVec(path, { maxVocab: 4 });
      const all = await readVec(path);
      // Assess
      expect(four.embeddings.words).toEqual(['a', 'b', 'c', 'd']);
      expect(four.embeddings.vectors).toHaveLength(12);
      expect(all.embeddings.words).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(all.skipped.noLetter).toBe(1);
    });
  });

  it('fails with one clear line for a missing file, a bad header or nothing usable', async () => {
    await withTempFiles(async (write) => {
      const glove = await write('glove.txt', 'the 0.1 0.2\nof 0.3 0.4\n');
      const empty = await write('empty.vec', '');
      const numbers = await write('numbers.vec', '2 2\n1 0 1\n2 1 0\n');
      await expect(readVec(`${glove}.missing`)).rejects.toThrow(/cannot read embeddings .*ENOENT/);
      await expect(readVec(glove)).rejects.toThrow(/bad .vec header in .*glove.txt: expected "count dim"/);
      await expect(readVec(empty)).rejects.toThrow(/the file is empty/);
      await expect(readVec(numbers)).rejects.toThrow(/no usable vectors .*\(2 line\(s\) skipped\)/);
      await expect(readVec(glove, { maxVocab: 0 })).rejects.toThrow(LexiconError);
    });
  });
});

describe('writeVec', () => {
  it('writes a file readVec reads back', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const path = await write('out.vec', '');
      const embeddings = { words: ['Haus', 'Baum'], dim: 2, vectors: Float32Array.from([0.6, 0.8, -1, 0]) };
      // Act
      await writeVec(path, embeddings);
      const { embeddings: back } = await readVec(path);
      // Assess
      expect(back.words).toEqual(['Haus', 'Baum']);
      expect([...back.vectors].map((v) => Number(v.toFixed(5)))).toEqual([0.6, 0.8, -1, 0]);
    });
  });

  it('refuses words the format cannot hold and mismatched shapes', async () => {
    await withTempFiles(async (write) => {
      const path = await write('bad.vec', '');
      const vectors = Float32Array.from([1, 0]);
      await expect(writeVec(path, { words: ['ice cream'], dim: 2, vectors })).rejects.toThrow(/whitespace/);
      await expect(writeVec(path, { words: ['a', 'b'], dim: 2, vectors })).rejects.toThrow(/do not match/);
    });
  });
});
