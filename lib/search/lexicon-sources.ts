/**
 * Where lexicons come from: a URI or path given by `--lexicons`, XLIR_LEXICONS or the
 * experiment. Today a local folder of `src-tgt.tsv` files; lexicon packs in object storage
 * (file:// or s3://) open through the same entry point.
 */
import { LexiconCatalog } from './lexicons.js';

/** Opens the lexicons at `uri` (a folder path); reads only a listing until a direction is used. */
export async function openLexicons(uri: string): Promise<LexiconCatalog> {
  return LexiconCatalog.fromDirectory(uri);
}
