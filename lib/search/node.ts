/**
 * The Node-only surface of lib/search: lexicons from a local folder of TSV files or from a
 * file:// or s3:// URI (through lib/storage/node.ts). Searching, translating and catalogs over a
 * pack in any store run anywhere: ./index.ts.
 */
export {
  catalogFromDirectory,
  LEXICON_FILE_RE,
  lexiconFilesByDirection,
  openLexicons,
} from './lexicon-sources.js';
