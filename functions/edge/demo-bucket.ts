/**
 * Fills an R2 bucket with the demo: the demo index (`xlir serve --demo`'s, built from the sample
 * corpus by openDemoIndex) under `index/`, and the demo lexicons, packed (samples/lexicon-pack,
 * which a test keeps equal to samples/lexicons), under `lexicons/`. `npm run edge:dev` and the
 * edge tests serve the Worker over it. Node-only (it reads the folders); each folder is uploaded
 * in its own publish order, the manifest that names everything else last, as the builder and the
 * pack writer do, so a reader never finds a manifest naming an object not yet there.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { PACK_MANIFEST_KEY } from '../../lib/lexicon/index.js';
import { MANIFEST_KEY } from '../../lib/index/index.js';
import { packageRoot } from '../../lib/cli/index.js';
import { DEFAULT_INDEX_PREFIX, DEFAULT_LEXICONS_PREFIX } from './constants.js';

/** What uploading calls of an R2 bucket: the binding in a Worker, or Miniflare's Node-side proxy. */
export interface R2PutTarget {
  put(key: string, value: Uint8Array): Promise<unknown>;
}

/** The committed demo lexicon pack. */
export function demoLexiconPackDir(): string {
  return join(packageRoot(), 'samples', 'lexicon-pack');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Uploads every file of `dir` under `prefix/`, `manifestKey` last; returns the keys written. */
export async function uploadFolder(
  bucket: R2PutTarget,
  dir: string,
  prefix: string,
  manifestKey: string,
): Promise<string[]> {
  const files = await filesUnder(dir);
  const ordered = [...files.filter((f) => f !== manifestKey), ...files.filter((f) => f === manifestKey)];
  const keys: string[] = [];
  for (const file of ordered) {
    const key = `${prefix}/${file}`;
    await bucket.put(key, new Uint8Array(await readFile(join(dir, file))));
    keys.push(key);
  }
  return keys;
}

/**
 * The demo index (a folder, as openDemoIndex left it) and the demo pack, where the Worker's
 * defaults look; `packDir` uploads another pack folder instead (a data test's, over its own index).
 */
export async function uploadDemo(
  bucket: R2PutTarget,
  indexDir: string,
  packDir: string = demoLexiconPackDir(),
): Promise<{ index: string[]; lexicons: string[] }> {
  return {
    index: await uploadFolder(bucket, indexDir, DEFAULT_INDEX_PREFIX, MANIFEST_KEY),
    lexicons: await uploadFolder(bucket, packDir, DEFAULT_LEXICONS_PREFIX, PACK_MANIFEST_KEY),
  };
}
