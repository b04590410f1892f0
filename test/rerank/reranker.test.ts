import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LAMBDA,
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  fuse,
  ModelRegistry,
  releaseModels,
  Reranker,
  RerankModelError,
  RerankRequestError,
  type RerankCandidate,
  type RerankerOptions,
  type RerankResult,
} from '../../lib/rerank/index.js';
import { fixtureModel, ROUTING_FIXTURE, TEST_THREADS } from './helpers.js';

const GERMAN = [
  'Das Telefon erfand Bell.',
  'Die Stadt und der Fluss.',
  'Alexander Graham Bell patent in Berlin 1876.',
  'Das ist die Strasse.',
  'Telefon und Telefon und Telefon.',
  'Berlin ist die Stadt der Telefon.',
];

function candidates(texts: readonly string[], lang: string | ((i: number) => string)): RerankCandidate[] {
  return texts.map((text, i) => ({
    docId: `d${i}`,
    lang: typeof lang === 'string' ? lang : lang(i),
    text,
    // First-stage order: strictly decreasing BM25.
    bm25Score: 20 - 3 * i,
  }));
}

let registry: ModelRegistry;
const open = (options: RerankerOptions = {}) => new Reranker(registry, { threads: TEST_THREADS, ...options });

beforeAll(async () => {
  registry = await ModelRegistry.open(ROUTING_FIXTURE);
});
afterAll(releaseModels);

describe('model registry', () => {
  it('resolves model directories relative to routing.json', () => {
    // Act
    const model = registry.model('bl-cs-en-de');
    // Assess
    expect(model.uri).toBe(fixtureModel('bert-wordpiece'));
    expect(model.manifest.languages).toEqual(['en', 'de']);
  });

  it('routes a pair and says why', () => {
    // Act
    const route = registry.resolve('en', 'de');
    // Assess
    expect(route).toEqual({ model: 'bl-cs-en-de', rule: 'exact', reason: 'route en→de' });
  });
});

describe('reranking one language', () => {
  it('orders by the routed model score at λ = 1, matching scorePairs', async () => {
    // Prepare
    const reranker = open();
    const request = {
      query: 'Wer erfand das Telefon?',
      queryLang: 'en',
      candidates: candidates(GERMAN, 'de'),
    };
    // Act
    const result = await reranker.rerank({ ...request, lambda: 1 });
    const direct = await reranker.scorePairs(
      'bl-cs-en-de',
      GERMAN.map((text) => [request.query, text] as [string, string]),
    );
    // Assess
    expect(result.models).toEqual([
      { docLang: 'de', model: 'bl-cs-en-de', rule: 'exact', reason: 'route en→de', lambda: DEFAULT_LAMBDA },
    ]);
    expect(result.partial).toBe(false);
    const byRerank = [...result.results].sort((a, b) => b.rerankScore! - a.rerankScore!);
    expect(result.results.map((r) => r.docId)).toEqual(byRerank.map((r) => r.docId));
    for (const doc of result.results) {
      expect(doc.rerankScore).toBeCloseTo(direct.scores[doc.firstStageRank - 1]!, 6);
      expect(doc.model).toBe('bl-cs-en-de');
    }
  });

  it('fuses min-max normalised BM25 and rerank scores with weight λ', async () => {
    // Prepare
    const reranker = open();
    const request = { query: 'telefon', queryLang: 'en', candidates: candidates(GERMAN, 'de') };
    // Act
    const fused = await reranker.rerank({ ...request, lambda: 0.4 });
    // Assess
    const inOrder = [...fused.results].sort((a, b) => a.firstStageRank - b.firstStageRank);
    const expected = fuse(
      inOrder.map((r) => r.bm25Score),
      inOrder.map((r) => r.rerankScore!),
      0.4,
    );
    inOrder.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!, 12));
    const scores = fused.results.map((r) => r.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('keeps the first-stage order at λ = 0', async () => {
    // Act
    const result = await open().rerank({
      query: 'telefon',
      queryLang: 'en',
      candidates: candidates(GERMAN, 'de'),
      lambda: 0,
    });
    // Assess
    expect(result.results.map((r) => r.firstStageRank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reranks only the first `depth` candidates and appends the rest in first-stage order', async () => {
    // Act
    const result = await open().rerank({
      query: 'telefon',
      queryLang: 'en',
      candidates: candidates(GERMAN, 'de'),
      depth: 3,
    });
    // Assess
    expect(result.counts).toEqual({ candidates: 6, depth: 3, scored: 3, unscored: 0 });
    expect(
      result.results
        .slice(0, 3)
        .map((r) => r.firstStageRank)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(result.results.slice(3).map((r) => r.firstStageRank)).toEqual([4, 5, 6]);
    expect(result.results.slice(3).every((r) => r.rerankScore === undefined && r.score === undefined)).toBe(
      true,
    );
    expect(result.partial).toBe(false);
  });
});

describe('deadline', () => {
  it('returns the first-stage order, marked partial, when no time is left', async () => {
    // Act
    const result = await open().rerank({
      query: 'telefon',
      queryLang: 'en',
      candidates: candidates(GERMAN, 'de'),
      deadlineMs: 0,
    });
    // Assess
    expect(result.partial).toBe(true);
    expect(result.counts).toMatchObject({ depth: 6, scored: 0, unscored: 6 });
    expect(result.results.map((r) => r.firstStageRank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps what it scored in rerank order on top and the rest in first-stage order', async () => {
    // Prepare: a clock that advances 100 ms per reading, so a 250 ms budget admits two batches.
    let now = 0;
    const reranker = open({ batchSize: 2, clock: () => (now += 100) });
    const texts = [...GERMAN, ...GERMAN.map((t) => `${t} Telefon`)];
    // Act
    const result = await reranker.rerank({
      query: 'telefon',
      queryLang: 'en',
      candidates: candidates(texts, 'de'),
      deadlineMs: 250,
      lambda: 1,
    });
    // Assess
    expect(result.partial).toBe(true);
    expect(result.counts).toMatchObject({ depth: 12, scored: 4, unscored: 8 });
    const scored = result.results.slice(0, 4);
    const rest = result.results.slice(4);
    expect(scored.every((r) => r.rerankScore !== undefined)).toBe(true);
    expect(scored.map((r) => r.rerankScore!)).toEqual(
      scored.map((r) => r.rerankScore!).sort((a, b) => b - a),
    );
    // Under a deadline the best first-stage window (4 batches of 2) is scored first.
    expect(Math.max(...scored.map((r) => r.firstStageRank))).toBeLessThanOrEqual(8);
    const restRanks = rest.map((r) => r.firstStageRank);
    expect(restRanks).toEqual([...restRanks].sort((a, b) => a - b));
  });
});

describe('documents in several languages', () => {
  const mixed = candidates(
    ['Das Telefon erfand Bell.', 'من اخترع الهاتف', 'Bell patented the telephone.'],
    (i) => ['de', 'ar', 'en'][i]!,
  );

  it('defaults to per-language scoring, as measured on XQuAD-R MLIR', async () => {
    // Act: de and ar documents, whose variants are both calibrated
    const result = await open().rerank({
      query: 'who invented the telephone',
      queryLang: 'en',
      candidates: mixed.slice(0, 2),
    });
    // Assess
    expect(DEFAULT_MIXED_LANGUAGE_STRATEGY).toBe('per-language');
    expect(result.strategy).toBe('per-language');
    expect(new Set(result.results.map((r) => r.model))).toEqual(new Set(['bl-cs-en-de', 'zs']));
  });

  it('scores every candidate with the multilingual variant when asked', async () => {
    // Act
    const result = await open().rerank({
      query: 'who invented the telephone',
      queryLang: 'en',
      candidates: mixed,
      strategy: 'multilingual',
    });
    // Assess
    expect(result.strategy).toBe('multilingual');
    expect(new Set(result.results.map((r) => r.model))).toEqual(new Set(['ml']));
    expect(result.models.map((m) => m.rule)).toEqual([
      'mixed-languages',
      'mixed-languages',
      'mixed-languages',
    ]);
  });

  it('scores each language with its own variant, on calibrated scores, per language', async () => {
    // Prepare
    const reranker = open();
    const query = 'who invented the telephone';
    const deAr = mixed.slice(0, 2);
    // Act
    const result = await reranker.rerank({
      query,
      queryLang: 'en',
      candidates: deAr,
      strategy: 'per-language',
    });
    // Assess
    const byLang = Object.fromEntries(result.results.map((r) => [r.lang, r]));
    expect(byLang.de!.model).toBe('bl-cs-en-de');
    expect(byLang.ar!.model).toBe('zs');
    for (const doc of result.results) {
      const [direct] = (await reranker.scorePairs(doc.model!, [[query, deAr[doc.firstStageRank - 1]!.text]]))
        .scores;
      expect(doc.rerankScore).toBeCloseTo(direct!, 6);
      expect(doc.rerankScore).toBeGreaterThan(0);
      expect(doc.rerankScore).toBeLessThan(1);
    }
  });

  it('refuses to mix a variant that has no calibration', async () => {
    // Act: en→en goes to the monolingual int8 variant, which has no calibration.
    const rerank = open().rerank({
      query: 'telephone',
      queryLang: 'en',
      candidates: mixed,
      strategy: 'per-language',
    });
    // Assess
    await expect(rerank).rejects.toThrow(RerankModelError);
    await expect(rerank).rejects.toThrow(/mono-int8 has no calibration/);
  });

  it('uses a requested model for every language', async () => {
    // Act
    const result = await open().rerank({
      query: 'telephone',
      queryLang: 'en',
      candidates: mixed,
      model: 'zs',
    });
    // Assess
    expect(result.models.every((m) => m.model === 'zs' && m.rule === 'explicit')).toBe(true);
  });
});

describe('requests the reranker refuses', () => {
  it.each([
    [{ model: 'nope' }, /unknown model "nope"/],
    [{ lambda: 1.5 }, /lambda must be between 0 and 1/],
    [{ depth: -1 }, /depth must be an integer/],
    [{ deadlineMs: -5 }, /deadline must be a non-negative/],
    [{ strategy: 'best' as never }, /strategy must be multilingual or per-language/],
  ])('%j', async (extra, message) => {
    // Act
    const rerank = open().rerank({
      query: 'q',
      queryLang: 'en',
      candidates: candidates(GERMAN, 'de'),
      ...extra,
    });
    // Assess
    await expect(rerank).rejects.toThrow(RerankRequestError);
    await expect(rerank).rejects.toThrow(message);
  });

  it('a candidate without text', async () => {
    // Prepare
    const broken = [{ docId: 'x', lang: 'de', bm25Score: 1 } as RerankCandidate];
    // Act / Assess
    await expect(open().rerank({ query: 'q', queryLang: 'en', candidates: broken })).rejects.toThrow(
      /candidate 1 \(x\) has no text/,
    );
  });
});

describe('concurrency', () => {
  it('gives overlapping requests on one session the same results as serial ones', async () => {
    // Prepare
    const reranker = open({ batchSize: 2 });
    const queries = [
      'telefon',
      'wer erfand das telefon',
      'stadt',
      'berlin',
      'bell 1876',
      'fluss',
      'die strasse',
    ];
    const request = (query: string) => ({ query, queryLang: 'en', candidates: candidates(GERMAN, 'de') });
    const serial: RerankResult[] = [];
    for (const q of queries) serial.push(await reranker.rerank(request(q)));
    // Act
    const overlapping = await Promise.all([...queries, ...queries].map((q) => reranker.rerank(request(q))));
    // Assess
    overlapping.forEach((result, i) => {
      const expected = serial[i % queries.length]!;
      expect(result.results.map((r) => [r.docId, r.logit])).toEqual(
        expected.results.map((r) => [r.docId, r.logit]),
      );
    });
  });
});

describe('the default mixed-language strategy', () => {
  it('gives way to the multilingual variant when a per-language variant is uncalibrated, and says so', async () => {
    // Prepare: de (calibrated pair variant) and en (uncalibrated monolingual variant) documents
    const reranker = await Reranker.open(ROUTING_FIXTURE, { threads: TEST_THREADS });
    const deEn = candidates(
      ['Das Telefon erfand Bell.', 'Bell patented the telephone.'],
      (i) => ['de', 'en'][i]!,
    );
    // Act
    const result = await reranker.rerank({
      query: 'who invented the telephone',
      queryLang: 'en',
      candidates: deEn,
    });
    // Assess
    expect(result.strategy).toBe('multilingual');
    expect(result.models.map((m) => m.model)).toEqual(['ml', 'ml']);
    expect(result.models[0]!.reason).toMatch(/mono-int8 has no calibration/);
    await expect(
      reranker.rerank({
        query: 'who invented the telephone',
        queryLang: 'en',
        candidates: deEn,
        strategy: 'per-language',
      }),
    ).rejects.toThrow(/mono-int8 has no calibration/);
  });
});
