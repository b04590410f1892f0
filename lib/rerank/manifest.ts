/**
 * xlir-model.json: what a model directory says about itself. Every key has a default (`{}` is
 * a valid manifest), so an Optimum export needs next to no metadata; `version`, when present,
 * must be 1.
 *
 * {
 *   "format": "xlir-model", "version": 1,
 *   "max_length": 256,                                   // default: tokenizer.json truncation, else 512
 *   "languages": ["en", "de"],                           // languages it was trained on; absent = any
 *   "calibration": {"kind": "logistic", "a": 1.3, "b": -0.4} | {"kind": "temperature", "t": 2.0},
 *   "model_file": "model_quantized.onnx",                // default model.onnx
 *   "output": "logits",                                  // default: "logits", or the only output
 *   "input": "english-gloss",                            // default "text"; see ModelInput
 *   "fusion": {"lambda": 1},                             // its own fusion weight; default DEFAULT_LAMBDA
 *   "files": {"model.onnx": {"bytes": 1234, "sha256": "…"}, "tokenizer.json": {…}}
 * }
 *
 * `files` doubles as the version of a remote model: local copies are keyed by it, and
 * downloads are checked against it. Other keys (training metadata) are allowed and ignored.
 */
import { canonicalLanguage } from '../text/index.js';
import { MANIFEST_FORMAT, MANIFEST_VERSION, MODEL_FILE, TOKENIZER_FILE } from './constants.js';
import { RerankModelError } from './errors.js';

/** Maps a logit to a probability-like score so that different variants can be compared. */
export type Calibration = { kind: 'logistic'; a: number; b: number } | { kind: 'temperature'; t: number };

/**
 * What the model reads. "text": query and passages as they are. "english-gloss": both glossed
 * into English word by word through the server's lexicon pack first (lib/codeswitch/gloss.ts),
 * for models trained on round-tripped English (`xlir codeswitch round-trip`).
 */
export type ModelInput = 'text' | 'english-gloss';
export const MODEL_INPUTS: readonly ModelInput[] = ['text', 'english-gloss'];

export interface FileDigest {
  bytes?: number;
  sha256?: string;
}

export interface ModelManifest {
  version: number;
  maxLength?: number;
  /** Canonical primary language subtags; undefined means the model claims no limit. */
  languages?: string[];
  calibration?: Calibration;
  modelFile: string;
  output?: string;
  input: ModelInput;
  /**
   * The fusion weight λ this model's scores get when a request names none: (1−λ)·norm(bm25) +
   * λ·norm(rerank). Training writes it for a model that reads the first-stage score (it has
   * learnt how far to trust it, so the recipe picks λ on its validation split); absent, the
   * reranker uses DEFAULT_LAMBDA.
   */
  fusionLambda?: number;
  files: Record<string, FileDigest>;
  description?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, what: string, fail: (why: string) => never): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} must be a finite number`);
  return value;
}

/** A plain file name in the model directory: no folders, so a manifest cannot point elsewhere. */
function fileName(value: unknown, what: string, fail: (why: string) => never): string {
  if (typeof value !== 'string' || !/^[\w.-]+$/.test(value) || value.startsWith('.')) {
    fail(`${what} must be a plain file name in the model directory`);
  }
  return value;
}

function parseCalibration(value: unknown, fail: (why: string) => never): Calibration {
  if (!isObject(value)) fail('calibration must be an object');
  if (value.kind === 'logistic') {
    return {
      kind: 'logistic',
      a: finite(value.a, 'calibration.a', fail),
      b: finite(value.b, 'calibration.b', fail),
    };
  }
  if (value.kind === 'temperature') {
    const t = finite(value.t, 'calibration.t', fail);
    if (t <= 0) fail('calibration.t must be > 0');
    return { kind: 'temperature', t };
  }
  fail(`calibration.kind must be "logistic" or "temperature", got ${JSON.stringify(value.kind)}`);
}

function parseFusion(value: unknown, fail: (why: string) => never): number {
  if (!isObject(value)) fail('fusion must be an object');
  const lambda = finite(value.lambda, 'fusion.lambda', fail);
  if (lambda < 0 || lambda > 1) fail(`fusion.lambda must be between 0 and 1, got ${lambda}`);
  return lambda;
}

function parseFiles(value: unknown, fail: (why: string) => never): Record<string, FileDigest> {
  if (value === undefined) return {};
  if (!isObject(value)) fail('files must be an object of file name -> {bytes, sha256}');
  const files: Record<string, FileDigest> = {};
  for (const [name, digest] of Object.entries(value)) {
    fileName(name, `files key ${JSON.stringify(name)}`, fail);
    if (!isObject(digest)) fail(`files["${name}"] must be an object`);
    const entry: FileDigest = {};
    if (digest.bytes !== undefined) {
      if (!Number.isSafeInteger(digest.bytes) || (digest.bytes as number) < 0)
        fail(`files["${name}"].bytes must be a non-negative integer`);
      entry.bytes = digest.bytes as number;
    }
    if (digest.sha256 !== undefined) {
      if (typeof digest.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(digest.sha256))
        fail(`files["${name}"].sha256 must be 64 hex digits`);
      entry.sha256 = digest.sha256.toLowerCase();
    }
    files[name] = entry;
  }
  return files;
}

export function parseModelManifest(text: string, where: string): ModelManifest {
  const fail: (why: string) => never = (why) => {
    throw new RerankModelError(`${where}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) fail('expected a JSON object');
  const json = raw as Json;
  if (json.format !== undefined && json.format !== MANIFEST_FORMAT)
    fail(`format must be "${MANIFEST_FORMAT}", got ${JSON.stringify(json.format)}`);
  if (json.version !== undefined && json.version !== MANIFEST_VERSION)
    fail(`version must be ${MANIFEST_VERSION}, got ${JSON.stringify(json.version)}`);
  const manifest: ModelManifest = {
    version: MANIFEST_VERSION,
    modelFile: json.model_file === undefined ? MODEL_FILE : fileName(json.model_file, 'model_file', fail),
    files: parseFiles(json.files, fail),
    input: 'text',
  };
  if (json.input !== undefined) {
    if (!MODEL_INPUTS.includes(json.input as ModelInput))
      fail(
        `input must be ${MODEL_INPUTS.map((i) => `"${i}"`).join(' or ')}, got ${JSON.stringify(json.input)}`,
      );
    manifest.input = json.input as ModelInput;
  }
  if (json.max_length !== undefined) {
    if (!Number.isInteger(json.max_length) || (json.max_length as number) < 1)
      fail('max_length must be a positive integer');
    manifest.maxLength = json.max_length as number;
  }
  if (json.languages !== undefined) {
    if (!Array.isArray(json.languages) || json.languages.some((l) => typeof l !== 'string'))
      fail('languages must be an array of language tags');
    try {
      manifest.languages = [...new Set((json.languages as string[]).map((l) => canonicalLanguage(l)))];
    } catch (error) {
      fail(`languages: ${(error as Error).message}`);
    }
  }
  if (json.calibration !== undefined) manifest.calibration = parseCalibration(json.calibration, fail);
  if (json.fusion !== undefined) manifest.fusionLambda = parseFusion(json.fusion, fail);
  if (json.output !== undefined) {
    if (typeof json.output !== 'string' || json.output === '') fail('output must be an output name');
    manifest.output = json.output;
  }
  if (typeof json.description === 'string') manifest.description = json.description;
  return manifest;
}

/** The files a model directory must hold, in download order (the small one first). */
export function requiredFiles(manifest: ModelManifest): string[] {
  return [TOKENIZER_FILE, manifest.modelFile];
}

/** The logistic function, without overflow for large |x|. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** sigmoid(a·logit + b); temperature t is the special case a = 1/t, b = 0. */
export function calibrate(calibration: Calibration, logit: number): number {
  return calibration.kind === 'logistic'
    ? sigmoid(calibration.a * logit + calibration.b)
    : sigmoid(logit / calibration.t);
}

export function describeCalibration(calibration: Calibration | undefined): string {
  if (!calibration) return 'none';
  return calibration.kind === 'logistic'
    ? `logistic(a=${calibration.a}, b=${calibration.b})`
    : `temperature(t=${calibration.t})`;
}
