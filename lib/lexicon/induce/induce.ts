/**
 * Bilingual lexicon induction from embeddings already mapped into one space: each source word's
 * nearest target words by plain cosine (NN) or by CSLS (Conneau et al. 2018, "Word translation
 * without parallel data"), which discounts "hub" targets that are close to everything.
 */
import { availableParallelism } from 'node:os';
import { LexiconError } from '../errors.js';
import { Lexicon, type LexiconInfo } from '../lexicon.js';
import { cleanText, normalizeKey } from '../normalize.js';
import {
  DEFAULT_BLOCK_COLS,
  DEFAULT_BLOCK_ROWS,
  DEFAULT_CSLS_K,
  DEFAULT_TEMPERATURE,
  DEFAULT_TOP_K,
  MAX_TOP_K,
} from './constants.js';
import type { Embeddings } from './embeddings.js';
import { cslsJs, nearestJs } from './js-backend.js';
import { cslsOnnx, nearestOnnx, type OnnxPlan } from './onnx-backend.js';
import type { TopK } from './similarity.js';

export type InduceMethod = 'csls' | 'nn';

/** 'onnx': onnxruntime's multithreaded GEMM, minutes at 200k words; 'js': the slow pure-JavaScript reference. */
export type InduceBackend = 'onnx' | 'js';

export interface InduceOptions extends LexiconInfo {
  method: InduceMethod;
  /** CSLS neighbourhood size (ignored by 'nn'). */
  k?: number;
  /** Translations kept per source word, 1..5. */
  topK?: number;
  /** Softmax temperature for the scores handed to the lexicon. */
  temperature?: number;
  /** Default 'onnx'; both give the same lexicon. */
  backend?: InduceBackend;
  /** Source rows per block of the blocked product; trades speed against score memory only. */
  blockRows?: number;
  /** Target rows per onnxruntime run (onnx backend); trades speed against score memory only. */
  blockCols?: number;
  /** onnxruntime threads; default: the cores available to this process. */
  threads?: number;
  /** Called as the all-pairs scoring advances (onnx backend): pairs done out of total. */
  onProgress?: (done: number, total: number) => void;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LexiconError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/** Validated options with defaults filled in. */
function settle(options: InduceOptions) {
  const settled = {
    method: options.method,
    k: options.k ?? DEFAULT_CSLS_K,
    topK: options.topK ?? DEFAULT_TOP_K,
    temperature: options.temperature ?? DEFAULT_TEMPERATURE,
    backend: options.backend ?? 'onnx',
    blockRows: options.blockRows ?? DEFAULT_BLOCK_ROWS,
    blockCols: options.blockCols ?? DEFAULT_BLOCK_COLS,
    threads: options.threads ?? availableParallelism(),
    onProgress: options.onProgress,
  };
  if (settled.method !== 'csls' && settled.method !== 'nn') {
    throw new LexiconError(`unknown induction method ${JSON.stringify(settled.method)}: use 'csls' or 'nn'`);
  }
  if (settled.backend !== 'onnx' && settled.backend !== 'js') {
    throw new LexiconError(
      `unknown induction backend ${JSON.stringify(settled.backend)}: use 'onnx' or 'js'`,
    );
  }
  requireInteger('k', settled.k, 1, Number.MAX_SAFE_INTEGER);
  requireInteger('topK', settled.topK, 1, MAX_TOP_K);
  requireInteger('blockRows', settled.blockRows, 1, Number.MAX_SAFE_INTEGER);
  requireInteger('blockCols', settled.blockCols, 1, Number.MAX_SAFE_INTEGER);
  requireInteger('threads', settled.threads, 1, Number.MAX_SAFE_INTEGER);
  if (!(settled.temperature > 0) || !Number.isFinite(settled.temperature)) {
    throw new LexiconError(`temperature must be a finite number > 0, got ${settled.temperature}`);
  }
  return settled;
}

type Settled = ReturnType<typeof settle>;

async function bestTargets(src: Embeddings, tgt: Embeddings, settled: Settled): Promise<TopK> {
  const { method, k, topK, backend, blockRows, blockCols, threads, onProgress } = settled;
  if (backend === 'js') {
    return method === 'nn' ? nearestJs(src, tgt, topK, blockRows) : cslsJs(src, tgt, k, topK, blockRows);
  }
  const plan: OnnxPlan = { threads, blockRows, blockCols, ...(onProgress ? { onProgress } : {}) };
  return method === 'nn' ? nearestOnnx(src, tgt, topK, plan) : cslsOnnx(src, tgt, k, topK, plan);
}

/**
 * Induces a lexicon: every source word gets its `topK` best targets. Similarities become positive
 * scores by a softmax over the kept candidates, p ∝ exp((s − s_best) / temperature): order is kept
 * exactly, the best candidate scores 1, and cosine and CSLS (range [−4, 2]) are treated alike.
 * Source words that normalise to the same key (e.g. "Bank" and "bank") keep the first, more frequent.
 * Rows must be unit vectors (readVec makes them so): cosine is computed as a plain dot product.
 */
export async function induce(src: Embeddings, tgt: Embeddings, options: InduceOptions): Promise<Lexicon> {
  if (src.dim !== tgt.dim) {
    throw new LexiconError(`source has ${src.dim} dims but target has ${tgt.dim}: are they aligned?`);
  }
  const settled = settle(options);
  const best = await bestTargets(src, tgt, settled);
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
      lexicon.add(word, target, Math.max(Number.MIN_VALUE, Math.exp((score - top) / settled.temperature)));
    }
  }
  return lexicon;
}
