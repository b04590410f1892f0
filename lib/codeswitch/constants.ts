/** Tunables and hash constants for lib/codeswitch, kept in one place. */

/** Characters kept inside a word when letters follow on both sides: "don't", "l’homme", "well-known". */
export const WORD_JOINER_CLASS = "'\\u2019\\-\\u2010\\u2011";

/** murmur3 32-bit constants (body and finaliser). */
export const MURMUR_C1 = 0xcc9e2d51;
export const MURMUR_C2 = 0x1b873593;
export const MURMUR_ROTATE_K = 15;
export const MURMUR_ROTATE_H = 13;
export const MURMUR_M = 5;
export const MURMUR_N = 0xe6546b64;
export const FMIX_C1 = 0x85ebca6b;
export const FMIX_C2 = 0xc2b2ae35;

/** 2^32: maps a 32-bit hash to [0, 1). */
export const UINT32_RANGE = 0x1_0000_0000;

/**
 * Independent draw streams: mixing the purpose into the hash keeps the "switch?" decision independent
 * of the "which language?" choice, so changing the language set never changes which tokens switch.
 */
export const STREAM_SWITCH = 0;
export const STREAM_LANGUAGE = 1;
export const STREAM_INSTANCE_LANGUAGE = 2;
/* 3 and 4 are the SQuAD pair builder's streams (lib/training-data/constants.ts); a new one takes 5. */

/** Hash code of the query side; passage k of an example is PASSAGE_SIDE_BASE + k. */
export const QUERY_SIDE_CODE = 0;
export const PASSAGE_SIDE_BASE = 1;

/** Separators a phrase may span: whitespace only, so "machine, learning" is not the phrase "machine learning". */
export const PHRASE_SEPARATOR_RE = /^\s*$/u;

/** Words memoised per lexicon (and per stopword list) before the memo restarts: bounds memory. */
export const MAX_MEMO_WORDS = 1 << 17;

/**
 * Weight β of the English prior in a gloss's choice, ln p(e | x) + β · ln(count(e) + 1), counts from
 * SQuAD train (english-counts.ts). Chosen on xling's BLI test pairs, which the lexicon build never
 * reads: precision@1 de→en 0.383 → 0.424 at 0.25 (0.423 at 0.1, 0.412 at 0.5, 0.394 at 1), ru→en
 * 0.272 → 0.285. A dictionary's first sense is often a rare one (Gebäude → edifice); the prior
 * prefers the English word a reader, and a model trained on English, knows.
 */
export const GLOSS_PRIOR_WEIGHT = 0.25;

/**
 * How many of a word's best translations a gloss may be chosen among to match the other side of a
 * pair (Glosser.glossPairs). A handful: beyond the top few a dictionary's senses are rare ones that
 * would match by accident. Not tuned; 5 was the first value measured (docs/results.md, #13).
 */
export const MATCHABLE_GLOSSES = 5;

/**
 * Fewest consonant classes a name's skeleton needs to be matched across a glossed pair
 * (gloss-names.ts): the first stage's rule for names (lib/search's NAME_MIN_SKELETON_CLASSES), for
 * the same reason: "TSL" is Tesla, but two classes ("NT") are every other short word.
 */
export const GLOSS_NAME_MIN_SKELETON_CLASSES = 3;
