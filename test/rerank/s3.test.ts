import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MODEL_FILE,
  ModelRegistry,
  releaseModels,
  Reranker,
  RerankModel,
  type RerankCandidate,
} from '../../lib/rerank/index.js';
import { openStore } from '../../lib/storage/node.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';
import { MODELS_DIR, ROUTING_FIXTURE, TEST_THREADS, withTempDir } from './helpers.js';

let s3: S3rverHandle;
const PREFIX = 'models';

/** Uploads routing.json and every model directory it names, keeping the relative layout. */
async function uploadFixtures(): Promise<void> {
  const store = openStore(`s3://${s3.bucket}/${PREFIX}`);
  const routing = JSON.parse(await fs.readFile(ROUTING_FIXTURE, 'utf8')) as {
    models: Record<string, string>;
  };
  await store.put('routing.json', await fs.readFile(ROUTING_FIXTURE));
  for (const dir of new Set(Object.values(routing.models))) {
    for (const file of await fs.readdir(path.join(MODELS_DIR, dir))) {
      await store.put(`${dir}/${file}`, await fs.readFile(path.join(MODELS_DIR, dir, file)));
    }
  }
}

beforeAll(async () => {
  s3 = await startS3rver('xlir-models');
  await uploadFixtures();
});
afterAll(async () => {
  await releaseModels();
  await s3.stop();
});

const CANDIDATES: RerankCandidate[] = ['Das Telefon erfand Bell.', 'Die Stadt.', 'Berlin 1876 Telefon.'].map(
  (text, i) => ({ docId: `d${i}`, lang: 'de', text, bm25Score: 3 - i }),
);

describe('models in S3', () => {
  it('reranks from an s3:// routing table exactly as from the same files on disk', async () => {
    await withTempDir(async (cacheDir) => {
      // Prepare
      const request = { query: 'wer erfand das telefon', queryLang: 'en', candidates: CANDIDATES };
      const remote = await Reranker.open(`s3://${s3.bucket}/${PREFIX}/routing.json`, {
        threads: TEST_THREADS,
        cacheDir,
      });
      const local = await Reranker.open(ROUTING_FIXTURE, { threads: TEST_THREADS });
      // Act
      const fromS3 = await remote.rerank(request);
      const fromDisk = await local.rerank(request);
      // Assess
      expect(remote.registry.model('bl-cs-en-de').uri).toBe(`s3://${s3.bucket}/${PREFIX}/bert-wordpiece`);
      expect(fromS3.results.map((r) => [r.docId, r.logit])).toEqual(
        fromDisk.results.map((r) => [r.docId, r.logit]),
      );
    });
  });

  it('loads a model again from the local cache, keyed by the digests in xlir-model.json', async () => {
    await withTempDir(async (dir) => {
      // Prepare: copy the model to its own prefix, load it once, then delete the ONNX file remotely.
      const uri = `s3://${s3.bucket}/cache-test/xlmr-unigram`;
      const store = openStore(uri);
      for (const file of await fs.readdir(path.join(MODELS_DIR, 'xlmr-unigram'))) {
        await store.put(file, await fs.readFile(path.join(MODELS_DIR, 'xlmr-unigram', file)));
      }
      const cacheDir = path.join(dir, 'warm');
      await (await RerankModel.load(uri, { threads: TEST_THREADS, cacheDir })).release();
      await store.delete(MODEL_FILE);
      // Act
      const cached = await RerankModel.load(uri, { threads: TEST_THREADS, cacheDir });
      const cold = RerankModel.load(uri, { threads: TEST_THREADS, cacheDir: path.join(dir, 'cold') });
      // Assess (the cold load's failure is awaited once the release, a worker's exit, is done)
      const coldFails = expect(cold).rejects.toThrow(/xlmr-unigram: missing model\.onnx/);
      expect(cached.contract.hasTokenTypeIds).toBe(false);
      await cached.release();
      await coldFails;
    });
  });

  it('says which routing table is missing', async () => {
    // Act
    const open = ModelRegistry.open(`s3://${s3.bucket}/nowhere/routing.json`);
    // Assess
    await expect(open).rejects.toThrow(
      /no model routing table at s3:\/\/xlir-models\/nowhere\/routing\.json/,
    );
  });
});
