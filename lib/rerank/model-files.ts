/**
 * Puts a model directory's files on local disk, where onnxruntime can read the model file
 * itself instead of through a JavaScript copy.
 *
 * A file:// model is used where it lies. A remote one is copied into the cache folder under
 * a key of (directory URI, file, version), where the version is the file's size and SHA-256
 * from xlir-model.json's `files` (an ETag in all but name, and checked after download), or,
 * when the manifest lists no digests, the manifest's own bytes. ObjectStore offers no HEAD,
 * and the manifest is the one small object read on every load anyway, so "republish a model
 * = rewrite its xlir-model.json" is the rule, as manifest.json is for an index. Copies are
 * written to a temporary name and renamed, so a crashed download is never mistaken for a model.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ObjectNotFoundError, type ObjectStore } from '../storage/index.js';
import { openStore, parseStoreUri } from '../storage/node.js';
import { MANIFEST_FILE } from './constants.js';
import { RerankModelError } from './errors.js';
import { parseModelManifest, requiredFiles, type FileDigest, type ModelManifest } from './manifest.js';

/**
 * Local copies of remote models live here, one folder per (URI, version). Lambda's only
 * writable disk is the OS temp dir, hence the default.
 */
export const DEFAULT_MODEL_CACHE_DIR = path.join(tmpdir(), 'xlir-models');

export interface LocalModelFiles {
  manifest: ModelManifest;
  /** file name -> local path */
  paths: Map<string, string>;
}

/** One store per model directory, without the in-memory byte cache: models are too big for it. */
export function openModelStore(uri: string): ObjectStore {
  return openStore(uri, { memoryCacheBytes: 0 });
}

export async function readManifest(
  store: ObjectStore,
  uri: string,
): Promise<{ manifest: ModelManifest; bytes: Uint8Array }> {
  const bytes = await readModelObject(store, uri, MANIFEST_FILE);
  return { manifest: parseModelManifest(new TextDecoder().decode(bytes), `${uri}/${MANIFEST_FILE}`), bytes };
}

function missingFile(uri: string, file: string): RerankModelError {
  return new RerankModelError(
    `model ${uri}: missing ${file} (a model directory holds model.onnx, tokenizer.json and ${MANIFEST_FILE})`,
  );
}

async function readModelObject(store: ObjectStore, uri: string, file: string): Promise<Uint8Array> {
  try {
    return await store.get(file);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) throw missingFile(uri, file);
    throw error;
  }
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkDigest(uri: string, file: string, bytes: Uint8Array, digest: FileDigest | undefined): void {
  if (digest?.bytes !== undefined && bytes.byteLength !== digest.bytes) {
    throw new RerankModelError(
      `model ${uri}: ${file} has ${bytes.byteLength} bytes, ${MANIFEST_FILE} says ${digest.bytes}; upload it again`,
    );
  }
  if (digest?.sha256 !== undefined && sha256(bytes) !== digest.sha256) {
    throw new RerankModelError(
      `model ${uri}: ${file} does not match the sha256 in ${MANIFEST_FILE}; upload it again`,
    );
  }
}

async function localFile(
  uri: string,
  dir: string,
  file: string,
  digest: FileDigest | undefined,
): Promise<string> {
  const filePath = path.join(dir, file);
  let size: number;
  try {
    size = (await fs.stat(filePath)).size;
  } catch {
    throw missingFile(uri, file);
  }
  if (digest?.bytes !== undefined && size !== digest.bytes) {
    throw new RerankModelError(
      `model ${uri}: ${file} has ${size} bytes, ${MANIFEST_FILE} says ${digest.bytes}`,
    );
  }
  return filePath;
}

/** Cache folder name: changes whenever the directory, the file or its version does. */
export function cacheKey(
  uri: string,
  file: string,
  digest: FileDigest | undefined,
  manifestBytes: Uint8Array,
): string {
  const version = digest?.sha256 ?? `${digest?.bytes ?? ''}:${sha256(manifestBytes)}`;
  return sha256(`${uri}\n${file}\n${version}`).slice(0, 32);
}

/** The local copy of a remote file: from the cache if it is there, else downloaded and checked. */
async function cachedFile(
  store: ObjectStore,
  uri: string,
  file: string,
  digest: FileDigest | undefined,
  target: string,
): Promise<string> {
  try {
    const size = (await fs.stat(target)).size;
    if (digest?.bytes === undefined || size === digest.bytes) return target;
  } catch {
    // not cached yet
  }
  const bytes = await readModelObject(store, uri, file);
  checkDigest(uri, file, bytes, digest);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    const where = path.dirname(target);
    throw new RerankModelError(`model ${uri}: cannot write ${file} to the model cache ${where}`, {
      cause: error,
    });
  }
  return target;
}

export async function fetchModelFiles(uri: string, cacheDir: string): Promise<LocalModelFiles> {
  const store = openModelStore(uri);
  const { manifest, bytes: manifestBytes } = await readManifest(store, uri);
  const parsed = parseStoreUri(uri);
  const paths = new Map<string, string>();
  for (const file of requiredFiles(manifest)) {
    const digest = manifest.files[file];
    const local =
      parsed.kind === 'file'
        ? await localFile(uri, parsed.path, file, digest)
        : await cachedFile(
            store,
            uri,
            file,
            digest,
            path.join(cacheDir, cacheKey(uri, file, digest, manifestBytes), file),
          );
    paths.set(file, local);
  }
  return { manifest, paths };
}
