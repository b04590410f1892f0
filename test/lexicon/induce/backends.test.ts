import { describe, expect, it } from 'vitest';
import { type Embeddings, induce, type InduceMethod } from '../../../lib/lexicon/node.js';
import { EN_DE } from '../helpers.js';
import { aligned, type SyntheticOptions, syntheticPair, unitRows } from './synthetic.js';

const INFO = { ...EN_DE, id: 'backends' } as const;

/** An aligned pair with unit rows, as induction gets it from readVec. */
function unitPair(options: SyntheticOptions): { src: Embeddings; tgt: Embeddings } {
  const pair = aligned(syntheticPair(options));
  return { src: unitRows(pair.src), tgt: unitRows(pair.tgt) };
}

/** Appends copies of the first `count` target rows under new names: exact ties for every ranking. */
function withDuplicates(tgt: Embeddings, count: number): Embeddings {
  const copies = tgt.vectors.subarray(0, count * tgt.dim);
  const vectors = new Float32Array(tgt.vectors.length + copies.length);
  vectors.set(tgt.vectors);
  vectors.set(copies, tgt.vectors.length);
  return {
    dim: tgt.dim,
    words: [...tgt.words, ...tgt.words.slice(0, count).map((w) => `${w}_copy`)],
    vectors,
  };
}

function lexiconRows(lexicon: Awaited<ReturnType<typeof induce>>): [string, string, number][] {
  return [...lexicon.entries()].flatMap((e) =>
    e.translations.map((t): [string, string, number] => [e.src, t.tgt, t.p]),
  );
}

describe('onnx backend', () => {
  it.each<InduceMethod>(['nn', 'csls'])(
    'gives the same %s lexicon as the JavaScript reference, over uneven blocks and chunks',
    async (method) => {
      // Prepare: clustered words with hubs (so CSLS and NN rank differently), noisy enough that
      // candidates crowd together, and duplicated targets that tie exactly
      const pair = unitPair({ words: 300, dim: 24, noise: 0.8, seed: 5, clusters: 12, hubs: true });
      const tgt = withDuplicates(pair.tgt, 20);
      const options = { ...INFO, method, k: 4, topK: 5 } as const;
      // Act
      const reference = await induce(pair.src, tgt, { ...options, backend: 'js', blockRows: 64 });
      const fast = await induce(pair.src, tgt, { ...options, backend: 'onnx', blockRows: 37, blockCols: 53 });
      // Assess: identical translations, ranks and probabilities, to the bit
      expect(lexiconRows(fast)).toEqual(lexiconRows(reference));
      expect(lexiconRows(fast)).toHaveLength(300 * 5);
    },
  );

  it.each([16, 80])('keeps the first of two tied targets, with %i targets per run', async (blockCols) => {
    // Prepare: every target appears twice, so each source word's best two targets tie exactly;
    // with 16 targets per run the copy comes in a later run, with 80 in the same one
    const { src, tgt } = unitPair({ words: 40, dim: 8, noise: 0, seed: 9 });
    const doubled = withDuplicates(tgt, 40);
    // Act
    const lexicon = await induce(src, doubled, { ...INFO, method: 'csls', k: 3, topK: 1, blockCols });
    // Assess
    const best = Array.from({ length: 40 }, (_, i) => lexicon.translations(`w${i}`).map((t) => t.tgt));
    expect(best).toEqual(Array.from({ length: 40 }, (_, i) => [`v${i}`]));
  });

  it('reports progress up to every pair scored, once per pass', async () => {
    // Prepare
    const { src, tgt } = unitPair({ words: 50, dim: 8, noise: 0.1, seed: 4 });
    const seen: [number, number][] = [];
    // Act
    await induce(src, tgt, {
      ...INFO,
      method: 'csls',
      blockRows: 20,
      blockCols: 30,
      onProgress: (done, total) => seen.push([done, total]),
    });
    // Assess: two passes over 50 × 50 pairs, increasing, ending at the total
    expect(seen.every(([, total]) => total === 2 * 50 * 50)).toBe(true);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual([5000, 5000]);
  });
});
