/**
 * Where lexicons come from: a URI or path given by `--lexicons`, XLIR_LEXICONS or the
 * experiment. A lexicon pack (lib/lexicon's format, `lexicons.json` + one object per direction)
 * in object storage or in a local folder, or a plain local folder of `src-tgt.tsv` files. Every
 * caller goes through openLexicons, so a deployment reading a pack from S3 and a developer's
 * folder of TSV files translate the same way.
 */
import { isLexiconPack, openLexiconPack, type LexiconPack } from '../lexicon/index.js';
import { type ObjectStore } from '../storage/index.js';
import { openBackend, openStore, parseStoreUri } from '../storage/node.js';
import { LexiconCatalog, type LoadLexicons } from './lexicons.js';

/** A URI naming a store explicitly: always a pack (a plain folder is given as a path). */
const STORE_URI_RE = /^(?:s3|file):/i;

/**
 * The pack keeps each loaded direction itself (one Lexicon per direction, its promise cached);
 * a byte cache underneath would only hold the compressed copy twice. It also means lexicons.json,
 * which a rewrite of the pack replaces in place, is never served stale from a cache.
 */
const PACK_STORE_OPTIONS = { memoryCacheBytes: 0 } as const;

/** A catalog over an opened pack: each direction is one lexicon, loaded on first use. */
export function catalogFromPack(pack: LexiconPack, location: string): LexiconCatalog {
  const loaders = new Map<string, LoadLexicons>();
  for (const direction of pack.manifest.directions) {
    loaders.set(`${direction.src}-${direction.tgt}`, async () => [
      await pack.load(direction.src, direction.tgt),
    ]);
  }
  return LexiconCatalog.fromLoaders(location, loaders);
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
  return LexiconCatalog.fromDirectory(dir);
}
