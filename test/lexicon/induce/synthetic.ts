/**
 * Synthetic aligned embedding spaces with a known answer: the target space is a random rotation of
 * the source space plus noise, and target word "v12" translates source word "w12".
 */
import type { Embeddings } from '../../../lib/lexicon/node.js';
import { seededRandom } from '../../helpers/corpus.js';

export type Random = () => number;

/** Seeded uniform [0, 1) draws (lib/eval's mulberry32), so every test sees the same "random" spaces. */
export const seeded: (seed: number) => Random = seededRandom;

/** Standard normal by Box–Muller; 1 − u keeps the logarithm's argument in (0, 1]. */
export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A vector of i.i.d. N(0, 1/dim) entries: expected length 1 in any dimension. */
function noiseVector(dim: number, random: Random): number[] {
  return Array.from({ length: dim }, () => gaussian(random) / Math.sqrt(dim));
}

/** A random orthogonal matrix (rows orthonormal), by Gram–Schmidt on Gaussian rows. */
export function randomRotation(dim: number, random: Random): number[][] {
  const rows: number[][] = [];
  while (rows.length < dim) {
    const v = noiseVector(dim, random);
    for (const row of rows) {
      const dot = row.reduce((sum, r, t) => sum + r * v[t]!, 0);
      for (let t = 0; t < dim; t += 1) v[t] = v[t]! - dot * row[t]!;
    }
    const norm = Math.hypot(...v);
    // A nearly dependent draw would amplify rounding error; draw again instead.
    if (norm > 1e-6) rows.push(v.map((x) => x / norm));
  }
  return rows;
}

function rotate(rotation: readonly number[][], v: readonly number[]): number[] {
  return rotation.map((row) => row.reduce((sum, r, t) => sum + r * v[t]!, 0));
}

export interface SyntheticOptions {
  words: number;
  dim: number;
  /** Length of the noise added to each rotated vector, relative to the vector's own length. */
  noise: number;
  seed: number;
  /** Source vectors are drawn around this many cluster centres (0: none, plain Gaussian). */
  clusters?: number;
  /** Distance of a clustered word from its centre, relative to the centre's unit length. */
  spread?: number;
  /** Adds one target word "hub<c>" at the rotated centre of each cluster: close to all its members. */
  hubs?: boolean;
}

export interface SyntheticPair {
  src: Embeddings;
  tgt: Embeddings;
  gold: Map<string, Set<string>>;
  /** The rotation taking source vectors to their (noise-free) targets: the "learned" alignment. */
  rotation: number[][];
}

/**
 * The source space mapped into the target space, as MUSE's aligned .vec files are. induce() works on
 * aligned spaces, so the known rotation stands in for a learned (e.g. Procrustes) mapping.
 */
export function aligned(pair: SyntheticPair): SyntheticPair {
  const { dim, vectors } = pair.src;
  const rows = pair.src.words.map((_, i) =>
    rotate(pair.rotation, [...vectors.subarray(i * dim, (i + 1) * dim)]),
  );
  return { ...pair, src: toEmbeddings([...pair.src.words], rows, dim) };
}

function toEmbeddings(words: string[], rows: number[][], dim: number): Embeddings {
  return { words, dim, vectors: Float32Array.from(rows.flat()) };
}

export function syntheticPair(options: SyntheticOptions): SyntheticPair {
  const { words, dim, noise, seed, clusters = 0, spread = 1, hubs = false } = options;
  const random = seeded(seed);
  const rotation = randomRotation(dim, random);
  const centres = Array.from({ length: clusters }, () => noiseVector(dim, random));
  const srcRows: number[][] = [];
  const tgtRows: number[][] = [];
  const gold = new Map<string, Set<string>>();
  for (let i = 0; i < words; i += 1) {
    const centre = centres[i % Math.max(1, clusters)];
    const base = noiseVector(dim, random);
    const x = centre === undefined ? base : centre.map((c, t) => c + spread * base[t]!);
    const jitter = noiseVector(dim, random);
    const scale = noise * Math.hypot(...x);
    srcRows.push(x);
    tgtRows.push(rotate(rotation, x).map((y, t) => y + scale * jitter[t]!));
    gold.set(`w${i}`, new Set([`v${i}`]));
  }
  const tgtWords = Array.from({ length: words }, (_, i) => `v${i}`);
  if (hubs) {
    centres.forEach((centre, c) => {
      tgtWords.push(`hub${c}`);
      tgtRows.push(rotate(rotation, centre));
    });
  }
  return {
    src: toEmbeddings(
      Array.from({ length: words }, (_, i) => `w${i}`),
      srcRows,
      dim,
    ),
    tgt: toEmbeddings(tgtWords, tgtRows, dim),
    gold,
    rotation,
  };
}

/** The same words with every row scaled to unit length, as readVec returns them. */
export function unitRows(embeddings: Embeddings): Embeddings {
  const { dim } = embeddings;
  const vectors = Float32Array.from(embeddings.vectors);
  for (let i = 0; i < embeddings.words.length; i += 1) {
    const row = vectors.subarray(i * dim, (i + 1) * dim);
    const norm = Math.hypot(...row);
    for (let t = 0; t < dim; t += 1) row[t] = row[t]! / norm;
  }
  return { words: embeddings.words, dim, vectors };
}
