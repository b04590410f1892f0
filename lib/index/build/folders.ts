/**
 * A file store deletes files, not the folders its keys made, so whoever empties a folder of an
 * index removes it too: `ls builds/` then shows the builds that are left, and a merged shard's
 * build no longer shows the segments folder it was built through. rmdir removes only an empty
 * folder, so a folder something still uses is left alone. Other stores have no folders.
 */
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from '../../storage/index.js';
import { parseStoreUri } from '../../storage/node.js';

/** Removes each folder (key prefixes, innermost first) that is empty, on a file store. */
export async function removeEmptyFolders(store: ObjectStore, prefixes: readonly string[]): Promise<void> {
  const parsed = parseStoreUri(store.uri);
  if (parsed.kind !== 'file') return;
  for (const prefix of prefixes) await rmdir(join(parsed.path, prefix)).catch(() => undefined);
}
