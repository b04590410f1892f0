/**
 * Where lexicons come from on a Node host: a URI or path given by `--lexicons`, XLIR_LEXICONS or
 * the experiment. A lexicon pack (lib/lexicon's format, `lexicons.json` + one object per
 * direction) in object storage or in a local folder, or a plain local folder of `src-tgt.tsv`
 * files. Every caller goes through openLexicons, so a deployment reading a pack from S3 and a
 * developer's folder of TSV files translate the same way. This needs the file system and the AWS
 * SDK (lib/storage/node.ts), so it is exported from lib/search/node.ts; a Worker builds its
 * catalog with catalogFromPack over a store of its own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromTsv, isLexiconPack, openLexiconPack } from '../lexicon/index.js';
import type { ObjectStore } from '../storage/index.js';
import { openBackend, openStore, parseStoreUri } from '../storage/node.js';
import { canonicalLanguage } from '../text/index.js';
import { MissingLexiconError } from './errors.js';
import { catalogFromPack, LexiconCatalog, pairKey, type LoadLexicons } from './lexicons.js';

/**
 * Lexicon files in a folder: `src-tgt.tsv` or `src-tgt.<source>.tsv` (src<TAB>tgt<TAB>score, as
 * `xlir lexicon import` writes them), src and tgt being two- or three-letter language codes.
 * Several files of one direction are merged with equal weight.
 */
export const LEXICON_FILE_RE = /^([a-z]{2,3})-([a-z]{2,3})(?:\.[^/\\]+)?\.tsv$/;

/** A URI naming a store explicitly: always a pack (a plain folder is given as a path). */
const STORE_URI_RE = /^(?:s3|file):/i;

/**
 * The pack keeps each loaded direction itself (one Lexicon per direction, its promise cached);
 * a byte cache underneath would only hold the compressed copy twice. It also means lexicons.json,
 * which a rewrite of the pack replaces in place, is never served stale from a cache.
 */
const PACK_STORE_OPTIONS = { memoryCacheBytes: 0 } as const;

/**
 * A folder's lexicon files by direction ('src-tgt', canonical tags), names sorted; what
 * catalogFromDirectory reads and what `xlir lexicon pack` packs.
 */
export async function lexiconFilesByDirection(dir: string): Promise<Map<string, string[]>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new MissingLexiconError(`cannot read the lexicon folder ${dir}`);
  }
  const files = new Map<string, string[]>();
  for (const name of names.sort()) {
    const match = LEXICON_FILE_RE.exec(name);
    if (!match) continue;
    const key = pairKey(canonicalLanguage(match[1]!), canonicalLanguage(match[2]!));
    files.set(key, [...(files.get(key) ?? []), name]);
  }
  return files;
}

/** A catalog over a folder of lexicon files; reads nothing but the listing until a direction is asked for. */
export async function catalogFromDirectory(dir: string): Promise<LexiconCatalog> {
  const files = await lexiconFilesByDirection(dir);
  const loaders = new Map<string, LoadLexicons>();
  for (const [key, group] of files) {
    const [src, tgt] = key.split('-') as [string, string];
    loaders.set(key, () =>
      Promise.all(
        group.map(async (name) =>
          fromTsv(await readFile(join(dir, name), 'utf8'), { srcLang: src, tgtLang: tgt, id: name }),
        ),
      ),
    );
  }
  return LexiconCatalog.fromLoaders(dir, loaders);
}

/** Opens the pack at the store's root (one GET) as a catalog. */
async function openPackCatalog(store: ObjectStore, location: string): Promise<LexiconCatalog> {
  return catalogFromPack(await openLexiconPack(store), location);
}

/**
 * Opens the lexicons at `uri`: `s3://bucket/prefix` or `file://…` is a pack; a local folder is a
 * pack when it holds `lexicons.json`, else a folder of `src-tgt[.source].tsv` files. A pack costs
 * one GET here and one per direction when a translation first needs it; a folder, a listing.
 */
export async function openLexicons(uri: string): Promise<LexiconCatalog> {
  if (STORE_URI_RE.test(uri)) return openPackCatalog(openStore(uri, PACK_STORE_OPTIONS), uri);
  const parsed = parseStoreUri(uri);
  const dir = parsed.kind === 'file' ? parsed.path : uri;
  if (await isLexiconPack(openBackend(dir))) {
    return openPackCatalog(openStore(dir, PACK_STORE_OPTIONS), dir);
  }
  return catalogFromDirectory(dir);
}
