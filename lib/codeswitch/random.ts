/**
 * Counter-based randomness: every draw is a hash of (seed, example, side, position, stream) rather than
 * the next value of a sequential stream. A token's draw therefore does not depend on how many draws came
 * before it, which makes "switch iff u < p" nested across p (a token switched at p = 0.25 is switched at
 * p = 0.5 under the same seed) and keeps an example's output independent of its neighbours.
 */
import {
  FMIX_C1,
  FMIX_C2,
  MURMUR_C1,
  MURMUR_C2,
  MURMUR_M,
  MURMUR_N,
  MURMUR_ROTATE_H,
  MURMUR_ROTATE_K,
  PASSAGE_SIDE_BASE,
  QUERY_SIDE_CODE,
  UINT32_RANGE,
} from './constants.js';
import { CodeSwitchError } from './errors.js';

/** Words hashed per draw: seed, example (2), side (2), position (2), stream. */
const DRAW_WORDS = 8;

/** Which text of an example is being switched; passages of one example are told apart by index. */
export type Side = 'query' | 'passage';

/** Everything a draw depends on besides the token position and the stream. */
export interface DrawKey {
  /** Unsigned 32-bit integer. */
  seed: number;
  /** Index of the training instance, a non-negative safe integer. */
  exampleIndex: number;
  side: Side;
  /** Which passage of the example (positive 0, negatives 1..); ignored for the query. Default 0. */
  passageIndex?: number;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** murmur3's finaliser: full avalanche, so neighbouring positions give unrelated draws. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, FMIX_C1);
  x ^= x >>> 13;
  x = Math.imul(x, FMIX_C2);
  x ^= x >>> 16;
  return x >>> 0;
}

/** One murmur3 body step: mixes a 4-byte block into the running state. */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, MURMUR_C1);
  k = Math.imul(rotl(k, MURMUR_ROTATE_K), MURMUR_C2);
  return (Math.imul(rotl(h ^ k, MURMUR_ROTATE_H), MURMUR_M) + MURMUR_N) | 0;
}

/** murmur3_32 over a list of 32-bit words (each word is one 4-byte block). */
export function hashWords(words: readonly number[]): number {
  let h = 0;
  for (const word of words) h = mixWord(h, word);
  return fmix32(h ^ (words.length * 4));
}

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CodeSwitchError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/** Throws unless the key is well formed; called once per text so per-token draws stay cheap. */
export function validateDrawKey(key: DrawKey): void {
  if (!Number.isInteger(key.seed) || key.seed < 0 || key.seed >= UINT32_RANGE) {
    throw new CodeSwitchError(`seed must be an unsigned 32-bit integer, got ${key.seed}`);
  }
  checkNonNegativeInteger('exampleIndex', key.exampleIndex);
  checkNonNegativeInteger('passageIndex', key.passageIndex ?? 0);
  if (key.side !== 'query' && key.side !== 'passage') {
    throw new CodeSwitchError(`side must be 'query' or 'passage', got ${String(key.side)}`);
  }
}

function sideCode(key: DrawKey): number {
  return key.side === 'query' ? QUERY_SIDE_CODE : PASSAGE_SIDE_BASE + (key.passageIndex ?? 0);
}

/** Low and high 32-bit halves, so indices beyond 2^32 do not collide. */
function split(value: number): [number, number] {
  return [value >>> 0, Math.floor(value / UINT32_RANGE) >>> 0];
}

/**
 * Draws for every position of one text and one purpose: the hash of
 * [seed, exLo, exHi, sideLo, sideHi, posLo, posHi, stream]. The key's five words are mixed once, so a
 * token costs three mixing steps instead of eight plus array allocations; values equal `uniform`'s.
 */
export function drawer(key: DrawKey, stream: number): (position: number) => number {
  const [exLo, exHi] = split(key.exampleIndex);
  const [sideLo, sideHi] = split(sideCode(key));
  const prefix = mixWord(mixWord(mixWord(mixWord(mixWord(0, key.seed), exLo), exHi), sideLo), sideHi);
  return (position) => {
    const h = mixWord(mixWord(mixWord(prefix, position >>> 0), Math.floor(position / UINT32_RANGE)), stream);
    return fmix32(h ^ (DRAW_WORDS * 4)) / UINT32_RANGE;
  };
}

/** A uniform draw in [0, 1) for one token position and purpose (see STREAM_* constants). */
export function uniform(key: DrawKey, position: number, stream: number): number {
  return drawer(key, stream)(position);
}

/** A uniform index in [0, n) from one draw. */
export function pick(u: number, n: number): number {
  return Math.min(n - 1, Math.floor(u * n));
}

/** Throws unless p is a probability. */
export function validateProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new CodeSwitchError(`p must be in [0, 1], got ${p}`);
}
