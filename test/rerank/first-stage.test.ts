/**
 * The optional first_stage input: a model that declares it is fed each pair's [present, value]
 * (value = max(0, bm25Score) / the request's top score) in the pair's own batch row, through
 * length bucketing and chunking; a request without usable scores feeds [0, 0]; a model without
 * the input is fed exactly what it was fed before. The bert-first-stage fixture's logit is
 * 1·present + 2·value (make_fixtures.py), so its logits say which row each pair got.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ATTENTION_MASK, FIRST_STAGE, INPUT_IDS } from '../../lib/rerank/constants.js';
import type { BatchFeeds, SessionMetadata, ValueMetadata } from '../../lib/rerank/inference-protocol.js';
import {
  acquireModel,
  encodeCandidate,
  firstStageFeatures,
  ModelRegistry,
  releaseModels,
  Reranker,
  RerankModelError,
  type EncodedPair,
  type FirstStageFeature,
  type LongPassages,
  type RerankCandidate,
  type RerankModel,
} from '../../lib/rerank/index.js';
import { batchFeeds, readContract, type SessionContract } from '../../lib/rerank/session.js';
import { fixtureModel, TEST_THREADS, withTempDir } from './helpers.js';

const options = { threads: TEST_THREADS };
const QUERY = 'who invented the telephone';
/** bert-first-stage's logit for a row (make_fixtures.py: FIRST_STAGE_PRESENT, FIRST_STAGE_VALUE). */
const logitOf = ([present, value]: FirstStageFeature): number => 1 * present + 2 * value;

afterAll(releaseModels);
afterEach(() => {
  vi.restoreAllMocks();
});

describe('first-stage rows of a request', () => {
  it('are [1, max(0, score) / top], top being the best score of all the candidates', () => {
    // Act
    const rows = firstStageFeatures([8, 2, 0, -3, 6]);
    // Assess
    expect(rows).toEqual([
      [1, 1],
      [1, 0.25],
      [1, 0],
      [1, 0],
      [1, 0.75],
    ]);
  });

  it.each([
    ['all zero (the Cohere-compatible route)', [0, 0, 0]],
    ['all negative', [-1, -4]],
    ['not finite', [Infinity, 3]],
    ['NaN', [Number.NaN, 3]],
  ])('are all [0, 0] when the top score is %s', (_, scores) => {
    // Act
    const rows = firstStageFeatures(scores);
    // Assess
    expect(rows).toEqual(scores.map(() => [0, 0]));
  });
});

/** Session metadata with these (name, type, shape) inputs and a [batch, 1] float32 logits output. */
function metadata(inputs: ReadonlyArray<[string, string, ReadonlyArray<number | string>]>): SessionMetadata {
  return {
    inputNames: inputs.map(([name]) => name),
    outputNames: ['logits'],
    inputMetadata: inputs.map(
      ([name, type, shape]) => ({ name, isTensor: true, type, shape: [...shape] }) as ValueMetadata,
    ),
    outputMetadata: [{ name: 'logits', isTensor: true, type: 'float32', shape: ['batch', 1] }],
  };
}

const TOKEN_INPUTS: Array<[string, string, string[]]> = [
  ['input_ids', 'int64', ['batch', 'sequence']],
  ['attention_mask', 'int64', ['batch', 'sequence']],
  ['token_type_ids', 'int64', ['batch', 'sequence']],
];

describe('the session contract', () => {
  it('feeds first_stage to a model whose session has a float32 [batch, 2] first_stage input', () => {
    // Act
    const contract = readContract(metadata([...TOKEN_INPUTS, ['first_stage', 'float32', ['batch', 2]]]), 'm');
    // Assess
    expect(contract).toEqual({
      idType: 'int64',
      hasTokenTypeIds: true,
      hasFirstStage: true,
      output: 'logits',
    });
  });

  it('reads a model without first_stage as before', () => {
    // Act
    const contract = readContract(metadata(TOKEN_INPUTS), 'm');
    // Assess
    expect(contract.hasFirstStage).toBe(false);
  });

  it.each([
    ['not float32', ['batch', 2], 'int64', /input first_stage must be float32, got int64/],
    [
      'not [batch, 2]',
      ['batch', 3],
      'float32',
      /input first_stage has shape \[batch, 3\]; expected \[batch, 2\]/,
    ],
  ])('rejects a first_stage input that is %s', (_, shape, type, message) => {
    // Act
    const read = () => readContract(metadata([...TOKEN_INPUTS, ['first_stage', type, shape]]), 'model m');
    // Assess
    expect(read).toThrow(RerankModelError);
    expect(read).toThrow(message);
  });

  it('names an input it does not know', () => {
    // Act
    const read = () => readContract(metadata([...TOKEN_INPUTS, ['bm25', 'float32', ['batch']]]), 'm');
    // Assess
    expect(read).toThrow(
      /inputs are \[input_ids, attention_mask, token_type_ids, bm25\]; expected .* and first_stage \(unknown: bm25\)/,
    );
  });
});

const pair = (ids: number[], firstStage?: FirstStageFeature): EncodedPair => ({
  ids,
  typeIds: ids.map(() => 0),
  truncated: false,
  ...(firstStage ? { firstStage } : {}),
});

describe('batch feeds', () => {
  it('hold each pair’s row in float32 [rows, 2], [0, 0] for a pair without one', () => {
    // Prepare
    const contract: SessionContract = {
      idType: 'int32',
      hasTokenTypeIds: false,
      hasFirstStage: true,
      output: 'logits',
    };
    // Act
    const feeds = batchFeeds(
      [pair([5, 6], [1, 0.5]), pair([7]), pair([8, 9, 10], [1, 0.25])],
      contract,
      0,
      0,
    );
    // Assess
    expect(feeds[FIRST_STAGE]).toEqual({
      type: 'float32',
      data: new Float32Array([1, 0.5, 0, 0, 1, 0.25]),
      dims: [3, 2],
    });
  });

  it('of a model without first_stage are byte for byte what they were without rows', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('bert-wordpiece'), options);
    const pairs = model.encode(QUERY, ['bell', 'alexander graham bell patented the telephone']);
    // Act
    const plain = model.feeds(pairs);
    const withRows = model.feeds(pairs.map((p, i) => ({ ...p, firstStage: [1, i / 2] as const })));
    // Assess
    expect(Object.keys(withRows).sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
    for (const [name, feed] of Object.entries(plain)) {
      expect(withRows[name]!.type).toBe(feed.type);
      expect(withRows[name]!.dims).toEqual(feed.dims);
      expect(Buffer.from(withRows[name]!.data.buffer)).toEqual(Buffer.from(feed.data.buffer));
    }
  });
});

/** One row fed to a session: the pair's tokens (mask applied) and its first_stage row, if fed. */
interface FedRow {
  ids: string;
  firstStage?: [number, number];
  inputs: string[];
}

/** Records every row `model` is fed from now on (until the test's mocks are restored). */
function recordFeeds(model: RerankModel): FedRow[] {
  const rows: FedRow[] = [];
  const run = model.session.run.bind(model.session);
  vi.spyOn(model.session, 'run').mockImplementation((feeds: BatchFeeds, output: string) => {
    const ids = feeds[INPUT_IDS]!;
    const mask = feeds[ATTENTION_MASK]!;
    const firstStage = feeds[FIRST_STAGE];
    const [count, width] = ids.dims;
    for (let r = 0; r < count; r++) {
      const tokens: number[] = [];
      for (let c = 0; c < width; c++)
        if (Number(mask.data[r * width + c]) === 1) tokens.push(Number(ids.data[r * width + c]));
      rows.push({
        ids: tokens.join(','),
        inputs: Object.keys(feeds).sort(),
        ...(firstStage
          ? { firstStage: [Number(firstStage.data[r * 2]), Number(firstStage.data[r * 2 + 1])] }
          : {}),
      });
    }
    return run(feeds, output);
  });
  return rows;
}

/** Each pair's tokens -> the row its candidate must be fed (checked to be unambiguous). */
function expectedRows(
  model: RerankModel,
  candidates: readonly RerankCandidate[],
  long: LongPassages,
): Map<string, FirstStageFeature> {
  const queryIds = model.tokenizer.tokenize(QUERY);
  const rows = firstStageFeatures(candidates.map((c) => c.bm25Score));
  const byIds = new Map<string, FirstStageFeature>();
  candidates.forEach((c, i) => {
    for (const p of encodeCandidate(model.tokenizer, queryIds, c.text, model.maxLength, long).pairs) {
      const key = p.ids.join(',');
      if (byIds.has(key) && byIds.get(key) !== rows[i]) throw new Error(`two candidates read ${key}`);
      byIds.set(key, rows[i]!);
    }
  });
  return byIds;
}

const candidates = (texts: readonly string[], scores: readonly number[]): RerankCandidate[] =>
  texts.map((text, i) => ({ docId: `d${i}`, lang: 'de', text, bm25Score: scores[i]! }));

/** Longest first, so length bucketing runs them in reverse; BM25 best first. */
const TEXTS = [
  'alexander graham bell patented the telephone in berlin 1876',
  'die stadt und der river of berlin',
  'telefon exchange city',
  'bell',
];
const SCORES = [12, 9, 3, 0.5];
/** Over the fixture's 64 tokens next to the query: chunked into 3, 1, 2 and 1 pairs. */
const LONG_TEXTS = ['bell '.repeat(130), 'berlin city', 'stadt '.repeat(70), 'a b c'];

async function withFirstStageReranker(work: (reranker: Reranker) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const routing = path.join(dir, 'routing.json');
    const models = { fs: fixtureModel('bert-first-stage'), plain: fixtureModel('bert-wordpiece') };
    await fs.writeFile(routing, JSON.stringify({ version: 1, models, multilingual: 'fs', zero_shot: 'fs' }));
    await work(new Reranker(await ModelRegistry.open(routing), { ...options, batchSize: 2 }));
  });
}

describe('a model with a first_stage input', () => {
  it('loads, and is fed first_stage, transferred like the other feeds', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('bert-first-stage'), options);
    const feeds = model.feeds(model.encode(QUERY, ['bell', 'berlin']));
    // Act
    const { output } = await model.session.run(feeds, model.contract.output);
    // Assess
    expect(model.contract.hasFirstStage).toBe(true);
    expect(Object.keys(feeds).sort()).toEqual([
      'attention_mask',
      'first_stage',
      'input_ids',
      'token_type_ids',
    ]);
    expect(feeds[FIRST_STAGE]!.data.byteLength).toBe(0);
    expect([...output.data]).toEqual([0, 0]);
  });

  it.each([
    ['truncated', { mode: 'truncate' }, TEXTS],
    ['chunked', { mode: 'chunk' }, LONG_TEXTS],
  ] as Array<[string, LongPassages, string[]]>)(
    'gets each %s pair’s candidate row in its own batch row, and ranks by it',
    async (_, long, texts) => {
      await withFirstStageReranker(async (reranker) => {
        // Prepare
        const model = (await reranker.warm(['fs']))[0]!;
        const request = candidates(texts, SCORES);
        const fed = recordFeeds(model);
        // Act
        const result = await reranker.rerank({
          query: QUERY,
          queryLang: 'en',
          candidates: request,
          model: 'fs',
          lambda: 1,
          long,
        });
        // Assess
        const expected = expectedRows(model, request, long);
        expect(fed).toHaveLength(result.results.reduce((n, r) => n + r.chunks!, 0));
        for (const row of fed) expect(row.firstStage).toEqual(expected.get(row.ids)!.map(Math.fround));
        expect(result.results.map((r) => r.docId)).toEqual(['d0', 'd1', 'd2', 'd3']);
        for (const doc of result.results) {
          const top = Math.max(...SCORES);
          expect(doc.logit).toBeCloseTo(logitOf([1, doc.bm25Score / top]), 5);
        }
        if (long.mode === 'chunk') expect(result.results.map((r) => r.chunks)).toEqual([3, 1, 2, 1]);
      });
    },
  );

  it('divides by the best score of all the candidates, not only those within depth', async () => {
    await withFirstStageReranker(async (reranker) => {
      // Act
      const result = await reranker.rerank({
        query: QUERY,
        queryLang: 'en',
        candidates: candidates(TEXTS.slice(0, 3), [4, 2, 8]),
        model: 'fs',
        depth: 2,
      });
      // Assess
      const logits = Object.fromEntries(result.results.map((r) => [r.docId, r.logit]));
      expect(logits).toEqual({ d0: logitOf([1, 0.5]), d1: logitOf([1, 0.25]), d2: undefined });
    });
  });

  it('is fed [0, 0] for every pair of a request whose scores are all 0', async () => {
    await withFirstStageReranker(async (reranker) => {
      // Prepare
      const model = (await reranker.warm(['fs']))[0]!;
      const fed = recordFeeds(model);
      // Act
      const result = await reranker.rerank({
        query: QUERY,
        queryLang: 'en',
        candidates: candidates(TEXTS, [0, 0, 0, 0]),
        model: 'fs',
      });
      // Assess
      expect(fed).toHaveLength(TEXTS.length);
      for (const row of fed) expect(row.firstStage).toEqual([0, 0]);
      expect(result.results.map((r) => r.logit)).toEqual([0, 0, 0, 0]);
    });
  });
});

describe('a model without a first_stage input', () => {
  it('is fed its three inputs in a rerank, as before', async () => {
    await withFirstStageReranker(async (reranker) => {
      // Prepare
      const model = (await reranker.warm(['plain']))[0]!;
      const fed = recordFeeds(model);
      // Act
      await reranker.rerank({
        query: QUERY,
        queryLang: 'en',
        candidates: candidates(TEXTS, SCORES),
        model: 'plain',
      });
      // Assess
      expect(fed).toHaveLength(TEXTS.length);
      for (const row of fed) {
        expect(row.inputs).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
        expect(row.firstStage).toBeUndefined();
      }
    });
  });
});
