/**
 * Models score in the inference thread: a long batch leaves the caller's event loop free (on the
 * main thread a 2,048-pair batch held it for the whole run), feeds cross without a copy, a model
 * file onnxruntime cannot read fails at load naming the model, a thread that dies fails its runs
 * with a RerankModelError and the model is loaded again on the next acquire, and the thread
 * ends with its last session.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { INFERENCE_WORKER_BUNDLE } from '../../lib/rerank/constants.js';
import { inferenceWorkerEntry, sharedInferenceThread } from '../../lib/rerank/inference-host.js';
import { acquireModel, releaseModels, RerankModel, RerankModelError } from '../../lib/rerank/index.js';
import { copyFixtureModel, fixtureModel, TEST_THREADS, withTempDir } from './helpers.js';

const options = { threads: TEST_THREADS };
/** One batch this large takes the tiny fixture model a few hundred ms on one thread. */
const LONG_BATCH = 2_048;
const PASSAGE =
  'the telephone was invented by alexander graham bell in boston and the city by the river heard of it '.repeat(
    8,
  );

afterAll(releaseModels);

/** The longest stretch between ticks of a 1 ms interval while `work` runs (and just after it). */
async function longestTickGap(work: () => Promise<unknown>): Promise<{ gapMs: number; workMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const workMs = performance.now() - started;
  // A loop held to the end shows only at the next tick: let it come.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  return { gapMs, workMs };
}

describe('inference off the caller thread', () => {
  it('keeps the event loop ticking while one long batch scores', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('tiny'), options);
    const pairs = model.encode(
      'who invented the telephone',
      Array.from({ length: LONG_BATCH }, (_, i) => `${i} ${PASSAGE}`),
    );
    await model.scoreEncoded(pairs.slice(0, 16), 16);
    // Act: every pair in one session.run
    const { gapMs, workMs } = await longestTickGap(() => model.scoreEncoded(pairs, LONG_BATCH));
    // Assess: on the caller's thread the gap was the whole run (workMs); now it is noise.
    console.log(
      `[inference worker] ${LONG_BATCH}-pair batch ${workMs.toFixed(0)} ms, longest tick gap ${gapMs.toFixed(1)} ms`,
    );
    expect(workMs).toBeGreaterThan(60);
    expect(gapMs).toBeLessThan(Math.max(20, workMs / 3));
  });

  it('transfers the feeds to the worker rather than copying them', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('bert-wordpiece'), options);
    const feeds = model.feeds(model.encode('telephone', ['bell', 'a longer passage about the telephone']));
    // Act
    const { output } = await model.session.run(feeds, model.contract.output);
    // Assess
    for (const feed of Object.values(feeds)) expect(feed.data.byteLength).toBe(0);
    expect(output.dims[0]).toBe(2);
  });

  it('fails at load, naming the model, when onnxruntime cannot read the model file', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const broken = await copyFixtureModel('bert-wordpiece', dir);
      await fs.writeFile(path.join(broken, 'model.onnx'), 'not an onnx graph');
      const manifestPath = path.join(broken, 'xlir-model.json');
      const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
      delete manifest.files;
      await fs.writeFile(manifestPath, JSON.stringify(manifest));
      // Act
      const load = RerankModel.load(broken, options);
      // Assess
      await expect(load).rejects.toThrow(RerankModelError);
      await expect(load).rejects.toThrow(/bert-wordpiece: onnxruntime cannot load it/);
    });
  });

  it('loads every model on one thread, which ends with the last session released', async () => {
    // Prepare
    await releaseModels();
    const first = await acquireModel(fixtureModel('bert-wordpiece'), options);
    const second = await acquireModel(fixtureModel('bert-two-class'), options);
    const thread = sharedInferenceThread();
    // Act
    await releaseModels();
    // Assess
    expect((first.session as unknown as { thread: unknown }).thread).toBe(thread);
    expect((second.session as unknown as { thread: unknown }).thread).toBe(thread);
    expect(thread.usable).toBe(false);
  });

  it('fails the runs of a thread that died, naming the model, and loads the model again', async () => {
    // Prepare: the thread is idle (ending it inside a native run would abort the process)
    const model = await acquireModel(fixtureModel('xlmr-unigram'), options);
    const pairs = model.encode('telephone', ['bell']);
    await model.runBatch(pairs);
    // Act: the thread is ended from outside, as a fault in it would end it
    const thread = (model.session as unknown as { thread: { worker: Worker } }).thread;
    await thread.worker.terminate();
    const failure = await model.runBatch(pairs).catch((error: unknown) => error);
    const again = await acquireModel(fixtureModel('xlmr-unigram'), options);
    // Assess
    expect(failure).toBeInstanceOf(RerankModelError);
    expect((failure as Error).message).toMatch(/xlmr-unigram: the inference worker stopped \(it exited/);
    expect(again).not.toBe(model);
    expect((await again.runBatch(pairs)).length).toBe(1);
  });
});

describe('where the worker code is', () => {
  it('is the TypeScript source under tsx, the compiled file in dist, and the worker bundle beside a bundle', () => {
    // Act
    const source = inferenceWorkerEntry('file:///repo/lib/rerank/inference-host.ts');
    const dist = inferenceWorkerEntry('file:///repo/dist/lib/rerank/inference-host.js');
    const bundle = inferenceWorkerEntry('file:///var/task/index.mjs');
    // Assess
    expect([source.url.href, source.typescript]).toEqual([
      'file:///repo/lib/rerank/inference-worker.ts',
      true,
    ]);
    expect([dist.url.href, dist.typescript]).toEqual([
      'file:///repo/dist/lib/rerank/inference-worker.js',
      false,
    ]);
    expect([bundle.url.href, bundle.typescript]).toEqual([
      `file:///var/task/${INFERENCE_WORKER_BUNDLE}`,
      false,
    ]);
  });
});
