/**
 * lib/hub against a local server with the Hub's URL layout, serving the repository's own shipped
 * model: a pull that the reranker then loads, a resumed download, a tampered sha256, a gated repo,
 * a missing file, and `models add` on good and broken exports.
 */
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubError, parseHubRef, pullModel, registerModel } from '../../lib/hub/index.js';
import { releaseModels, RerankModel } from '../../lib/rerank/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { startHubServer, type HubServer } from './hub-server.js';

const MODEL_DIR = fileURLToPath(new URL('../../models/zero-shot', import.meta.url));
const COMMIT = 'a'.repeat(40);
let hub: HubServer;

beforeAll(async () => {
  const files = { 'onnx/model.onnx': 'model.onnx', 'tokenizer.json': 'tokenizer.json' };
  hub = await startHubServer({
    'xlir/tiny-reranker': {
      dir: MODEL_DIR,
      files,
      commit: COMMIT,
      inline: { 'tokenizer_config.json': '{"model_max_length": 96}' },
    },
    'xlir/gated': { dir: MODEL_DIR, files, commit: COMMIT, token: 'hf_secret' },
    'xlir/root-export': {
      dir: MODEL_DIR,
      files: { 'model_quantized.onnx': 'model.onnx', 'tokenizer.json': 'tokenizer.json' },
      commit: COMMIT,
    },
  });
});
afterAll(async () => {
  await releaseModels();
  await hub.close();
});
afterEach(() => {
  hub.requests.length = 0;
  hub.dropNextAfter = undefined;
  hub.wrongSha256 = false;
});

describe('xlir models pull (lib/hub)', () => {
  it('fetches, checks and registers a cross-encoder the reranker then loads and scores with', async () => {
    await withTempDir(async (out) => {
      const pulled = await pullModel({ ref: 'hf:xlir/tiny-reranker@v1', out, endpoint: hub.url });
      const manifest = JSON.parse(await readFile(join(out, 'xlir-model.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(pulled.verified).toEqual(['model.onnx']);
      expect(pulled.commit).toBe(COMMIT);
      expect(manifest.source).toEqual({
        hub: 'hf',
        repo: 'xlir/tiny-reranker',
        revision: 'v1',
        file: 'onnx/model.onnx',
        commit: COMMIT,
      });
      expect(manifest.max_length).toBe(96);
      expect((await readdir(out)).sort()).toEqual(['model.onnx', 'tokenizer.json', 'xlir-model.json']);
      const model = await RerankModel.load(out);
      try {
        const scores = await model.scoreEncoded(
          model.encode('who invented the telephone', ['Bell invented the telephone.']),
        );
        expect(Number.isFinite(scores[0])).toBe(true);
        expect(model.maxLength).toBe(96);
      } finally {
        await model.release();
      }
      expect(hub.requests.filter((r) => r.path.includes('/resolve/v1/')).length).toBe(3);
    });
  });

  it('resumes an interrupted download with a Range request and never sends the token to the CDN', async () => {
    await withTempDir(async (out) => {
      hub.dropNextAfter = 100_000;
      const failure = await pullModel({
        ref: 'hf:xlir/gated',
        out,
        endpoint: hub.url,
        token: 'hf_secret',
      }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(HubError);
      expect((failure as Error).message).toMatch(/interrupted|got \d+ of \d+ bytes/);
      expect((failure as Error).message).toMatch(/run the same command again to resume/);
      const partial = (await stat(join(out, 'model.onnx.part'))).size;
      expect(partial).toBeGreaterThan(0);
      expect(existsSync(join(out, 'model.onnx'))).toBe(false);

      const pulled = await pullModel({ ref: 'hf:xlir/gated', out, endpoint: hub.url, token: 'hf_secret' });
      expect(pulled.verified).toEqual(['model.onnx']);
      const ranges = hub.requests.filter((r) => r.host === 'cdn').map((r) => r.headers.range);
      expect(ranges).toEqual([undefined, `bytes=${partial}-`]);
      for (const request of hub.requests) {
        expect(request.headers.authorization).toBe(request.host === 'hub' ? 'Bearer hf_secret' : undefined);
      }
      const original = await readFile(join(MODEL_DIR, 'model.onnx'));
      expect((await readFile(join(out, 'model.onnx'))).equals(original)).toBe(true);
    });
  });

  it('removes a download whose sha256 differs from the hub’s and registers nothing', async () => {
    await withTempDir(async (out) => {
      hub.wrongSha256 = true;
      const failure = await pullModel({ ref: 'hf:xlir/tiny-reranker', out, endpoint: hub.url }).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(HubError);
      expect((failure as Error).message).toMatch(
        /^hf:xlir\/tiny-reranker@main onnx\/model.onnx: sha256 [0-9a-f]{64} differs/,
      );
      expect(await readdir(out)).toEqual([]);
    });
  });

  it('says what to do for a gated repo without a token, a missing file and a bad reference', async () => {
    await withTempDir(async (out) => {
      const gated = await pullModel({ ref: 'hf:xlir/gated', out, endpoint: hub.url, token: '' }).catch(
        (e: unknown) => e,
      );
      expect((gated as Error).message).toMatch(/refused access \(HTTP 401\); set HF_TOKEN/);
      const missing = await pullModel({ ref: 'hf:xlir/root-export', out, endpoint: hub.url }).catch(
        (e: unknown) => e,
      );
      expect((missing as Error).message).toBe(
        'hf:xlir/root-export@main onnx/model.onnx: not found on the hub (HTTP 404)',
      );
      await expect(pullModel({ ref: 'xlir/tiny', out, endpoint: hub.url })).rejects.toThrow(
        /must start with hf:/,
      );
      await expect(
        pullModel({ ref: 'hf:xlir/tiny', out, file: '../x.onnx', endpoint: hub.url }),
      ).rejects.toThrow(/--file/);
    });
  });

  it('takes the ONNX file --file names, keeping its name, and max_length from tokenizer.json without a tokenizer_config.json', async () => {
    await withTempDir(async (out) => {
      const pulled = await pullModel({
        ref: 'hf:xlir/root-export',
        out,
        file: 'model_quantized.onnx',
        endpoint: hub.url,
        languages: ['en', 'de'],
      });
      expect(pulled.manifest.model_file).toBe('model_quantized.onnx');
      expect(pulled.manifest.languages).toEqual(['en', 'de']);
      expect(pulled.manifest.max_length).toBeUndefined();
      expect(pulled.maxLength).toBeGreaterThan(0);
    });
  });
});

describe('xlir models add (registerModel)', () => {
  it('writes digests for a local export and keeps the fields already there', async () => {
    await withTempDir(async (dir) => {
      await copyFile(join(MODEL_DIR, 'model.onnx'), join(dir, 'model.onnx'));
      await copyFile(join(MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
      await writeFile(join(dir, 'xlir-model.json'), JSON.stringify({ method: 'zero-shot', seed: 7 }));
      const registered = await registerModel(dir, { maxLength: 64 });
      const manifest = JSON.parse(await readFile(join(dir, 'xlir-model.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(manifest).toMatchObject({
        method: 'zero-shot',
        seed: 7,
        max_length: 64,
        format: 'xlir-model',
        version: 1,
      });
      expect(Object.keys(registered.files).sort()).toEqual(['model.onnx', 'tokenizer.json']);
      expect(registered.inputs).toContain('input_ids');
    });
  });

  it('rejects an export the reranker cannot load and leaves the previous manifest as it was', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'model.onnx'), 'not an onnx model');
      await copyFile(join(MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
      await writeFile(join(dir, 'xlir-model.json'), '{"seed": 1}');
      const failure = await registerModel(dir, { label: 'my-export' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(HubError);
      expect((failure as Error).message).toMatch(/^my-export cannot serve as a reranker: /);
      expect((failure as Error).message).not.toContain(dir);
      expect(await readFile(join(dir, 'xlir-model.json'), 'utf8')).toBe('{"seed": 1}');
      await expect(registerModel(join(dir, 'nothing'), { label: 'x' })).rejects.toThrow(/^x: no model.onnx/);
    });
  });
});

describe('parseHubRef', () => {
  it.each([
    ['hf:org/name', { repo: 'org/name', revision: 'main' }],
    ['hf:org/name@v1.0', { repo: 'org/name', revision: 'v1.0' }],
    [
      'hf:cross-encoder/mmarco-mMiniLMv2-L12-H384-v1@refs/pr/3',
      { repo: 'cross-encoder/mmarco-mMiniLMv2-L12-H384-v1', revision: 'refs/pr/3' },
    ],
  ])('%s', (text, expected) => expect(parseHubRef(text)).toEqual(expected));

  it.each([
    'org/name',
    'hf:name',
    'hf:a/b/c',
    'hf:../x',
    'hf:org/na me',
    'hf:org/name@../main',
    'hf:org/name@',
  ])('rejects %s', (text) => expect(() => parseHubRef(text)).toThrow(HubError));
});
