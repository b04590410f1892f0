/**
 * The compiled package (`npm run build`), which the benchmark children load so they measure
 * xlir as `xlir index build` and `xlir search` run it, not through the TypeScript loader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../lib/cli/paths.js';
import type * as IndexModule from '../../lib/index/index.js';
import type * as IndexNodeModule from '../../lib/index/node.js';
import type * as SearchModule from '../../lib/search/index.js';
import type * as StorageModule from '../../lib/storage/index.js';
import type * as StorageNodeModule from '../../lib/storage/node.js';
import type * as TextModule from '../../lib/text/index.js';

const dist = join(packageRoot(), 'dist', 'lib');

/** A module's entry point (`index`, or `node` for its Node-only surface) from the compiled package. */
async function load<T>(module: string, entry = 'index'): Promise<T> {
  const path = join(dist, module, `${entry}.js`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build before npm run bench:bm25`);
  return (await import(pathToFileURL(path).href)) as T;
}

export const xlirIndex = await load<typeof IndexModule>('index');
export const xlirIndexNode = await load<typeof IndexNodeModule>('index', 'node');
export const xlirSearch = await load<typeof SearchModule>('search');
export const xlirStorage = await load<typeof StorageModule>('storage');
export const xlirStorageNode = await load<typeof StorageNodeModule>('storage', 'node');
export const xlirText = await load<typeof TextModule>('text');

/** xlir's reader options in a query child: the decoded-postings cache in MiB when bench:bm25's --cache-mb passed one, else the reader's default. */
export function readerOptions(cacheMb: string | undefined): { decodedPostingsCacheBytes?: number } {
  return cacheMb === undefined ? {} : { decodedPostingsCacheBytes: Number(cacheMb) * 2 ** 20 };
}
