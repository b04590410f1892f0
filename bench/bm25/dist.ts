/**
 * The compiled package (`npm run build`), which the benchmark children load so they measure
 * xlir as `xlir index build` and `xlir search` run it, not through the TypeScript loader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../lib/cli/paths.js';
import type * as IndexModule from '../../lib/index/index.js';
import type * as SearchModule from '../../lib/search/index.js';
import type * as StorageModule from '../../lib/storage/index.js';

const dist = join(packageRoot(), 'dist', 'lib');

async function load<T>(module: string): Promise<T> {
  const path = join(dist, module, 'index.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build before npm run bench:bm25`);
  return (await import(pathToFileURL(path).href)) as T;
}

export const xlirIndex = await load<typeof IndexModule>('index');
export const xlirSearch = await load<typeof SearchModule>('search');
export const xlirStorage = await load<typeof StorageModule>('storage');
