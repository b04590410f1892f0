/**
 * Public surface of lib/lexicon that runs anywhere (Node, Lambda, Cloudflare Workers): bilingual
 * lexicons (the phrase trie, TSV, invert, merge, statistics) and the lexicon pack reader, which
 * opens a pack through any ObjectStore and checks every byte it loads. It imports nothing from
 * Node (eslint.config.js enforces it).
 *
 * Making lexicons needs Node (files, gzip, child processes, ONNX): the importers, induction from
 * embeddings, `xlir lexicon build` and the pack writer are in ./node.ts.
 */
export { DEFAULT_MAX_PHRASE_WORDS } from './constants.js';
export { LexiconError } from './errors.js';
export {
  Lexicon,
  type LexiconEntry,
  type LexiconInfo,
  type PhraseMatch,
  type Translation,
} from './lexicon.js';
export { normalizeKey } from './normalize.js';
export { fromTsv, toTsv } from './tsv.js';
export { invert, merge, type WeightedLexicon } from './combine.js';
export { lexiconStats, type LexiconStats } from './stats.js';
export * from './pack/index.js';
