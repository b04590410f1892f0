/**
 * Bilingual lexicon induction from embeddings already mapped into one space: each source word's
 * nearest target words by plain cosine (NN) or by CSLS (Conneau et al. 2018, "Word translation
 * without parallel data"), which discounts "hub" targets that are close to everything.
 */
import { LexiconError } from '../errors.js';
import { Lexicon, type LexiconInfo } from '../lexicon.js';
import { cleanText, normalizeKey } from '../normalize.js';
import {
  DEFAULT_BLOCK_ROWS,
  DEFAULT_CSLS_K,
  DEFAULT_TEMPERATURE,
  DEFAULT_TOP_K,
  MAX_TOP_K,
} from './constants.js';
import type { Embeddings } from './embeddings.js';
import { sweep, TopK } from './similarity.js';

export type InduceMethod = 'csls' | 'nn';

export interface InduceOptions extends LexiconInfo {
  method: InduceMethod;
  /** CSLS neighbourhood size (ignored by 'nn'). */
  k?: number;
  /** Translations kept per source word, 1..5. */
  topK?: number;
  /** Source rows per block of the blocked product; trades cache locality against nothing else. */
  blockRows?: number;
  /** Softmax temperature for the scores handed to the lexicon. */
  temperature?: number;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LexiconError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/** Plain nearest neighbours: top `topK` targets of each source row by cosine. */
function nearest(src: Embeddings, tgt: Embeddings, topK: number, blockRows: number): TopK {
  const best = new TopK(src.words.length, topK);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      let floor = best.floor[i]!;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = tile[base + j]!;
        if (score > floor) {
          best.offer(i, score, j);
          floor = best.floor[i]!;
        }
      }
    }
  });
  return best;
}

/**
 * CSLS(x, y) = 2cos(x, y) − r_T(x) − r_S(y). One pass over S×T fills both neighbourhoods (row top-k
 * gives r_T, column top-k gives r_S, as cos is symmetric); a second pass ranks by CSLS, which needs
 * every r_S before any row can be ranked.
 */
function csls(src: Embeddings, tgt: Embeddings, k: number, topK: number, blockRows: number): TopK {
  const rowNeighbours = new TopK(src.words.length, k);
  const colNeighbours = new TopK(tgt.words.length, k);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = tile[base + j]!;
        if (score > rowNeighbours.floor[i]!) rowNeighbours.offer(i, score, j);
        if (score > colNeighbours.floor[j]!) colNeighbours.offer(j, score, i);
      }
    }
  });
  const rT = Float64Array.from({ length: src.words.length }, (_, i) => rowNeighbours.mean(i));
  const rS = Float64Array.from({ length: tgt.words.length }, (_, j) => colNeighbours.mean(j));
  const best = new TopK(src.words.length, topK);
  sweep(src, tgt, blockRows, (rowStart, rowEnd, colStart, colEnd, tile) => {
    const width = colEnd - colStart;
    for (let i = rowStart; i < rowEnd; i += 1) {
      const base = (i - rowStart) * width - colStart;
      const penalty = rT[i]!;
      for (let j = colStart; j < colEnd; j += 1) {
        const score = 2 * tile[base + j]! - penalty - rS[j]!;
        if (score > best.floor[i]!) best.offer(i, score, j);
      }
    }
  });
  return best;
}

/**
 * Induces a lexicon: every source word gets its `topK` best targets. Similarities become positive
 * scores by a softmax over the kept candidates, p ∝ exp((s − s_best) / temperature): order is kept
 * exactly, the best candidate scores 1, and cosine and CSLS (range [−4, 2]) are treated alike.
 * Source words that normalise to the same key (e.g. "Bank" and "bank") keep the first, more frequent.
 * Rows must be unit vectors (readVec makes them so): cosine is computed as a plain dot product.
 */
export function induce(src: Embeddings, tgt: Embeddings, options: InduceOptions): Lexicon {
  const k = options.k ?? DEFAULT_CSLS_K;
  const topK = options.topK ?? DEFAULT_TOP_K;
  const blockRows = options.blockRows ?? DEFAULT_BLOCK_ROWS;
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  if (src.dim !== tgt.dim) {
    throw new LexiconError(`source has ${src.dim} dims but target has ${tgt.dim}: are they aligned?`);
  }
  if (options.method !== 'csls' && options.method !== 'nn') {
    throw new LexiconError(`unknown induction method ${JSON.stringify(options.method)}: use 'csls' or 'nn'`);
  }
  requireInteger('k', k, 1, Number.MAX_SAFE_INTEGER);
  requireInteger('topK', topK, 1, MAX_TOP_K);
  requireInteger('blockRows', blockRows, 1, Number.MAX_SAFE_INTEGER);
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new LexiconError(`temperature must be a finite number > 0, got ${temperature}`);
  }
  const best =
    options.method === 'nn' ? nearest(src, tgt, topK, blockRows) : csls(src, tgt, k, topK, blockRows);
  const lexicon = new Lexicon({ srcLang: options.srcLang, tgtLang: options.tgtLang, id: options.id });
  for (let i = 0; i < src.words.length; i += 1) {
    const word = src.words[i]!;
    // Skip words whose key is taken or empty after normalisation, rather than merge their evidence.
    const key = normalizeKey(word, lexicon.srcLang);
    if (key === '' || lexicon.rawScores(key) !== undefined) continue;
    const candidates = best.best(i);
    const top = candidates[0]?.score ?? 0;
    for (const { id, score } of candidates) {
      const target = tgt.words[id]!;
      if (cleanText(target) === '' || lexicon.rawScores(key)?.has(cleanText(target)) === true) continue;
      // Clamped so a far-behind candidate underflows to the smallest positive score, not to 0.
      lexicon.add(word, target, Math.max(Number.MIN_VALUE, Math.exp((score - top) / temperature)));
    }
  }
  return lexicon;
}
