import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acquireModel,
  MODEL_FILE,
  releaseModels,
  RerankModel,
  RerankModelError,
  sessionOptions,
  TOKENIZER_FILE,
  MANIFEST_FILE,
} from '../../lib/rerank/index.js';
import { copyFixtureModel, fixtureModel, TEST_THREADS, withTempDir } from './helpers.js';

const options = { threads: TEST_THREADS };
const PAIRS: Array<[string, string]> = [
  ['who invented the telephone', 'bell'],
  ['who invented the telephone', 'alexander graham bell patented the telephone in 1876 in berlin'],
  ['wer erfand das telefon', 'das telefon'],
  ['谁发明了电话', 'the telephone exchange of the city'],
  ['telephone', 'a b c'],
];

afterAll(releaseModels);

async function scoresOf(model: RerankModel, batchSize: number): Promise<number[]> {
  const encoded = PAIRS.map(([q, p]) => model.encode(q, [p])[0]!);
  return [...(await model.scoreEncoded(encoded, batchSize))];
}

describe('loading a model directory', () => {
  it.each([
    ['bert-wordpiece', true],
    ['xlmr-unigram', false],
    ['bert-two-class', true],
    ['bert-int8', true],
  ])('loads %s and feeds token_type_ids only if it has them (%s)', async (name, hasTypes) => {
    // Act
    const model = await acquireModel(fixtureModel(name), options);
    const feeds = model.feeds([model.encode('telephone', ['bell'])[0]!]);
    // Assess
    expect(model.contract.hasTokenTypeIds).toBe(hasTypes);
    expect(Object.keys(feeds).sort()).toEqual(
      hasTypes ? ['attention_mask', 'input_ids', 'token_type_ids'] : ['attention_mask', 'input_ids'],
    );
  });

  it('scores an int8-quantised model close to the fp32 model it was quantised from', async () => {
    // Prepare
    const fp32 = await acquireModel(fixtureModel('bert-wordpiece'), options);
    const int8 = await acquireModel(fixtureModel('bert-int8'), options);
    // Act
    const [a, b] = await Promise.all([scoresOf(fp32, 8), scoresOf(int8, 8)]);
    // Assess
    a.forEach((score, i) => expect(Math.abs(score - b[i]!)).toBeLessThan(0.05));
  });

  it('gives every pair the same score alone as in a padded, length-bucketed batch', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('bert-wordpiece'), options);
    // Act
    const batched = await scoresOf(model, 2);
    const alone = await scoresOf(model, 1);
    // Assess
    batched.forEach((score, i) => expect(score).toBeCloseTo(alone[i]!, 5));
    expect(new Set(batched.map((s) => s.toFixed(6))).size).toBe(PAIRS.length);
  });

  it('loads one session per model however many first requests arrive at once', async () => {
    // Prepare
    const dir = fixtureModel('bert-two-class');
    // Act
    const models = await Promise.all(Array.from({ length: 8 }, () => acquireModel(dir, options)));
    // Assess
    for (const model of models) expect(model).toBe(models[0]);
  });

  it('sizes the session to the CPUs this process may use, with full graph optimisation', () => {
    // Act
    const settings = sessionOptions();
    // Assess
    expect(settings).toMatchObject({
      intraOpNumThreads: availableParallelism(),
      graphOptimizationLevel: 'all',
      enableCpuMemArena: true,
    });
  });
});

describe('a broken model fails at load, naming the model and the fault', () => {
  it.each([
    ['broken-input-names', /inputs are \[ids, mask, segments\]; expected input_ids, attention_mask/],
    [
      'broken-output-shape',
      /output logits has shape \[batch, 3\]; expected \[batch, 1\], \[batch\] or \[batch, 2\]/,
    ],
    ['broken-nan-output', /probe batch at load scored \[NaN, NaN\]/],
  ])('%s', async (name, message) => {
    // Act
    const load = RerankModel.load(fixtureModel(name), options);
    // Assess
    await expect(load).rejects.toThrow(RerankModelError);
    await expect(load).rejects.toThrow(message);
  });

  it.each([MODEL_FILE, TOKENIZER_FILE, MANIFEST_FILE])('without %s', async (file) => {
    await withTempDir(async (dir) => {
      // Prepare
      const modelDir = await copyFixtureModel('bert-wordpiece', dir);
      await fs.rm(path.join(modelDir, file));
      // Act
      const load = RerankModel.load(modelDir, options);
      // Assess
      await expect(load).rejects.toThrow(
        new RegExp(`model .*bert-wordpiece: missing ${file.replace('.', '\\.')}`),
      );
    });
  });

  it('when a file does not match the size its manifest records', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const modelDir = await copyFixtureModel('bert-wordpiece', dir);
      await fs.appendFile(path.join(modelDir, TOKENIZER_FILE), '\n');
      // Act
      const load = RerankModel.load(modelDir, options);
      // Assess
      await expect(load).rejects.toThrow(/tokenizer\.json has \d+ bytes, xlir-model\.json says \d+/);
    });
  });

  it('when max_length leaves no room for text', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const modelDir = await copyFixtureModel('xlmr-unigram', dir);
      const manifestPath = path.join(modelDir, MANIFEST_FILE);
      const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
      await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, max_length: 4 }));
      // Act
      const load = RerankModel.load(modelDir, options);
      // Assess
      await expect(load).rejects.toThrow(/max_length 4 leaves no room for text after 4 special tokens/);
    });
  });

  it('forgets a failed load, so the next request tries again', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const modelDir = await copyFixtureModel('bert-wordpiece', dir);
      const onnx = path.join(modelDir, MODEL_FILE);
      const bytes = await fs.readFile(onnx);
      await fs.rm(onnx);
      await expect(acquireModel(modelDir, options)).rejects.toThrow(/missing model\.onnx/);
      await fs.writeFile(onnx, bytes);
      // Act
      const model = await acquireModel(modelDir, options);
      // Assess
      expect(model.uri).toBe(modelDir);
    });
  });
});
