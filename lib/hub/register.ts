/**
 * `xlir models add DIR`: makes a local ONNX cross-encoder export servable by writing its
 * xlir-model.json (file digests, and what the caller knows: max_length, languages, where it came
 * from), then loading it exactly as the reranker will (tokenizer with a pair template, a session
 * with a cross-encoder's inputs and outputs, a probe batch with finite scores). A model that does
 * not load leaves the directory's previous manifest as it was.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  MODEL_FILE,
  parseModelManifest,
  RerankModel,
  TOKENIZER_FILE,
} from '../rerank/index.js';
import { HubError } from './errors.js';

export interface RegisterOptions {
  /** The ONNX file in DIR (a plain name); default: the existing manifest's model_file, else model.onnx. */
  modelFile?: string;
  maxLength?: number;
  languages?: readonly string[];
  description?: string;
  /** Provenance recorded as is (e.g. the hub repo, revision and commit). */
  source?: Record<string, string>;
  /** What the model is called in messages instead of the directory's path. */
  label?: string;
}

export interface RegisteredModel {
  manifest: Record<string, unknown>;
  files: Record<string, { bytes: number; sha256: string }>;
  inputs: readonly string[];
  maxLength: number;
}

async function digest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function readExisting(path: string): Promise<{ text?: string; json: Record<string, unknown> }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { json: {} };
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      return { text, json: json as Record<string, unknown> };
    }
  } catch {
    // Rewritten below; the loader would reject it anyway.
  }
  return { text, json: {} };
}

export async function registerModel(dir: string, options: RegisterOptions = {}): Promise<RegisteredModel> {
  const label = options.label ?? dir;
  const manifestPath = join(dir, MANIFEST_FILE);
  const existing = await readExisting(manifestPath);
  const modelFile = options.modelFile ?? (existing.json.model_file as string | undefined) ?? MODEL_FILE;
  const files: Record<string, { bytes: number; sha256: string }> = {};
  for (const file of [modelFile, TOKENIZER_FILE]) {
    try {
      files[file] = await digest(join(dir, file));
    } catch {
      throw new HubError(`${label}: no ${file} (a model directory holds ${modelFile} and ${TOKENIZER_FILE})`);
    }
  }
  const manifest: Record<string, unknown> = {
    ...existing.json,
    format: 'xlir-model',
    version: 1,
    ...(modelFile !== MODEL_FILE ? { model_file: modelFile } : {}),
    ...(options.maxLength !== undefined ? { max_length: options.maxLength } : {}),
    ...(options.languages !== undefined ? { languages: [...options.languages] } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    files,
  };
  const text = JSON.stringify(manifest, null, 2) + '\n';
  try {
    parseModelManifest(text, label);
  } catch (error) {
    throw new HubError((error as Error).message, { cause: error });
  }
  await writeFile(manifestPath, text);
  let model: RerankModel;
  try {
    model = await RerankModel.load(dir);
  } catch (error) {
    if (existing.text === undefined) await rm(manifestPath, { force: true });
    else await writeFile(manifestPath, existing.text);
    const why = (error as Error).message.replaceAll(dir, label);
    throw new HubError(`${label} cannot serve as a reranker: ${why}`, { cause: error });
  }
  const registered = { manifest, files, inputs: model.session.inputNames, maxLength: model.maxLength };
  await model.release();
  return registered;
}
