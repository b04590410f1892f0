import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LAMBDA,
  fuse,
  fusionLambda,
  parseModelManifest,
  releaseModels,
  Reranker,
  RerankModelError,
  type RerankCandidate,
  type RerankResult,
} from '../../lib/rerank/index.js';
import { fixtureModel, TEST_THREADS, withTempDir, writeRouting } from './helpers.js';

afterAll(releaseModels);

const PASSAGES = [
  'Das Telefon erfand Bell.',
  'Die Stadt und der Fluss.',
  'Alexander Graham Bell patent in Berlin 1876.',
  'Telefon und Telefon und Telefon.',
];

function candidates(lang: (i: number) => string): RerankCandidate[] {
  return PASSAGES.map((text, i) => ({ docId: `d${i}`, lang: lang(i), text, bm25Score: 20 - 3 * i }));
}

/**
 * Two copies of one fixture model, "pure" declaring fusion.lambda 1 and "plain" declaring none,
 * routed en→de and en→fr (plus `extra` routing.json keys), opened as one reranker for `fn`; the
 * directory is removed after.
 */
async function withTwoModels<T>(
  fn: (reranker: Reranker) => Promise<T>,
  extra: Record<string, unknown> = {},
): Promise<T> {
  return withTempDir(async (dir) => {
    for (const id of ['pure', 'plain'])
      await fs.cp(fixtureModel('bert-wordpiece'), path.join(dir, id), { recursive: true });
    const manifestPath = path.join(dir, 'pure', 'xlir-model.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, fusion: { lambda: 1 } }));
    const routing = await writeRouting(dir, {
      version: 1,
      models: { pure: 'pure', plain: 'plain' },
      routes: [
        { query_lang: 'en', doc_lang: 'de', model: 'pure' },
        { query_lang: 'en', doc_lang: 'fr', model: 'plain' },
      ],
      monolingual: 'plain',
      multilingual: 'plain',
      zero_shot: 'plain',
      ...extra,
    });
    return fn(await Reranker.open(routing, { threads: TEST_THREADS }));
  });
}

/** Every scored result's fused score is (1 − λ)·norm(bm25) + λ·norm(rerank) over the list. */
function expectFusedAt(result: RerankResult, lambda: number): void {
  const scored = result.results
    .filter((r) => r.rerankScore !== undefined)
    .sort((a, b) => a.firstStageRank - b.firstStageRank);
  const expected = fuse(
    scored.map((r) => r.bm25Score),
    scored.map((r) => r.rerankScore!),
    lambda,
  );
  scored.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!, 12));
}

describe("a model's own fusion weight", () => {
  it('is read from xlir-model.json and must lie in [0, 1]', () => {
    // Act / Assess
    expect(parseModelManifest('{"fusion": {"lambda": 0.8}}', 'm').fusionLambda).toBe(0.8);
    expect(parseModelManifest('{}', 'm').fusionLambda).toBeUndefined();
    expect(() => parseModelManifest('{"fusion": {"lambda": 1.5}}', 'm')).toThrow(
      /fusion.lambda must be between 0 and 1/,
    );
    expect(() => parseModelManifest('{"fusion": 1}', 'm')).toThrow(RerankModelError);
    expect(() => parseModelManifest('{"fusion": {}}', 'm')).toThrow(/fusion.lambda must be a finite number/);
  });

  it('fuses a request that names no λ at the routed model’s own weight, and says which', async () => {
    await withTwoModels(async (reranker) => {
      // Act
      const german = await reranker.rerank({
        query: 'telefon',
        queryLang: 'en',
        candidates: candidates(() => 'de'),
      });
      const french = await reranker.rerank({
        query: 'telefon',
        queryLang: 'en',
        candidates: candidates(() => 'fr'),
      });
      // Assess: "pure" asks for λ 1 (the rerank order alone); "plain" gets the default.
      expect(german.lambda).toBe(1);
      expect(german.models.map((m) => m.lambda)).toEqual([1]);
      expectFusedAt(german, 1);
      const byRerank = [...german.results].sort((a, b) => b.rerankScore! - a.rerankScore!);
      expect(german.results.map((r) => r.docId)).toEqual(byRerank.map((r) => r.docId));
      expect(french.lambda).toBe(DEFAULT_LAMBDA);
      expect(french.models.map((m) => m.lambda)).toEqual([DEFAULT_LAMBDA]);
      expectFusedAt(french, DEFAULT_LAMBDA);
    });
  });

  it('gives way to the λ a request names', async () => {
    await withTwoModels(async (reranker) => {
      // Act
      const result = await reranker.rerank({
        query: 'telefon',
        queryLang: 'en',
        candidates: candidates(() => 'de'),
        lambda: 0,
      });
      // Assess
      expect(result.lambda).toBe(0);
      expect(result.results.map((r) => r.firstStageRank)).toEqual([1, 2, 3, 4]);
    });
  });

  it('fuses a mixed list whose models ask for different weights at the default, whole', async () => {
    await withTwoModels(async (reranker) => {
      // Act
      const result = await reranker.rerank({
        query: 'telefon',
        queryLang: 'en',
        candidates: candidates((i) => (i % 2 === 0 ? 'de' : 'fr')),
        strategy: 'per-language',
      });
      // Assess: each choice says what its model asks for; the list is fused at one weight.
      expect(Object.fromEntries(result.models.map((m) => [m.model, m.lambda]))).toEqual({
        pure: 1,
        plain: DEFAULT_LAMBDA,
      });
      expect(result.lambda).toBe(DEFAULT_LAMBDA);
      expectFusedAt(result, DEFAULT_LAMBDA);
    });
  });
});

describe("routing.json's mixed_lists", () => {
  it('scores a replaced model’s pairs by its replacement in a mixed list, and only there', async () => {
    await withTwoModels(
      async (reranker) => {
        const mixed = candidates((i) => (i % 2 === 0 ? 'de' : 'fr'));
        // Act
        const result = await reranker.rerank({ query: 'telefon', queryLang: 'en', candidates: mixed });
        const byPlain = await reranker.rerank({
          query: 'telefon',
          queryLang: 'en',
          candidates: mixed,
          model: 'plain',
        });
        const german = await reranker.rerank({
          query: 'telefon',
          queryLang: 'en',
          candidates: candidates(() => 'de'),
        });
        // Assess: German candidates in the mixed list go to "plain", which asks for the default λ.
        expect(result.models.map((m) => [m.docLang, m.model])).toEqual([
          ['de', 'plain'],
          ['fr', 'plain'],
        ]);
        expect(result.models[0]!.reason).toMatch(
          /goes to pure, which routing.json's mixed_lists replaces by plain/,
        );
        expect(result.lambda).toBe(DEFAULT_LAMBDA);
        const scores = (r: RerankResult) =>
          Object.fromEntries(r.results.map((x) => [x.docId, x.rerankScore]));
        expect(scores(result)).toEqual(scores(byPlain));
        expectFusedAt(result, DEFAULT_LAMBDA);
        // A list in one language is not mixed: the routed model and its own λ.
        expect(german.models.map((m) => m.model)).toEqual(['pure']);
        expect(german.lambda).toBe(1);
      },
      { mixed_lists: { pure: 'plain' } },
    );
  });
});

describe("a list's fusion weight", () => {
  const choices = [
    { docLang: 'de', model: 'a', rule: 'exact' as const, reason: '', lambda: 1 },
    { docLang: 'fr', model: 'b', rule: 'exact' as const, reason: '', lambda: 0.5 },
    { docLang: 'es', model: 'c', rule: 'exact' as const, reason: '' },
  ];

  it('is the request’s, else the one its scoring models agree on, else the default', () => {
    // Act / Assess
    expect(fusionLambda(choices, ['a', 'b'], 0.2)).toBe(0.2);
    expect(fusionLambda(choices, ['a', 'a', undefined], undefined)).toBe(1);
    expect(fusionLambda(choices, ['a', undefined, 'b'], undefined)).toBe(DEFAULT_LAMBDA);
    expect(fusionLambda(choices, ['c'], undefined)).toBe(DEFAULT_LAMBDA);
    expect(fusionLambda(choices, ['b', 'b'], undefined)).toBe(0.5);
    expect(fusionLambda([], [], undefined)).toBe(DEFAULT_LAMBDA);
  });
});
