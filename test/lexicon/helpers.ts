/** Temporary files for importer tests, so fixtures generated in a test (gzip, dictd) need no checked-in binaries. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLexiconPack, type LexiconPack } from '../../lib/lexicon/index.js';
import { writeLexiconPack, type BuildResult } from '../../lib/lexicon/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { withTempDir } from '../helpers/corpus.js';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const EN_DE = { srcLang: 'en', tgtLang: 'de' } as const;

export function fixture(name: string): string {
  return join(FIXTURES_DIR, name);
}

/** Runs `fn` with a fresh directory and a writer into it; the directory is removed afterwards. */
export async function withTempFiles(
  fn: (write: (name: string, content: string | Uint8Array) => Promise<string>) => Promise<void>,
): Promise<void> {
  await withTempDir((dir) =>
    fn(async (name, content) => {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    }),
  );
}

/** Sum of an entry's probabilities. */
export function total(translations: readonly { p: number }[]): number {
  return translations.reduce((sum, t) => sum + t.p, 0);
}

/** The directions of a build written as a lexicon pack in `dir`, and the pack opened again. */
export async function packOfBuild(dir: string, built: BuildResult): Promise<LexiconPack> {
  const store = new FileStore(dir);
  await writeLexiconPack(
    store,
    built.directions.map((d) => ({ lexicon: d.lexicon, sources: d.sources, oneWay: d.oneWay })),
  );
  return openLexiconPack(store);
}
