/**
 * `xlir models pull hf:ORG/NAME[@REVISION]`: an ONNX cross-encoder and its tokenizer.json from the
 * Hugging Face Hub's URL layout (`ENDPOINT/ORG/NAME/resolve/REVISION/FILE`; HF_ENDPOINT for a
 * mirror, HF_TOKEN for gated or private repos), downloaded resumably and checked against the hub's
 * sha256, then registered as `xlir models add` does (xlir-model.json with the repo, the revision
 * and the commit it resolved to).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TOKENIZER_FILE } from '../rerank/index.js';
import {
  DEFAULT_HF_ENDPOINT,
  DEFAULT_ONNX_FILE,
  MAX_PLAUSIBLE_MAX_LENGTH,
  TOKENIZER_CONFIG_FILE,
} from './constants.js';
import { downloadFile, type Downloaded } from './download.js';
import { HubError } from './errors.js';
import { checkRepoPath, describeRef, parseHubRef } from './ref.js';
import { registerModel, type RegisteredModel } from './register.js';

export interface PullOptions {
  /** hf:ORG/NAME[@REVISION] */
  ref: string;
  out: string;
  /** The ONNX file's path in the repo; default onnx/model.onnx. */
  file?: string;
  /** Default: HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string;
  /** Default: HF_TOKEN. Sent to the hub only. */
  token?: string;
  languages?: readonly string[];
  maxLength?: number;
  onProgress?: (file: string, done: number, total: number | undefined) => void;
}

export interface PulledModel extends RegisteredModel {
  repo: string;
  revision: string;
  commit?: string;
  /** Files checked against the hub's sha256 (LFS files; small files have none to check). */
  verified: string[];
}

function endpointOf(options: PullOptions): string {
  const endpoint = options.endpoint ?? process.env.HF_ENDPOINT ?? DEFAULT_HF_ENDPOINT;
  try {
    return new URL(endpoint).href.replace(/\/+$/, '');
  } catch {
    throw new HubError(`HF_ENDPOINT "${endpoint}" is not a URL`);
  }
}

/** model_max_length from tokenizer_config.json, when the repo has one with a real limit. */
async function declaredMaxLength(path: string): Promise<number | undefined> {
  try {
    const config = JSON.parse(await readFile(path, 'utf8')) as { model_max_length?: unknown };
    const value = config.model_max_length;
    return Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_PLAUSIBLE_MAX_LENGTH
      ? (value as number)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function pullModel(options: PullOptions): Promise<PulledModel> {
  const ref = parseHubRef(options.ref);
  const onnxFile = checkRepoPath(options.file ?? DEFAULT_ONNX_FILE);
  const endpoint = endpointOf(options);
  const token = options.token ?? process.env.HF_TOKEN;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const name = describeRef(ref);
  const url = (file: string): string =>
    `${endpoint}/${ref.repo}/resolve/${encodeURIComponent(ref.revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
  await mkdir(options.out, { recursive: true });

  const fetchOne = (file: string, local: string): Promise<Downloaded> =>
    downloadFile(url(file), join(options.out, local), {
      headers,
      label: `${name} ${file}`,
      ...(options.onProgress ? { onProgress: (done, total) => options.onProgress?.(file, done, total) } : {}),
    });
  const modelFile = basename(onnxFile);
  const downloads = new Map<string, Downloaded>();
  downloads.set(modelFile, await fetchOne(onnxFile, modelFile));
  downloads.set(TOKENIZER_FILE, await fetchOne(TOKENIZER_FILE, TOKENIZER_FILE));
  let maxLength = options.maxLength;
  if (maxLength === undefined) {
    try {
      await fetchOne(TOKENIZER_CONFIG_FILE, TOKENIZER_CONFIG_FILE);
      maxLength = await declaredMaxLength(join(options.out, TOKENIZER_CONFIG_FILE));
    } catch (error) {
      // Optional metadata: a repo without it uses tokenizer.json's truncation (lib/rerank's rule).
      if (!(error instanceof HubError && /HTTP 404/.test(error.message))) throw error;
    } finally {
      await rm(join(options.out, TOKENIZER_CONFIG_FILE), { force: true });
    }
  }
  const commit = [...downloads.values()].find((d) => d.commit !== undefined)?.commit;
  const registered = await registerModel(options.out, {
    modelFile,
    label: name,
    description: `${name}, ${onnxFile}`,
    source: {
      hub: 'hf',
      repo: ref.repo,
      revision: ref.revision,
      file: onnxFile,
      ...(commit ? { commit } : {}),
    },
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(options.languages !== undefined ? { languages: options.languages } : {}),
  });
  return {
    ...registered,
    repo: ref.repo,
    revision: ref.revision,
    ...(commit !== undefined ? { commit } : {}),
    verified: [...downloads].filter(([, d]) => d.verified).map(([file]) => file),
  };
}
