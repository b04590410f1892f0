/**
 * Index cache of an experiment: each index is built once under `<out>/indexes/<name>` and reused
 * while the corpus it was built from is byte-identical (a SHA-256 stamp next to it says so).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { corpusLine, type DatasetDoc } from '../datasets/index.js';
import { IndexNotFoundError, IndexReader } from '../index/index.js';
import { buildIndex, DEFAULT_B, DEFAULT_K1, type CorpusRecord } from '../index/node.js';
import { openStore } from '../storage/node.js';

function fingerprint(docs: readonly DatasetDoc[]): string {
  const hash = createHash('sha256');
  hash.update(`k1=${DEFAULT_K1} b=${DEFAULT_B}\n`);
  for (const doc of docs) hash.update(corpusLine(doc));
  return hash.digest('hex');
}

async function* records(docs: readonly DatasetDoc[]): AsyncGenerator<CorpusRecord> {
  let line = 0;
  for (const doc of docs) yield { ...doc, line: ++line };
}

/** Opens the cached index of `docs`, building it first when it is missing or stale. */
export async function cachedIndex(
  root: string,
  name: string,
  docs: readonly DatasetDoc[],
): Promise<{ reader: IndexReader; built: boolean }> {
  const dir = join(root, name);
  const stamp = `${dir}.sha256`;
  const expected = fingerprint(docs);
  const previous = await readFile(stamp, 'utf8').catch(() => '');
  const store = openStore(dir);
  if (previous.trim() === expected) {
    try {
      return { reader: await IndexReader.open(store), built: false };
    } catch (error) {
      if (!(error instanceof IndexNotFoundError)) throw error;
    }
  }
  await buildIndex(records(docs), store, { workers: 1 });
  await writeFile(stamp, `${expected}\n`);
  return { reader: await IndexReader.open(store), built: true };
}
