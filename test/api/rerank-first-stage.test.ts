/**
 * /v1/rerank and a model that reads first-stage scores (a first_stage input): xlir's extension
 * sends each document's score, so the edge's remote rerank scores as /v1/search does in-process;
 * without them every row is [0, 0] ("no first stage"). The bert-first-stage fixture's logit is
 * 1·present + 2·value of its row (make_fixtures.py), so its logits say which row each got.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from '../../lib/api/index.js';
import { fixtureModel, TEST_THREADS, writeRouting } from '../rerank/helpers.js';
import { type ErrorJson, postJson, testApp, useFixtureIndex } from './helpers.js';

const fixture = useFixtureIndex();
let app: ApiApp;

beforeAll(async () => {
  const models = { fs: fixtureModel('bert-first-stage') };
  const routingUri = await writeRouting(fixture.dir, {
    version: 1,
    models,
    multilingual: 'fs',
    zero_shot: 'fs',
  });
  app = testApp(fixture.indexDir, { models: { routingUri, threads: TEST_THREADS } });
});

interface XlirAnswer {
  xlir: { results: Array<{ index: number; logit: number }> };
}

const request = (xlir: Record<string, unknown>) => ({
  model: 'fs',
  query: 'who invented the telephone',
  documents: ['the telephone', 'the telephone'],
  return_documents: false,
  xlir: { query_lang: 'en', doc_langs: ['en', 'en'], ...xlir },
});

const logits = (body: XlirAnswer) =>
  [...body.xlir.results].sort((a, b) => a.index - b.index).map((r) => r.logit);

describe('/v1/rerank with first-stage scores (xlir extension)', () => {
  it('feeds each document its score over the best one', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', request({ first_stage_scores: [4, 1] }));
    // Assess: rows [1, 1] and [1, 0.25]
    expect(response.status).toBe(200);
    expect(logits((await response.json()) as XlirAnswer)).toEqual([
      expect.closeTo(3, 5),
      expect.closeTo(1.5, 5),
    ]);
  });

  it('feeds [0, 0] when none are sent', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', request({}));
    // Assess
    expect(response.status).toBe(200);
    expect(logits((await response.json()) as XlirAnswer)).toEqual([
      expect.closeTo(0, 5),
      expect.closeTo(0, 5),
    ]);
  });

  it('refuses scores that are not one per document, naming the field', async () => {
    // Act
    const response = await postJson(app, '/v1/rerank', request({ first_stage_scores: [4] }));
    const body = (await response.json()) as ErrorJson;
    // Assess
    expect({ status: response.status, type: body.error.type }).toEqual({
      status: 422,
      type: 'validation_error',
    });
    expect(body.error.message).toMatch(/xlir\.first_stage_scores.*1 scores for 2 documents/);
  });
});
