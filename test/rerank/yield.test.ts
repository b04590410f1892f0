/** A large rerank gives the event loop back while it tokenises, and bounds each inference batch. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lengthBuckets } from '../../lib/rerank/batching.js';
import {
  ModelRegistry,
  releaseModels,
  Reranker,
  RerankModel,
  TimeSlicer,
  type RerankCandidate,
  type PairTokenizer,
} from '../../lib/rerank/index.js';
import { ROUTING_FIXTURE, TEST_THREADS } from './helpers.js';

const DOCUMENTS = 400;

function manyCandidates(): RerankCandidate[] {
  return Array.from({ length: DOCUMENTS }, (_, i) => ({
    docId: `d${i}`,
    lang: 'de',
    text: `Dokument ${i}: Das Telefon erfand Alexander Graham Bell in Boston, und die Stadt am Fluss hörte davon.`,
    bm25Score: DOCUMENTS - i,
  }));
}

let registry: ModelRegistry;

beforeAll(async () => {
  registry = await ModelRegistry.open(ROUTING_FIXTURE);
});
afterAll(releaseModels);

describe('a large rerank and the event loop', () => {
  it('lets other work run between candidates while it tokenises', async () => {
    // Prepare: a slice of 0 ms pauses before every candidate.
    const reranker = new Reranker(registry, { threads: TEST_THREADS, yieldSliceMs: 0 });
    const model = (await reranker.warm(['bl-cs-en-de']))[0]!;
    const encode = vi.spyOn(model.tokenizer as PairTokenizer, 'encodePassage');
    const request = { query: 'who invented the telephone', queryLang: 'en', candidates: manyCandidates() };
    // Act: other work queued right behind the request.
    const done = reranker.rerank({ ...request, depth: DOCUMENTS, model: 'bl-cs-en-de' });
    const encodedWhenOthersRan = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(encode.mock.calls.length)),
    );
    const result = await done;
    // Assess: it ran before most candidates were tokenised, and nothing was lost by pausing.
    expect(encodedWhenOthersRan).toBeLessThan(DOCUMENTS / 10);
    expect(encode.mock.calls.length).toBe(DOCUMENTS);
    expect(result.counts.scored).toBe(DOCUMENTS);
    encode.mockRestore();
  });

  it('cuts inference batches to the time budget, by the model cost per token, and ranks the same', async () => {
    // Prepare
    const runBatch = vi.spyOn(RerankModel.prototype, 'runBatch');
    const request = {
      query: 'who invented the telephone',
      queryLang: 'en',
      candidates: manyCandidates().slice(0, 64),
      depth: 64,
      model: 'bl-cs-en-de',
    };
    // Act: no budget (16-pair batches), then a budget under one pair's cost.
    const free = await new Reranker(registry, { threads: TEST_THREADS }).rerank(request);
    const freeSizes = runBatch.mock.calls.map(([pairs]) => pairs.length);
    runBatch.mockClear();
    const bounded = await new Reranker(registry, { threads: TEST_THREADS, maxBatchMs: 1e-9 }).rerank(request);
    const boundedSizes = runBatch.mock.calls.map(([pairs]) => pairs.length);
    runBatch.mockRestore();
    // Assess
    expect(freeSizes).toEqual([16, 16, 16, 16]);
    expect(boundedSizes).toEqual(Array.from({ length: 64 }, () => 1));
    expect(bounded.results.map((r) => r.docId)).toEqual(free.results.map((r) => r.docId));
    bounded.results.forEach((r, i) => expect(r.logit).toBeCloseTo(free.results[i]!.logit!, 4));
  });
});

describe('lengthBuckets with a token budget', () => {
  it('closes a batch before its padded size would pass the budget, a long pair alone if need be', () => {
    // Lengths sorted: 10, 10, 20, 30, 90; budget 40 tokens of rows × width.
    expect(lengthBuckets([30, 10, 90, 10, 20], 16, undefined, 40)).toEqual([[1, 3], [4], [0], [2]]);
    expect(lengthBuckets([30, 10, 90, 10, 20], 2)).toEqual([[1, 3], [4, 0], [2]]);
  });
});

describe('TimeSlicer', () => {
  it('returns at once within a slice, and lets queued work run once the slice is used up', async () => {
    // Prepare
    const log: string[] = [];
    setImmediate(() => log.push('other request'));
    // Act
    await new TimeSlicer(60_000).pause();
    log.push('within the slice');
    const spent = new TimeSlicer(0);
    await spent.pause();
    log.push('after the slice');
    // Assess
    expect(log).toEqual(['within the slice', 'other request', 'after the slice']);
    expect(spent.yieldedMs).toBeGreaterThanOrEqual(0);
  });
});
