/** Tunables of bilingual lexicon induction, kept in one place. */

/** Words kept from a `.vec` file: MUSE evaluates on the 200k most frequent, and files are frequency-sorted. */
export const DEFAULT_MAX_VOCAB = 200_000;

/** Neighbourhood size of the CSLS hubness penalty; Conneau et al. (2018) use 10. */
export const DEFAULT_CSLS_K = 10;

/** Translations kept per source word by default: P@1 needs one, but P@5 needs five. */
export const DEFAULT_TOP_K = 5;

/** The most translations `induce` keeps per source word. */
export const MAX_TOP_K = 5;

/**
 * Query rows scored per block: 1024 rows × 300 dims of Float32 is 1.2 MB, which stays in L2 while
 * the target rows stream past it (JavaScript backend), and is a GEMM tall enough for onnxruntime to
 * run at full speed.
 */
export const DEFAULT_BLOCK_ROWS = 1024;

/**
 * Key rows per onnxruntime run: the run's scores are block rows × this float32s (64 MB at 1024 ×
 * 16384; two such buffers for CSLS), so memory stays flat at any vocabulary size. Measured on 2
 * cores at d=300: 16384 runs at 240–320 GFLOP/s; wider chunks gain little and cost memory.
 */
export const DEFAULT_BLOCK_COLS = 16_384;

/**
 * Extra candidates per row taken from onnxruntime's float32 ranking before the float64 rescoring,
 * so a near-tie that float32 rounding puts just outside the top k still makes it in.
 */
export const CANDIDATE_MARGIN = 3;

/**
 * Target rows per column tile: 256 × 300 dims is 300 KB, so one tile is reused from cache by every
 * row of the block, and the tile's score buffer (block rows × this) stays small.
 */
export const COLUMN_TILE = 256;

/**
 * Softmax temperature turning a word's top similarities into positive scores. Cosines of near
 * translations differ by a few hundredths; 0.1 keeps those differences visible in the probabilities
 * without letting the best candidate take all the mass.
 */
export const DEFAULT_TEMPERATURE = 0.1;

/** Significant digits `writeVec` writes: enough for unit vectors, far shorter than float64 round trips. */
export const VEC_WRITE_DIGITS = 6;

/** A usable word has at least one letter; tokens such as "1984", "--" or "," are dropped. */
export const HAS_LETTER_RE = /\p{L}/u;

/** Whitespace inside a word would break the space-separated `.vec` format. */
export const WHITESPACE_RE = /\s/u;

/** Characters `writeVec` buffers before each write. */
export const VEC_WRITE_CHUNK_CHARS = 1 << 20;
