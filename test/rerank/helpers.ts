import { promises as fs } from 'node:fs';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PairTokenizer } from '../../lib/rerank/index.js';

/** The committed fixture models (see test/fixtures/models/make_fixtures.py). */
export const MODELS_DIR = fileURLToPath(new URL('../fixtures/models/', import.meta.url));
export const ROUTING_FIXTURE = path.join(MODELS_DIR, 'routing.json');

export function fixtureModel(name: string): string {
  return path.join(MODELS_DIR, name);
}

/** One intra-op thread: the test machine is shared, and results must not depend on threads. */
export const TEST_THREADS = 1;

export function readTokenizerJson(name: 'wordpiece' | 'unigram'): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(MODELS_DIR, 'tokenizers', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function fixtureTokenizer(name: 'wordpiece' | 'unigram'): PairTokenizer {
  return PairTokenizer.fromJson(JSON.stringify(readTokenizerJson(name)), name);
}

/** Id of a token in a fixture vocabulary, read from the JSON rather than from the library. */
export function vocabId(name: 'wordpiece' | 'unigram', token: string): number {
  const model = readTokenizerJson(name).model as { vocab: Record<string, number> | Array<[string, number]> };
  const id = Array.isArray(model.vocab)
    ? model.vocab.findIndex(([piece]) => piece === token)
    : model.vocab[token];
  if (id === undefined || id < 0) throw new Error(`${token} is not in the ${name} fixture vocabulary`);
  return id;
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xlir-rerank-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A copy of a fixture model directory that a test may break. */
export async function copyFixtureModel(name: string, into: string): Promise<string> {
  const target = path.join(into, name);
  await fs.cp(fixtureModel(name), target, { recursive: true });
  return target;
}
