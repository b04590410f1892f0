/**
 * `node --import tsx bench/induce.ts [--vocab 20000] [--dim 300] [--noise 1] [--methods nn,csls]
 * [--backend onnx|js] [--dir DIR]`: lexicon induction speed and memory on synthetic aligned
 * embeddings. Writes a source and a target `.vec` file (the target is the source plus Gaussian
 * noise, as if a known rotation had already been applied, the way MUSE ships aligned vectors, with
 * numbers and punctuation mixed in for readVec to drop), then times readVec, NN and CSLS in a fresh
 * child process, so the peak RSS it reports is the induction's own, not the generator's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeVec } from '../lib/lexicon/node.js';
import { gaussian, seeded } from '../test/lexicon/induce/synthetic.js';

const { values } = parseArgs({
  options: {
    vocab: { type: 'string', default: '20000' },
    dim: { type: 'string', default: '300' },
    noise: { type: 'string', default: '1' },
    methods: { type: 'string', default: 'nn,csls' },
    backend: { type: 'string', default: 'onnx' },
    dir: { type: 'string' },
  },
});
const vocab = Number(values.vocab);
const dim = Number(values.dim);
const noise = Number(values.noise);

/** One junk token every this many words: numbers and punctuation that readVec must skip. */
const JUNK_EVERY = 997;
const JUNK = ['1984', '--', ',', '3.14', '"'];

/** Word i's source vector, and its target: the same direction plus noise `noise` times as long. */
function generate(): { src: Float32Array; tgt: Float32Array } {
  const random = seeded(42);
  const src = new Float32Array(vocab * dim);
  const tgt = new Float32Array(vocab * dim);
  const scale = 1 / Math.sqrt(dim);
  for (let v = 0; v < vocab * dim; v += 1) {
    src[v] = gaussian(random) * scale;
    tgt[v] = src[v]! + noise * gaussian(random) * scale;
  }
  return { src, tgt };
}

/** Words with junk tokens interleaved; junk rows get arbitrary (non-zero) vectors. */
function withJunk(
  prefix: string,
  vectors: Float32Array,
): { words: string[]; dim: number; vectors: Float32Array } {
  const words: string[] = [];
  const rows: Float32Array[] = [];
  for (let i = 0; i < vocab; i += 1) {
    if (i % JUNK_EVERY === JUNK_EVERY - 1) {
      words.push(JUNK[((i / JUNK_EVERY) % JUNK.length) | 0]!);
      rows.push(vectors.subarray(0, dim));
    }
    words.push(`${prefix}${i}`);
    rows.push(vectors.subarray(i * dim, (i + 1) * dim));
  }
  const all = new Float32Array(rows.length * dim);
  rows.forEach((row, r) => all.set(row, r * dim));
  return { words, dim, vectors: all };
}

const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'xlir-bench-induce-')));
await mkdir(dir, { recursive: true });
const srcPath = join(dir, `src-${vocab}x${dim}.vec`);
const tgtPath = join(dir, `tgt-${vocab}x${dim}.vec`);
try {
  if (!existsSync(srcPath) || !existsSync(tgtPath)) {
    const started = performance.now();
    const { src, tgt } = generate();
    await writeVec(srcPath, withJunk('w', src));
    await writeVec(tgtPath, withJunk('v', tgt));
    console.log(`wrote ${vocab} × ${dim} per side in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'induce-run.ts'),
      srcPath,
      tgtPath,
      String(vocab),
      values.methods,
      values.backend,
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = child.status ?? 1;
} finally {
  // A directory the caller named is kept, so repeated runs reuse its files.
  if (values.dir === undefined) await rm(dir, { recursive: true, force: true });
}
