/** The official Cohere TypeScript SDK, unchanged, against a local server: only its base URL differs. */
import { join } from 'node:path';
import { CohereClient, CohereClientV2, CohereError } from 'cohere-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MemoryUsageSink, startServer, type RunningServer } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { TEST_THREADS } from '../rerank/helpers.js';
import { buildFixtureIndex, KEYS, tempDir, testDeps } from './helpers.js';
import { aliasedRouting, LONG, QUESTION } from './rerank-fixtures.js';

let dir: { dir: string; remove: () => Promise<void> };
let server: RunningServer;
const usage = new MemoryUsageSink();

beforeAll(async () => {
  dir = await tempDir();
  const deps = testDeps(await buildFixtureIndex(join(dir.dir, 'index')), {
    usage,
    models: { routingUri: await aliasedRouting(dir.dir), threads: TEST_THREADS },
  });
  server = await startServer(createApp(deps), { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await releaseModels();
  await dir.remove();
});

const DOCUMENTS = [
  'Carson City is the capital city of the American state of Nevada.',
  'Washington, D.C. is the capital of the United States. It is a federal district.',
  'Capital punishment has existed in the United States since before it was a country.',
];
/** The long documents, the answer to QUESTION only at the end of the last one. */
const LONG_DOCUMENTS = [LONG.filler, LONG.otherTopicAtStart, LONG.answerAtEnd];

describe('CohereClient (v1 rerank) against xlir', () => {
  it('reranks with the SDK as is, on an ephemeral port', async () => {
    // Prepare
    const cohere = new CohereClient({ token: KEYS.good, environment: server.url });
    // Act
    const response = await cohere.rerank({
      query: 'What is the capital of the United States?',
      documents: DOCUMENTS.map((text) => ({ text })),
      topN: 2,
      returnDocuments: true,
    });
    // Assess
    expect(server.port).toBeGreaterThan(0);
    expect(response.results).toHaveLength(2);
    for (const result of response.results) {
      expect(result.document?.text).toBe(DOCUMENTS[result.index]);
      expect(result.relevanceScore).toBeGreaterThanOrEqual(0);
      expect(result.relevanceScore).toBeLessThanOrEqual(1);
    }
    expect(response.results[0]!.relevanceScore).toBeGreaterThanOrEqual(response.results[1]!.relevanceScore);
    expect(response.meta?.billedUnits?.searchUnits).toBe(1);
    expect(usage.records.at(-1)).toMatchObject({ key_id: 'good', route: '/v1/rerank', status: 200 });
  });

  it('accepts plain string documents and a model id', async () => {
    // Prepare
    const cohere = new CohereClient({ token: KEYS.good, environment: server.url });
    // Act
    const response = await cohere.rerank({ model: 'tiny', query: 'capital', documents: DOCUMENTS });
    // Assess
    expect(response.results.map((r) => r.index).sort()).toEqual([0, 1, 2]);
  });

  it('reads as many chunks of a long document as maxChunksPerDoc allows', async () => {
    // Prepare
    const cohere = new CohereClient({ token: KEYS.good, environment: server.url });
    const ask = (maxChunksPerDoc: number) =>
      cohere.rerank({ model: 'tiny', query: QUESTION, documents: LONG_DOCUMENTS, maxChunksPerDoc });
    // Act
    const whole = await ask(300);
    const firstChunk = await ask(1);
    // Assess: the answer is in the last chunk; one chunk of each document is filler alone.
    expect(whole.results[0]!.index).toBe(2);
    expect(whole.results[0]!.relevanceScore).toBeGreaterThan(0.9);
    const unread = firstChunk.results.find((r) => r.index === 2)!;
    expect(unread.relevanceScore).toBeLessThan(0.1);
  });

  it('surfaces xlir errors as the SDK’s own errors with their status', async () => {
    // Prepare
    const cohere = new CohereClient({ token: 'xlir_wrong', environment: server.url });
    // Act
    const failure = await cohere.rerank({ query: 'q', documents: ['d'] }).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(CohereError);
    expect((failure as CohereError).statusCode).toBe(401);
  });
});

describe('CohereClientV2 (v2 rerank) against xlir', () => {
  it('reranks with a Cohere model name that routing.json aliases to a variant', async () => {
    // Prepare
    const v2 = new CohereClientV2({ token: KEYS.good, environment: server.url });
    const v1 = new CohereClient({ token: KEYS.good, environment: server.url });
    const query = 'What is the capital of the United States?';
    // Act
    const aliased = await v2.rerank({ model: 'rerank-v3.5', query, documents: DOCUMENTS, topN: 2 });
    const direct = await v1.rerank({ model: 'tiny', query, documents: DOCUMENTS, topN: 2 });
    // Assess: rerank-v3.5 is tiny here, so the scores are tiny's
    expect(aliased.results).toHaveLength(2);
    expect(aliased.results.map((r) => r.index)).toEqual(direct.results.map((r) => r.index));
    aliased.results.forEach((r, i) =>
      expect(r.relevanceScore).toBeCloseTo(direct.results[i]!.relevanceScore, 6),
    );
    expect(aliased.meta?.apiVersion?.version).toBe('2');
    expect(aliased.meta?.billedUnits?.searchUnits).toBe(1);
    const record = usage.records.find((r) => r.route === '/v2/rerank');
    expect(record).toMatchObject({ key_id: 'good', status: 200, billed_units: 1 });
    expect(record!.tokens).toBeGreaterThan(0);
  });

  it('scores a 10,000-token document on its best chunk, up to maxTokensPerDoc', async () => {
    // Prepare
    const v2 = new CohereClientV2({ token: KEYS.good, environment: server.url });
    const ask = (maxTokensPerDoc: number) =>
      v2.rerank({
        model: 'rerank-english-v3.0',
        query: QUESTION,
        documents: LONG_DOCUMENTS,
        maxTokensPerDoc,
      });
    // Act
    const whole = await ask(12_000);
    const start = await ask(128);
    // Assess
    expect(whole.results[0]!.index).toBe(2);
    expect(whole.results[0]!.relevanceScore).toBeGreaterThan(0.9);
    expect(start.results.find((r) => r.index === 2)!.relevanceScore).toBeLessThan(0.1);
  });

  it('answers an unknown model name with the SDK’s 404', async () => {
    // Prepare
    const v2 = new CohereClientV2({ token: KEYS.good, environment: server.url });
    // Act
    const failure = await v2
      .rerank({ model: 'rerank-v2.0', query: 'q', documents: ['d'] })
      .catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(CohereError);
    expect((failure as CohereError).statusCode).toBe(404);
    expect(JSON.stringify((failure as CohereError).body)).toMatch(/rerank-v2\.0.*aliases: rerank-v3\.5/);
  });
});
