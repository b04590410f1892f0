/**
 * `node --import tsx bench/induce-kernel.ts`: why lexicon induction hands its all-pairs products to
 * onnxruntime. Times, on one core, the JavaScript backend (the pre-onnxruntime implementation) and a
 * cache-blocked, 4 × 4 register-tiled JavaScript kernel (the best plain JavaScript can do without
 * SIMD), in GFLOP/s at d=300; compare with bench/induce.ts's onnxruntime figures.
 */
import { induce } from '../lib/lexicon/node.js';

const DIM = 300;
const ROWS = 512;
const COLS = 2048;

function random(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 1) out[i] = Math.random() - 0.5;
  return out;
}

/** 16 independent accumulators: each loaded value feeds four multiply-adds. */
function tiled4x4(a: Float32Array, b: Float32Array, out: Float64Array): void {
  for (let i = 0; i < ROWS; i += 4) {
    const a0 = i * DIM;
    const a1 = a0 + DIM;
    const a2 = a1 + DIM;
    const a3 = a2 + DIM;
    for (let j = 0; j < COLS; j += 4) {
      const b0 = j * DIM;
      const b1 = b0 + DIM;
      const b2 = b1 + DIM;
      const b3 = b2 + DIM;
      // prettier-ignore
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      // prettier-ignore
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let t = 0; t < DIM; t += 1) {
        // prettier-ignore
        const x0 = a[a0 + t]!, x1 = a[a1 + t]!, x2 = a[a2 + t]!, x3 = a[a3 + t]!;
        // prettier-ignore
        const y0 = b[b0 + t]!, y1 = b[b1 + t]!, y2 = b[b2 + t]!, y3 = b[b3 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s22 += x2 * y2;
        s23 += x2 * y3;
        s30 += x3 * y0;
        s31 += x3 * y1;
        s32 += x3 * y2;
        s33 += x3 * y3;
      }
      out.set([s00, s01, s02, s03], i * COLS + j);
      out.set([s10, s11, s12, s13], (i + 1) * COLS + j);
      out.set([s20, s21, s22, s23], (i + 2) * COLS + j);
      out.set([s30, s31, s32, s33], (i + 3) * COLS + j);
    }
  }
}

/** The JavaScript backend's nearest neighbours, top-k selection included. */
async function javascriptBackend(a: Float32Array, b: Float32Array): Promise<void> {
  const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const src = { words: words(ROWS, 'w'), dim: DIM, vectors: a };
  const tgt = { words: words(COLS, 'v'), dim: DIM, vectors: b };
  await induce(src, tgt, { srcLang: 'en', tgtLang: 'de', id: 'kernel', method: 'nn', backend: 'js' });
}

const a = random(ROWS * DIM);
const b = random(COLS * DIM);
const out = new Float64Array(ROWS * COLS);
for (const [name, kernel] of [
  ['JavaScript backend (induce, nn)', () => javascriptBackend(a, b)],
  ['4 × 4 register tile', () => tiled4x4(a, b, out)],
] as const) {
  await kernel();
  const runs = 5;
  const started = performance.now();
  for (let r = 0; r < runs; r += 1) await kernel();
  const seconds = (performance.now() - started) / 1000 / runs;
  const gflops = (2 * ROWS * COLS * DIM) / seconds / 1e9;
  console.log(`${name.padEnd(36)} ${gflops.toFixed(2)} GFLOP/s on one core`);
}
