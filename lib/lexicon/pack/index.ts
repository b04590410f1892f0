/**
 * Lexicon packs: a set of lexicons as objects in a store (file:// or s3://), versioned and
 * checksummed, opened with one GET and loaded a direction at a time (ARCHITECTURE.md).
 */
export { PACK_FORMAT, PACK_MANIFEST_KEY, PACK_VERSION } from './constants.js';
export { LexiconPackError } from './errors.js';
export { type LexiconPackDirection, type LexiconPackManifest, type LexiconPackSource } from './manifest.js';
export { isLexiconPack, openLexiconPack, type LexiconPack } from './read.js';
export {
  directionKey,
  writeLexiconPack,
  type LexiconPackInput,
  type WriteLexiconPackOptions,
} from './write.js';
