import { describe, expect, it } from 'vitest';
import { LexiconError } from '../../../lib/lexicon/index.js';
import { evaluateBli, induce, type InduceMethod, readVec, writeVec } from '../../../lib/lexicon/node.js';
import { EN_DE, withTempFiles } from '../helpers.js';
import { aligned, type SyntheticOptions, type SyntheticPair, syntheticPair } from './synthetic.js';

const INFO = { ...EN_DE, id: 'synthetic' } as const;

/** Writes both spaces as .vec files and reads them back, so induction sees what readVec produces. */
async function roundTrip(pair: SyntheticPair): Promise<SyntheticPair> {
  let result: SyntheticPair | undefined;
  await withTempFiles(async (write) => {
    const srcPath = await write('src.vec', '');
    const tgtPath = await write('tgt.vec', '');
    await writeVec(srcPath, pair.src);
    await writeVec(tgtPath, pair.tgt);
    const [src, tgt] = await Promise.all([readVec(srcPath), readVec(tgtPath)]);
    result = { ...pair, src: src.embeddings, tgt: tgt.embeddings };
  });
  return result!;
}

async function precisionAt1(options: SyntheticOptions, method: InduceMethod): Promise<number> {
  const pair = await roundTrip(aligned(syntheticPair(options)));
  const lexicon = await induce(pair.src, pair.tgt, { ...INFO, method, topK: 5, blockRows: 64 });
  return evaluateBli(lexicon, pair.gold).precisionAt1;
}

describe('induce', () => {
  it.each<InduceMethod>(['nn', 'csls'])('recovers a rotated, noisy space with %s', async (method) => {
    // Prepare: 500 words, d=32, noise a fifth of each vector's length
    const raw = syntheticPair({ words: 500, dim: 32, noise: 0.2, seed: 7 });
    const pair = await roundTrip(aligned(raw));
    // Act
    const lexicon = await induce(pair.src, pair.tgt, { ...INFO, method, topK: 5, blockRows: 100 });
    const scores = evaluateBli(lexicon, pair.gold);
    const unmapped = await roundTrip(raw);
    const unaligned = evaluateBli(
      await induce(unmapped.src, unmapped.tgt, { ...INFO, method, topK: 1 }),
      raw.gold,
    );
    // Assess: the rotation is far from the identity, so without the mapping retrieval is chance
    expect(unaligned.precisionAt1).toBeLessThan(0.05);
    expect(scores.coverage).toBe(1);
    expect(scores.precisionAt1).toBeGreaterThanOrEqual(0.95);
    expect(scores.precisionAt5).toBeGreaterThanOrEqual(scores.precisionAt1);
    expect(lexicon.translations('w3')).toHaveLength(5);
    expect([lexicon.srcLang, lexicon.tgtLang, lexicon.id]).toEqual(['en', 'de', 'synthetic']);
  });

  it('lets CSLS beat nearest neighbour when hubs sit near many source words', async () => {
    // Prepare: 20 clusters of 25 words, noise large enough that a cluster's hub outscores the
    // true translation by plain cosine
    const options: SyntheticOptions = { words: 500, dim: 32, noise: 1.2, seed: 11, clusters: 20, hubs: true };
    // Act
    const nn = await precisionAt1(options, 'nn');
    const csls = await precisionAt1(options, 'csls');
    // Assess: measured nn 0.272, csls 0.678 for this seed
    expect(nn).toBeLessThan(0.4);
    expect(csls).toBeGreaterThan(nn + 0.3);
  });

  it('gives the same lexicon whatever the block sizes', async () => {
    // Prepare
    const { src, tgt } = await roundTrip(syntheticPair({ words: 60, dim: 8, noise: 0.5, seed: 3 }));
    // Act
    const one = await induce(src, tgt, {
      ...INFO,
      method: 'csls',
      k: 3,
      topK: 3,
      blockRows: 1,
      blockCols: 7,
    });
    const many = await induce(src, tgt, { ...INFO, method: 'csls', k: 3, topK: 3, blockRows: 1000 });
    // Assess
    expect([...many.entries()]).toEqual([...one.entries()]);
  });

  it('refuses misaligned spaces and bad options', async () => {
    const { src, tgt } = syntheticPair({ words: 5, dim: 4, noise: 0, seed: 1 });
    const other = syntheticPair({ words: 5, dim: 3, noise: 0, seed: 1 }).tgt;
    await expect(induce(src, other, { ...INFO, method: 'nn' })).rejects.toThrow(/4 dims but target has 3/);
    await expect(induce(src, tgt, { ...INFO, method: 'nn', topK: 6 })).rejects.toThrow(
      /topK must be an integer in 1..5/,
    );
    await expect(induce(src, tgt, { ...INFO, method: 'csls', k: 0 })).rejects.toThrow(LexiconError);
    await expect(induce(src, tgt, { ...INFO, method: 'nn', temperature: 0 })).rejects.toThrow(/temperature/);
    await expect(induce(src, tgt, { ...INFO, method: 'nn', blockCols: 0 })).rejects.toThrow(/blockCols/);
  });
});
