/** The Hugging Face Hub's address when HF_ENDPOINT is unset (mirrors set HF_ENDPOINT, as huggingface_hub does). */
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

/** Where Optimum and transformers.js put a repo's ONNX export; --file names any other. */
export const DEFAULT_ONNX_FILE = 'onnx/model.onnx';

/** The revision a reference without @REVISION resolves to: the repo's default branch. */
export const DEFAULT_REVISION = 'main';

/**
 * Read for `model_max_length` only. Optional: without it the reranker takes max_length from
 * tokenizer.json's truncation, as for any export (lib/rerank/manifest.ts).
 */
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

/** `model_max_length` values above this are the "no limit" sentinel transformers writes (1e30). */
export const MAX_PLAUSIBLE_MAX_LENGTH = 32_768;

/** Downloads in progress end in this suffix; a rerun resumes from its size with a Range request. */
export const PARTIAL_SUFFIX = '.part';
