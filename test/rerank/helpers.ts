import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PairTokenizer } from '../../lib/rerank/index.js';

export { withTempDir } from '../helpers/corpus.js';

/** The committed fixture models (see test/fixtures/models/make_fixtures.py). */
export const MODELS_DIR = fileURLToPath(new URL('../fixtures/models/', import.meta.url));
export const ROUTING_FIXTURE = path.join(MODELS_DIR, 'routing.json');

export function fixtureModel(name: string): string {
  return path.join(MODELS_DIR, name);
}

/** One intra-op thread: the test machine is shared, and results must not depend on threads. */
export const TEST_THREADS = 1;

type FixtureTokenizer = 'wordpiece' | 'unigram';

function tokenizerText(name: FixtureTokenizer): string {
  return readFileSync(path.join(MODELS_DIR, 'tokenizers', `${name}.json`), 'utf8');
}

/** A fresh parse on every call: tests edit the object they get. */
export function readTokenizerJson(name: FixtureTokenizer): Record<string, unknown> {
  return JSON.parse(tokenizerText(name)) as Record<string, unknown>;
}

export function fixtureTokenizer(name: FixtureTokenizer): PairTokenizer {
  return PairTokenizer.fromJson(tokenizerText(name), name);
}

/** Each fixture vocabulary as token -> id, read once. */
const vocabularies = new Map<FixtureTokenizer, Map<string, number>>();

/** Id of a token in a fixture vocabulary, read from the JSON rather than from the library. */
export function vocabId(name: FixtureTokenizer, token: string): number {
  let vocabulary = vocabularies.get(name);
  if (!vocabulary) {
    const { vocab } = readTokenizerJson(name).model as {
      vocab: Record<string, number> | Array<[string, number]>;
    };
    // A Unigram vocabulary is a list: a token's id is its first position, as findIndex gave it.
    const entries = Array.isArray(vocab)
      ? vocab.map(([piece], i): [string, number] => [piece, i]).reverse()
      : Object.entries(vocab);
    vocabulary = new Map(entries);
    vocabularies.set(name, vocabulary);
  }
  const id = vocabulary.get(token);
  if (id === undefined) throw new Error(`${token} is not in the ${name} fixture vocabulary`);
  return id;
}

/** A copy of a fixture model directory that a test may break. */
export async function copyFixtureModel(name: string, into: string): Promise<string> {
  const target = path.join(into, name);
  await fs.cp(fixtureModel(name), target, { recursive: true });
  return target;
}

/** Writes `table` as routing.json into `dir`; returns its path. */
export async function writeRouting(dir: string, table: object): Promise<string> {
  const routing = path.join(dir, 'routing.json');
  await fs.writeFile(routing, JSON.stringify(table));
  return routing;
}

/** tiny (trained on en only) as the multilingual variant; every other pair routes to "none". */
export function tinyKeepingFirstStage(): object {
  return {
    version: 1,
    models: { tiny: fixtureModel('tiny') },
    monolingual: 'none',
    multilingual: 'tiny',
    zero_shot: 'none',
  };
}
