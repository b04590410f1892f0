/** Tunables and file names of the rerank stage, kept in one place. */
import type { Bm25Params } from '../index/index.js';

/** The files of a model directory. */
export const MODEL_FILE = 'model.onnx';
export const TOKENIZER_FILE = 'tokenizer.json';
export const MANIFEST_FILE = 'xlir-model.json';
export const MANIFEST_FORMAT = 'xlir-model';
export const MANIFEST_VERSION = 1;

export const ROUTING_FILE = 'routing.json';
export const ROUTING_VERSION = 1;
/** What `--models` means when it is not given: relative to the working directory. */
export const DEFAULT_ROUTING_URI = './models/routing.json';
/** Matches any language on one side of a route. */
export const ANY_LANGUAGE = '*';
/** The model name that routes by language (routing.json) rather than naming a variant. */
export const AUTO_MODEL = 'auto';
/**
 * The routing target that keeps the first-stage order: a route, `monolingual` or `zero_shot`
 * may name it for pairs where no variant measured safe, so a language no model was trained on
 * is never ranked worse than its first stage. A rerank routed to it has depth 0.
 */
export const NO_RERANK = 'none';

/**
 * Weight of the reranker in the fused score: (1−λ)·norm(bm25) + λ·norm(rerank).
 * Measured on XQuAD-R with the demo variants (docs/results.md, λ ∈ {0.3, 0.5, 0.7, 1}):
 * 0.3 is best on MoIR (mean MAP +1.3 over BM25) and CLIR (+2.0 over PSQ); pure reranking
 * (λ = 1) with these small models is far below the first stage. Retune for stronger models.
 */
export const DEFAULT_LAMBDA = 0.3;

/**
 * BM25 of a glossed query against glossed passages (gloss-match.ts): Anserini's defaults, as the
 * first stage's own (lib/index's DEFAULT_K1, DEFAULT_B), so the two translation directions score
 * matches alike.
 */
export const GLOSS_MATCH_BM25: Bm25Params = { k1: 0.9, b: 0.4 };

/**
 * How a candidate list with several document languages is scored (see model-choice.ts).
 * Measured on XQuAD-R MLIR (docs/results.md): each language group scored by its pair variant
 * and calibrated beats scoring everything with the multilingual variant on MAP (en→all +0.6,
 * ar→all +0.2 points at λ = 0.5), so per-language is the default.
 */
export const DEFAULT_MIXED_LANGUAGE_STRATEGY = 'per-language';

/** Pairs per session.run. Cross-encoders on CPU gain little beyond this and padding waste grows. */
export const DEFAULT_BATCH_SIZE = 16;
export const MAX_BATCH_SIZE = 1024;
/** Used when neither xlir-model.json nor tokenizer.json's truncation gives max_length (BERT's limit). */
export const DEFAULT_MAX_LENGTH = 512;
/** Upper bound on candidates reranked per request. */
export const MAX_RERANK_DEPTH = 10_000;

/**
 * Under a deadline, candidates are scored in windows of this many batches in first-stage order
 * (length-bucketed inside a window), so a partial result has scored the best first-stage
 * candidates rather than the shortest ones. Without a deadline the window is the whole list.
 */
export const DEADLINE_WINDOW_BATCHES = 4;
/**
 * Longest stretch of synchronous JavaScript a rerank request runs before it lets the event loop
 * serve others (tokenising candidates, detecting their languages; yield.ts). A small search takes
 * a few milliseconds, so a 5 ms slice at most doubles its wait behind a large rerank, while the
 * yield itself (one setImmediate) costs microseconds: a 1,000-document tokenisation of ~300 ms
 * pauses ~60 times.
 */
export const YIELD_SLICE_MS = 5;
/** Weight of the newest batch in the running ms-per-token estimate that plans against a deadline. */
export const RATE_SMOOTHING = 0.3;

/**
 * File name of the inference worker's own bundle beside an esbuild bundle of lib/rerank (the
 * Lambda package's index.mjs): infra/functions.ts writes it, inference-host.ts starts it.
 */
export const INFERENCE_WORKER_BUNDLE = 'rerank-inference-worker.mjs';

/** Pairs run once at load: the model must return one finite score per pair for them. */
export const PROBE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['probe query', 'a probe passage, somewhat longer than the query it is paired with'],
  ['q', 'p'],
];

/** Input names of a Hugging Face cross-encoder export (Optimum or torch.onnx). */
export const INPUT_IDS = 'input_ids';
export const ATTENTION_MASK = 'attention_mask';
export const TOKEN_TYPE_IDS = 'token_type_ids';
/**
 * The optional fourth input of a cross-encoder trained to read its candidate's first-stage
 * score (training/): float32 [batch, FIRST_STAGE_WIDTH], row i = [present, value] for pair i,
 * value = max(0, bm25Score) / the request's top bm25Score (first-stage.ts). A model without it
 * is fed exactly the three inputs above.
 */
export const FIRST_STAGE = 'first_stage';
/** Columns of the first_stage input: [present, value]. */
export const FIRST_STAGE_WIDTH = 2;
/** The output read when xlir-model.json names none and the model has several. */
export const DEFAULT_OUTPUT = 'logits';
/** Index of the "relevant" class in a two-logit head, as sentence-transformers trains it. */
export const POSITIVE_CLASS = 1;
