/**
 * Word embeddings for lexicon induction, read from and written to fastText/MUSE `.vec` text files
 * ("count dim" header, then "word v1 … vdim" per line). All vectors share one Float32Array so 200k
 * × 300 dims costs 240 MB and no per-word objects.
 */
import { createReadStream } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LexiconError } from '../errors.js';
import { echo } from '../normalize.js';
import {
  DEFAULT_MAX_VOCAB,
  HAS_LETTER_RE,
  VEC_WRITE_CHUNK_CHARS,
  VEC_WRITE_DIGITS,
  WHITESPACE_RE,
} from './constants.js';

/** `words.length` rows of `dim` values, row-major; row i belongs to words[i]. */
export interface Embeddings {
  words: readonly string[];
  dim: number;
  vectors: Float32Array;
}

export interface ReadVecOptions {
  /** Words kept, counted after skipping; the rest of the file is not read. */
  maxVocab?: number;
}

/** Lines dropped by `readVec`, by reason. */
export interface VecSkips {
  /** Tokens with no letter: numbers and punctuation. */
  noLetter: number;
  /** Wrong number of values, a value that is not a finite number, or an all-zero vector. */
  malformed: number;
  /** A word seen before; the first (most frequent) vector wins. */
  duplicate: number;
}

export interface ReadVecResult {
  embeddings: Embeddings;
  skipped: VecSkips;
}

const HEADER_RE = /^(\d+) (\d+)$/;

function parseHeader(line: string | undefined, path: string): { count: number; dim: number } {
  const match = HEADER_RE.exec((line ?? '').trim());
  const count = Number(match?.[1]);
  const dim = Number(match?.[2]);
  if (match === null || dim < 1) {
    throw new LexiconError(`bad .vec header in ${path}: expected "count dim", got ${echo(line ?? '')}`);
  }
  return { count, dim };
}

/** Parses `fields[1..dim]` into `out` at `offset` and scales it to unit length; false if unusable. */
function storeNormalised(fields: readonly string[], out: Float32Array, offset: number, dim: number): boolean {
  let norm = 0;
  for (let t = 0; t < dim; t += 1) {
    const value = Number(fields[t + 1]);
    if (!Number.isFinite(value)) return false;
    out[offset + t] = value;
    norm += value * value;
  }
  // A zero vector has no direction, so it cannot take part in cosine retrieval.
  if (norm === 0) return false;
  const scale = 1 / Math.sqrt(norm);
  for (let t = 0; t < dim; t += 1) out[offset + t] = out[offset + t]! * scale;
  return true;
}

/** Reads the first `maxVocab` usable words of a `.vec` (or `.vec.gz`) file, L2-normalised. */
export async function readVec(path: string, options: ReadVecOptions = {}): Promise<ReadVecResult> {
  const maxVocab = options.maxVocab ?? DEFAULT_MAX_VOCAB;
  if (!Number.isInteger(maxVocab) || maxVocab < 1) {
    throw new LexiconError(`maxVocab must be an integer >= 1, got ${maxVocab}`);
  }
  await access(path).catch((error: NodeJS.ErrnoException) => {
    throw new LexiconError(`cannot read embeddings ${path}: ${error.code ?? error.message}`);
  });
  const raw = createReadStream(path);
  const input: Readable = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const skipped: VecSkips = { noLetter: 0, malformed: 0, duplicate: 0 };
  const words: string[] = [];
  const seen = new Set<string>();
  let dim = 0;
  let vectors = new Float32Array(0);
  try {
    for await (const line of lines) {
      if (dim === 0) {
        const header = parseHeader(line, path);
        dim = header.dim;
        // The header count is a hint only: files cut short or longer than announced are common.
        vectors = new Float32Array(Math.max(1, Math.min(header.count, maxVocab)) * dim);
        continue;
      }
      if (line.trim() === '') continue;
      const fields = line.trimEnd().split(' ');
      const word = fields[0] ?? '';
      if (!HAS_LETTER_RE.test(word)) {
        skipped.noLetter += 1;
        continue;
      }
      if (seen.has(word)) {
        skipped.duplicate += 1;
        continue;
      }
      if ((words.length + 1) * dim > vectors.length) {
        const grown = new Float32Array(Math.min(maxVocab, words.length * 2) * dim);
        grown.set(vectors);
        vectors = grown;
      }
      if (fields.length !== dim + 1 || !storeNormalised(fields, vectors, words.length * dim, dim)) {
        skipped.malformed += 1;
        continue;
      }
      words.push(word);
      seen.add(word);
      if (words.length >= maxVocab) break;
    }
  } finally {
    lines.close();
    input.destroy();
    raw.destroy();
  }
  if (dim === 0) throw new LexiconError(`bad .vec header in ${path}: the file is empty`);
  if (words.length === 0) {
    const total = skipped.noLetter + skipped.malformed + skipped.duplicate;
    throw new LexiconError(`no usable vectors in ${path} (${total} line(s) skipped)`);
  }
  return { embeddings: { words, dim, vectors: vectors.subarray(0, words.length * dim) }, skipped };
}

/** Writes embeddings as a `.vec` text file (values as stored, not re-normalised). */
export async function writeVec(path: string, embeddings: Embeddings): Promise<void> {
  const { words, dim, vectors } = embeddings;
  if (!Number.isInteger(dim) || dim < 1 || vectors.length !== words.length * dim) {
    throw new LexiconError(`${words.length} words × ${dim} dims do not match ${vectors.length} values`);
  }
  for (const word of words) {
    if (word === '' || WHITESPACE_RE.test(word)) {
      throw new LexiconError(`cannot write word ${echo(word)} to a .vec file: empty or contains whitespace`);
    }
  }
  const file = await open(path, 'w');
  try {
    let chunk = `${words.length} ${dim}\n`;
    for (let i = 0; i < words.length; i += 1) {
      const values: string[] = [];
      for (let t = 0; t < dim; t += 1) {
        values.push(String(Number(vectors[i * dim + t]!.toPrecision(VEC_WRITE_DIGITS))));
      }
      chunk += `${words[i]} ${values.join(' ')}\n`;
      // Bounded chunks: a 200k-word file is hundreds of MB of text.
      if (chunk.length >= VEC_WRITE_CHUNK_CHARS) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
}
