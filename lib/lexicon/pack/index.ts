/**
 * Lexicon packs: a set of lexicons as objects in a store (file://, s3://, R2), versioned and
 * checksummed, opened with one GET and loaded a direction at a time (ARCHITECTURE.md). This is
 * the reader, which runs anywhere; the writer (pack/write.ts) gzips with node:zlib and is
 * exported from lib/lexicon/node.ts.
 */
export { PACK_FORMAT, PACK_MANIFEST_KEY, PACK_VERSION } from './constants.js';
export { LexiconPackError } from './errors.js';
export { type LexiconPackDirection, type LexiconPackManifest, type LexiconPackSource } from './manifest.js';
export { isLexiconPack, openLexiconPack, type LexiconPack } from './read.js';
