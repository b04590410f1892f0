/**
 * RemoteReranker against a scripted rerank API (a fake fetch): what it sends, how it fuses what
 * comes back (lib/rerank's rankCandidates at the request's λ), and how each failure becomes a
 * rerank that costs nothing but itself: late (partial), unavailable (partial, with why), or the
 * caller's mistake (RemoteRerankError with the API's status).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA, rankCandidates, type RerankRequest } from '../../lib/rerank/contract.js';
import {
  RemoteReranker,
  RemoteRerankError,
  type RemoteRerankBody,
  type XlirRerankAnswer,
} from '../../lib/retrieve/index.js';
import { REMOTE_RETURN_RESERVE_MS } from '../../lib/retrieve/remote-reranker.js';

const URL_ = 'https://rerank.internal.example/v1/rerank';
const REQUEST: RerankRequest = {
  query: 'who invented the telephone',
  queryLang: 'en',
  candidates: [
    { docId: 'a', lang: 'en', text: 'alpha', bm25Score: 9 },
    { docId: 'b', lang: 'de', text: 'beta', bm25Score: 7 },
    { docId: 'c', lang: 'en', text: 'gamma', bm25Score: 5 },
  ],
  depth: 2,
  lambda: 0.5,
  deadlineMs: 1_000,
};
const ANSWER: XlirRerankAnswer = {
  results: [
    { index: 1, model: 'm-de', score: 0.9, logit: 2.2 },
    { index: 0, model: 'm-en', score: 0.2, logit: -1.4 },
  ],
  models: [
    { doc_lang: 'en', model: 'm-en', rule: 'exact', reason: 'route en→en' },
    { doc_lang: 'de', model: 'm-de', rule: 'exact', reason: 'route en→de' },
  ],
  strategy: 'per-language',
  tokens: 42,
  timing: { load: 0, tokenize: 1, inference: 2, total: 3 },
};

function reranker(answer: (body: RemoteRerankBody, init: RequestInit) => Promise<Response>): RemoteReranker {
  return new RemoteReranker({
    url: URL_,
    key: 'xlir_edge-key',
    fetch: (_input, init) => answer(JSON.parse(String(init!.body)) as RemoteRerankBody, init!),
  });
}

const json = (status: number, body: unknown): Promise<Response> =>
  Promise.resolve(Response.json(body, { status }));

describe('RemoteReranker', () => {
  it('sends the candidates within depth with their languages, the key and the time left', async () => {
    let sent: { body: RemoteRerankBody; init: RequestInit } | undefined;
    // Act
    await reranker((body, init) => {
      sent = { body, init };
      return json(200, { results: [], xlir: ANSWER });
    }).rerank(REQUEST);
    // Assess
    expect(sent!.body).toEqual({
      model: 'auto',
      query: REQUEST.query,
      documents: ['alpha', 'beta'],
      return_documents: false,
      xlir: {
        query_lang: 'en',
        doc_langs: ['en', 'de'],
        first_stage_scores: [9, 7],
        deadline_ms: 1_000 - REMOTE_RETURN_RESERVE_MS,
      },
    });
    expect(new Headers(sent!.init.headers).get('authorization')).toBe('Bearer xlir_edge-key');
  });

  it('fuses the remote scores with the first stage at the request’s λ', async () => {
    // Act
    const result = await reranker(() => json(200, { results: [], xlir: ANSWER })).rerank(REQUEST);
    // Assess
    const expected = rankCandidates([9, 7], [0.2, 0.9], 0.5);
    expect(result.results.map((r) => [r.docId, r.score, r.model, r.rerankScore])).toEqual([
      ...expected.map(({ index, score }) => [
        REQUEST.candidates[index]!.docId,
        score,
        ANSWER.results.find((r) => r.index === index)!.model,
        ANSWER.results.find((r) => r.index === index)!.score,
      ]),
      ['c', undefined, undefined, undefined],
    ]);
    expect(result).toMatchObject({ partial: false, lambda: 0.5, tokens: 42, strategy: 'per-language' });
    expect(result.counts).toEqual({ candidates: 3, depth: 2, scored: 2, unscored: 0 });
    expect(result.models.map((m) => m.model)).toEqual(['m-en', 'm-de']);
  });

  it('fuses a list whose every document comes back with document_match against both translations, as in-process', async () => {
    // Prepare: the second document matches the glossed query better than the first.
    const answer: XlirRerankAnswer = {
      ...ANSWER,
      results: [
        { ...ANSWER.results[0]!, document_match: 4 },
        { ...ANSWER.results[1]!, document_match: 1 },
      ],
    };
    // Act
    const result = await reranker(() => json(200, { results: [], xlir: answer })).rerank(REQUEST);
    // Assess: the first-stage signal is the mean of [9, 7] and [1, 4] normalised: 0.5, 0.5.
    const expected = rankCandidates([0.5, 0.5], [0.2, 0.9], 0.5);
    expect(rankCandidates([9, 7], [0.2, 0.9], 0.5, [1, 4])).toEqual(expected);
    expect(result.results.slice(0, 2).map((r) => [r.docId, r.score, r.documentMatch])).toEqual(
      expected.map(({ index, score }) => [REQUEST.candidates[index]!.docId, score, [1, 4][index]]),
    );
    expect(result.results[2]!.documentMatch).toBeUndefined();
  });

  it.each([
    ['both models ask for λ 1', [1, 1], 1],
    ['the models disagree', [undefined, 1], DEFAULT_LAMBDA],
  ])('fuses at the λ the models ask for when the request names none: %s', async (_, asked, expected) => {
    // Prepare
    const answer: XlirRerankAnswer = {
      ...ANSWER,
      models: ANSWER.models.map((m, i) => ({
        ...m,
        ...(asked[i] !== undefined ? { lambda: asked[i] } : {}),
      })),
    };
    const { lambda: _lambda, ...request } = REQUEST;
    // Act
    const result = await reranker(() => json(200, { results: [], xlir: answer })).rerank(request);
    // Assess
    const ranked = rankCandidates([9, 7], [0.2, 0.9], expected);
    expect(result.results.slice(0, 2).map((r) => [r.docId, r.score])).toEqual(
      ranked.map(({ index, score }) => [REQUEST.candidates[index]!.docId, score]),
    );
    expect(result.lambda).toBe(expected);
    expect(result.models.map((m) => m.lambda)).toEqual(asked);
  });

  it.each([
    [
      'answers a fusion weight outside [0, 1]',
      () =>
        json(200, {
          results: [],
          xlir: { ...ANSWER, models: [{ ...ANSWER.models[0]!, lambda: 2 }, ANSWER.models[1]!] },
        }),
    ],
    [
      'answers 503',
      () => json(503, { error: { type: 'unavailable', message: 'models at /srv/models cannot load' } }),
    ],
    ['refuses the key', () => json(401, { error: { type: 'unauthorized', message: 'unknown API key' } })],
    [
      'cannot be reached',
      () => Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.1:443')),
    ],
    ['answers without the xlir block', () => json(200, { results: [] })],
    ['answers a page that is not JSON', () => Promise.resolve(new Response('<html>bad gateway</html>'))],
  ])('scores nothing and says why when the API %s, naming no location', async (_, answer) => {
    // Act
    const result = await reranker(answer).rerank(REQUEST);
    // Assess
    expect(result.unavailable).toBeDefined();
    expect(result.unavailable).not.toMatch(/\/srv|10\.0\.0\.1|https?:/);
    expect(result.partial).toBe(true);
    expect(result.results.map((r) => [r.docId, r.score])).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['c', undefined],
    ]);
  });

  it('is late, not unavailable, when its budget runs out or the API says 504', async () => {
    const hang = (_: RemoteRerankBody, init: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    // Act
    const cut = await reranker(hang).rerank({ ...REQUEST, deadlineMs: 20 });
    const late = await reranker(() =>
      json(504, { error: { type: 'deadline_exceeded', message: 'late' } }),
    ).rerank(REQUEST);
    // Assess
    for (const result of [cut, late]) {
      expect(result.partial).toBe(true);
      expect(result.unavailable).toBeUndefined();
      expect(result.counts.scored).toBe(0);
    }
  });

  it('passes the API’s 404 and 400 on as the caller’s mistake', async () => {
    // Act + Assess
    await expect(
      reranker(() =>
        json(404, { error: { type: 'not_found', message: 'no model "x"; models: auto' } }),
      ).rerank(REQUEST),
    ).rejects.toEqual(new RemoteRerankError(404, 'rerank: no model "x"; models: auto'));
  });
});
