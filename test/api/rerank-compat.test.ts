/**
 * The rerank APIs other than Cohere's SDK (cohere-sdk.test.ts) with plain HTTP: TEI's POST
 * /rerank, Jina's fields on /v1/rerank, structured documents, billing of long documents, and
 * the errors each gives for bad input; all behind the same auth, rate limit and usage records.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink, type ApiApp } from '../../lib/api/index.js';
import { releaseModels, sigmoid } from '../../lib/rerank/index.js';
import { TEST_THREADS } from '../rerank/helpers.js';
import { buildFixtureIndex, type ErrorJson, KEYS, postJson, tempDir, testApp } from './helpers.js';
import { aliasedRouting, ANSWER, LONG, QUESTION, TEST_ALIASES } from './rerank-fixtures.js';

let dir: { dir: string; remove: () => Promise<void> };
let app: ApiApp;
const usage = new MemoryUsageSink();

beforeAll(async () => {
  dir = await tempDir();
  const routingUri = await aliasedRouting(dir.dir);
  app = testApp(await buildFixtureIndex(join(dir.dir, 'index')), {
    usage,
    models: { routingUri, threads: TEST_THREADS },
  });
});
afterAll(async () => {
  await releaseModels();
  await dir.remove();
});

const TEXTS = [
  'The farmers grow wheat and potatoes in the valley.',
  ANSWER,
  'The school stands next to the church on the hill.',
];

interface Rank {
  index: number;
  score: number;
  text?: string;
}

interface CohereV1 {
  results: Array<{ index: number; relevance_score: number; document?: Record<string, string> }>;
  meta: { billed_units: { search_units: number } };
  model: string;
  usage: { total_tokens: number };
}

async function expectError(response: Response, status: number, type: string, mentions: RegExp) {
  const body = (await response.json()) as ErrorJson;
  expect({ status: response.status, type: body.error.type }).toEqual({ status, type });
  expect(body.error.message).toMatch(mentions);
  expect(body.error.message).not.toContain(dir.dir);
}

describe('POST /rerank (text-embeddings-inference)', () => {
  it('answers TEI’s bare array of ranks, best first, with the texts on request', async () => {
    // Act
    const response = await postJson(app, '/rerank', { query: QUESTION, texts: TEXTS, return_text: true });
    const ranks = (await response.json()) as Rank[];
    // Assess
    expect(response.status).toBe(200);
    expect(ranks.map((r) => r.index).sort()).toEqual([0, 1, 2]);
    expect(ranks.map((r) => r.score)).toEqual(ranks.map((r) => r.score).sort((a, b) => b - a));
    for (const rank of ranks) {
      expect(rank.text).toBe(TEXTS[rank.index]);
      expect(rank.score).toBeGreaterThanOrEqual(0);
      expect(rank.score).toBeLessThanOrEqual(1);
    }
    expect(usage.records.at(-1)).toMatchObject({
      route: '/rerank',
      key_id: 'good',
      status: 200,
      billed_units: 1,
    });
  });

  it('gives the logits with raw_scores, and no text unless asked', async () => {
    // Act
    const scored = (await (
      await postJson(app, '/rerank', { query: QUESTION, texts: TEXTS })
    ).json()) as Rank[];
    const raw = (await (
      await postJson(app, '/rerank', { query: QUESTION, texts: TEXTS, raw_scores: true })
    ).json()) as Rank[];
    // Assess: the English fixture variant is uncalibrated, so its scores are sigmoid(logit)
    const rawOf = new Map(raw.map((r) => [r.index, r.score]));
    for (const rank of scored) {
      expect(rank).not.toHaveProperty('text');
      expect(rank.score).toBeCloseTo(sigmoid(rawOf.get(rank.index)!), 6);
    }
    expect(raw.every((r) => r.score !== scored.find((s) => s.index === r.index)!.score)).toBe(true);
  });

  it('refuses a text too long for the model unless truncate is true, as TEI does (413)', async () => {
    // Prepare
    const texts = [ANSWER, LONG.answerAtEnd];
    // Act
    const refused = await postJson(app, '/rerank', { query: QUESTION, texts });
    const explicit = await postJson(app, '/rerank', { query: QUESTION, texts, truncate: false });
    const truncated = await postJson(app, '/rerank', { query: QUESTION, texts, truncate: true });
    // Assess
    await expectError(refused, 413, 'payload_too_large', /texts\.1 .*reads 64 tokens.*"truncate": true/);
    expect(explicit.status).toBe(413);
    expect(truncated.status).toBe(200);
    expect(((await truncated.json()) as Rank[]).map((r) => r.index).sort()).toEqual([0, 1]);
  });

  it.each([
    ['no texts', { query: QUESTION, texts: [] }, /texts/],
    ['a text that is not a string', { query: QUESTION, texts: [{ text: 'x' }] }, /texts\.0/],
    [
      'left truncation',
      { query: QUESTION, texts: TEXTS, truncation_direction: 'left' },
      /truncation_direction/,
    ],
    ['an unknown field', { query: QUESTION, texts: TEXTS, model: 'tiny' }, /model/],
  ])('answers %s with a 422 naming the field', async (_name, body, field) => {
    // Act
    const response = await postJson(app, '/rerank', body);
    // Assess
    await expectError(response, 422, 'validation_error', field);
  });
});

describe('POST /v1/rerank as Jina’s rerank', () => {
  it('echoes the model and reports usage.total_tokens, the tokens the usage record bills', async () => {
    // Prepare
    const model = 'jina-reranker-v2-base-multilingual';
    // Act
    const response = await postJson(app, '/v1/rerank', {
      model,
      query: QUESTION,
      documents: TEXTS,
      top_n: 2,
      return_documents: true,
    });
    const body = (await response.json()) as CohereV1;
    // Assess
    expect(response.status).toBe(200);
    expect(TEST_ALIASES[model]).toBe('auto');
    expect(body.model).toBe(model);
    expect(body.results).toHaveLength(2);
    expect(body.results.every((r) => r.document!.text === TEXTS[r.index])).toBe(true);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    expect(usage.records.at(-1)).toMatchObject({ route: '/v1/rerank', tokens: body.usage.total_tokens });
  });
});

describe('structured documents on /v1/rerank', () => {
  const rerank = async (body: Record<string, unknown>) =>
    (await (
      await postJson(app, '/v1/rerank', { model: 'tiny', query: QUESTION, ...body })
    ).json()) as CohereV1;
  const scoreOf = (body: CohereV1, index: number) =>
    body.results.find((r) => r.index === index)!.relevance_score;

  it('rank {title, text} as the title, a newline, then the text', async () => {
    // Act
    const body = await rerank({
      documents: [{ title: 'Dresden', text: ANSWER }, `Dresden\n${ANSWER}`, { text: ANSWER }, ANSWER],
    });
    // Assess
    expect(scoreOf(body, 0)).toBeCloseTo(scoreOf(body, 1), 6);
    expect(scoreOf(body, 2)).toBeCloseTo(scoreOf(body, 3), 6);
  });

  it('rank the rank_fields in their order, and return every field as sent', async () => {
    // Prepare
    const documents = [
      { summary: ANSWER, heading: 'Rivers', url: 'https://example.org/elbe' },
      { summary: TEXTS[0]!, url: 'https://example.org/farms' },
    ];
    // Act
    const body = await rerank({ documents, rank_fields: ['summary', 'heading'], return_documents: true });
    const joined = await rerank({ documents: [`${ANSWER}\nRivers`, TEXTS[0]!] });
    // Assess
    expect(scoreOf(body, 0)).toBeCloseTo(scoreOf(joined, 0), 6);
    expect(scoreOf(body, 1)).toBeCloseTo(scoreOf(joined, 1), 6);
    expect(body.results.map((r) => r.document)).toEqual(body.results.map((r) => documents[r.index]));
  });

  it.each([
    ['an object without text or title', { documents: ['a', { name: 'b' }] }, /documents\.1: has none/],
    [
      'rank_fields no document has',
      { documents: [{ text: 'a' }], rank_fields: ['constructor'] },
      /documents\.0/,
    ],
    ['a field that is not a string', { documents: [{ text: 'a', year: 1876 }] }, /documents\.0/],
  ])('answer %s with a 422 naming the document', async (_name, body, field) => {
    // Act
    const response = await postJson(app, '/v1/rerank', { query: QUESTION, ...body });
    // Assess
    await expectError(response, 422, 'validation_error', field);
  });
});

describe('long documents and billing', () => {
  it('accepts documents over the old 16,384-character limit, and bounds chunks instead', async () => {
    // Prepare
    const many = Array.from({ length: 1_001 }, () => 'x');
    // Act
    const long = await postJson(app, '/v1/rerank', {
      model: 'tiny',
      query: QUESTION,
      documents: [LONG.filler],
    });
    const tooMany = await postJson(app, '/v1/rerank', {
      query: QUESTION,
      documents: many.slice(0, 1_000),
      max_chunks_per_doc: 11,
    });
    // Assess
    expect(LONG.filler.length).toBeGreaterThan(16_384);
    expect(long.status).toBe(200);
    await expectError(
      tooMany,
      422,
      'validation_error',
      /max_chunks_per_doc: 1000 documents × 11 chunks exceeds 10000/,
    );
  });

  it('bills a document over 500 tokens (with the query) as several, as Cohere does', async () => {
    // Prepare: ~1,200 tokens of tiny's tokenizer count three times
    const short = Array.from({ length: 99 }, (_, i) => `passage ${i}`);
    const long = LONG.filler.slice(0, 2_400);
    const ask = (documents: string[]) =>
      postJson(app, '/v2/rerank', { model: 'rerank-v3.5', query: QUESTION, documents, top_n: 1 });
    // Act
    const hundred = (await (await ask([...short, 'passage 99'])).json()) as CohereV1;
    const withLong = (await (await ask([...short, long])).json()) as CohereV1;
    // Assess
    expect(hundred.meta.billed_units.search_units).toBe(1);
    expect(withLong.meta.billed_units.search_units).toBe(2);
    expect(usage.records.at(-1)).toMatchObject({ route: '/v2/rerank', billed_units: 2 });
  });
});

describe('bad input and access on the new routes', () => {
  it.each([
    ['v2 without a model', '/v2/rerank', { query: 'q', documents: ['d'] }, 422, /model/],
    [
      'v2 with document objects',
      '/v2/rerank',
      { model: 'tiny', query: 'q', documents: [{ text: 'd' }] },
      422,
      /documents\.0/,
    ],
    [
      'v2 with an unknown alias',
      '/v2/rerank',
      { model: 'rerank-v9', query: 'q', documents: ['d'] },
      404,
      /"rerank-v9".*aliases: rerank-v3\.5/,
    ],
    [
      'v1 with an unknown alias',
      '/v1/rerank',
      { model: 'jina-reranker-m0', query: 'q', documents: ['d'] },
      404,
      /jina-reranker-m0/,
    ],
    [
      'a prototype name as model',
      '/v2/rerank',
      { model: 'constructor', query: 'q', documents: ['d'] },
      404,
      /constructor/,
    ],
  ])('%s is answered as JSON with its status', async (_name, path, body, status, mentions) => {
    // Act
    const response = await postJson(app, path, body);
    // Assess
    await expectError(response, status, status === 404 ? 'not_found' : 'validation_error', mentions);
  });

  it('needs a key, and shares the key’s rate limit with /v1', async () => {
    // Act
    const anonymous = await postJson(app, '/rerank', { query: 'q', texts: ['d'] }, null);
    const revoked = await postJson(
      app,
      '/v2/rerank',
      { model: 'tiny', query: 'q', documents: ['d'] },
      KEYS.revoked,
    );
    const slow = [
      await postJson(app, '/v1/rerank', { query: 'q', documents: ['d'] }, KEYS.slow),
      await postJson(app, '/v2/rerank', { model: 'tiny', query: 'q', documents: ['d'] }, KEYS.slow),
      await postJson(app, '/rerank', { query: 'q', texts: ['d'] }, KEYS.slow),
    ];
    // Assess
    expect(anonymous.status).toBe(401);
    expect(revoked.status).toBe(403);
    expect(slow.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(usage.records.at(-1)).toMatchObject({ route: '/rerank', status: 429, billed_units: 0 });
  });

  it('lists every rerank route in /openapi.json', async () => {
    // Act
    const spec = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { post?: { security?: unknown[] } }>;
    };
    // Assess
    for (const path of ['/v1/rerank', '/v2/rerank', '/rerank']) {
      expect(spec.paths[path]?.post?.security).toEqual([{ bearerAuth: [] }]);
    }
  });
});
