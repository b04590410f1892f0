/**
 * Routing to "none": a route, `monolingual` or `zero_shot` may keep the first stage's order for
 * pairs where no variant measured safe. Such a list is not scored at all (depth 0, the choice
 * reported); a mixed list cannot keep part of its order, so a group routed to none gives way to
 * the multilingual variant by default and is refused under an explicit per-language strategy.
 * The remote reranker (the edge's path through /v1/rerank) reads the same answer the same way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  NO_RERANK,
  parseRoutingTable,
  releaseModels,
  Reranker,
  RerankModelError,
  resolveRoute,
  RoutingError,
  type RerankCandidate,
} from '../../lib/rerank/index.js';
import { RemoteReranker, type XlirRerankAnswer } from '../../lib/retrieve/index.js';
import { fixtureModel, TEST_THREADS, withTempDir, writeRouting } from './helpers.js';

afterAll(releaseModels);

const TABLE = {
  version: 1,
  models: { ml: 'ml', de: 'de' },
  routes: [
    { query_lang: 'en', doc_lang: 'de', model: 'de' },
    { query_lang: 'en', doc_lang: 'fr', model: 'none' },
  ],
  multilingual: 'ml',
  zero_shot: 'none',
};
const parse = (json: unknown) => parseRoutingTable(JSON.stringify(json), 'routing.json');
const languagesOf = (id: string) => (id === 'ml' ? ['en', 'de', 'es'] : undefined);

describe('routing.json with "none"', () => {
  it.each([
    ['en', 'fr', 'exact'],
    ['en', 'th', 'zero-shot'],
    ['de', 'fr', 'zero-shot'],
  ])('keeps the first-stage order for %s→%s (%s)', (q, d, rule) => {
    // Act
    const route = resolveRoute(parse(TABLE), q, d, languagesOf);
    // Assess
    expect(route).toMatchObject({ model: NO_RERANK, rule });
  });

  it('still routes pairs a variant covers to it', () => {
    // Act / Assess
    expect(resolveRoute(parse(TABLE), 'de', 'es', languagesOf).model).toBe('ml');
    expect(resolveRoute(parse({ ...TABLE, monolingual: 'none' }), 'de', 'de', languagesOf).model).toBe(
      NO_RERANK,
    );
  });

  it.each([
    [{ ...TABLE, multilingual: 'none' }, /multilingual names "none", which is not in models \(ml, de\)$/],
    [{ ...TABLE, models: { ...TABLE.models, none: 'x' } }, /model id "none" is reserved/],
    [{ ...TABLE, models: { ...TABLE.models, auto: 'x' } }, /model id "auto" is reserved/],
    [{ ...TABLE, zero_shot: 'nada' }, /zero_shot names "nada", which is not in models \(ml, de\) nor "none"/],
  ])('rejects %j', (json, message) => {
    // Act / Assess
    expect(() => parse(json)).toThrow(RoutingError);
    expect(() => parse(json)).toThrow(message);
  });
});

/** A routing.json over the committed fixture models: en→fr and every unrouted pair kept. */
async function withKeepingReranker(work: (reranker: Reranker) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const models = { ml: fixtureModel('xlmr-unigram'), de: fixtureModel('bert-wordpiece') };
    const routing = await writeRouting(dir, { ...TABLE, models });
    await work(await Reranker.open(routing, { threads: TEST_THREADS }));
  });
}

const candidates = (langs: readonly string[]): RerankCandidate[] =>
  langs.map((lang, i) => ({ docId: `d${i}`, lang, text: `Bell und das Telefon ${i}`, bm25Score: 10 - i }));

describe('a rerank routed to "none"', () => {
  it('scores nothing and keeps the first-stage order, with depth 0 and the choice', async () => {
    await withKeepingReranker(async (reranker) => {
      // Act
      const result = await reranker.rerank({
        query: 'who invented the telephone',
        queryLang: 'en',
        candidates: candidates(['fr', 'fr', 'fr']),
      });
      // Assess
      expect(result.results.map((r) => [r.docId, r.firstStageRank, r.rerankScore])).toEqual([
        ['d0', 1, undefined],
        ['d1', 2, undefined],
        ['d2', 3, undefined],
      ]);
      expect(result).toMatchObject({
        partial: false,
        counts: { candidates: 3, depth: 0, scored: 0, unscored: 0 },
        tokens: 0,
      });
      expect(result.models).toEqual([
        { docLang: 'fr', model: NO_RERANK, rule: 'exact', reason: 'route en→fr' },
      ]);
    });
  });

  it('gives way to the multilingual variant in a mixed list, and says why', async () => {
    await withKeepingReranker(async (reranker) => {
      // Act
      const result = await reranker.rerank({
        query: 'who invented the telephone',
        queryLang: 'en',
        candidates: candidates(['de', 'fr']),
      });
      // Assess
      expect(result.counts).toMatchObject({ depth: 2, scored: 2 });
      expect(result.models.map((m) => m.model)).toEqual(['ml', 'ml']);
      expect(result.models[0]!.reason).toMatch(/fr route to no reranker/);
    });
  });

  it('is refused in a mixed list under an explicit per-language strategy', async () => {
    await withKeepingReranker(async (reranker) => {
      // Act
      const rerank = reranker.rerank({
        query: 'who invented the telephone',
        queryLang: 'en',
        candidates: candidates(['de', 'fr']),
        strategy: 'per-language',
      });
      // Assess
      await expect(rerank).rejects.toThrow(RerankModelError);
      await expect(rerank).rejects.toThrow(/routes fr to no reranker \("none"\)/);
    });
  });
});

describe('a remote rerank routed to "none"', () => {
  it('keeps the first-stage order with depth 0, not a deadline shortfall', async () => {
    // Prepare: the API scored nothing and says the pair routes to none.
    const answer: XlirRerankAnswer = {
      results: [],
      models: [{ doc_lang: 'fr', model: NO_RERANK, rule: 'zero-shot', reason: 'no route for en→fr' }],
      strategy: 'per-language',
      tokens: 0,
      timing: { load: 0, tokenize: 0, inference: 0, total: 1 },
    };
    const remote = new RemoteReranker({
      url: 'https://rerank.internal.example/v1/rerank',
      key: 'xlir_edge-key',
      fetch: () => Promise.resolve(Response.json({ results: [], xlir: answer })),
    });
    // Act
    const result = await remote.rerank({
      query: 'who invented the telephone',
      queryLang: 'en',
      candidates: candidates(['fr', 'fr']),
      depth: 2,
    });
    // Assess
    expect(result.results.map((r) => [r.docId, r.rerankScore])).toEqual([
      ['d0', undefined],
      ['d1', undefined],
    ]);
    expect(result.partial).toBe(false);
    expect(result.counts).toEqual({ candidates: 2, depth: 0, scored: 0, unscored: 0 });
    expect(result.models[0]!.model).toBe(NO_RERANK);
  });
});
