/** The official Cohere TypeScript SDK, unchanged, against a local server: only its base URL differs. */
import { join } from 'node:path';
import { CohereClient, CohereError } from 'cohere-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MemoryUsageSink, startServer, type RunningServer } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { buildFixtureIndex, KEYS, tempDir, testDeps } from './helpers.js';

let dir: { dir: string; remove: () => Promise<void> };
let server: RunningServer;
const usage = new MemoryUsageSink();

beforeAll(async () => {
  dir = await tempDir();
  const deps = testDeps(await buildFixtureIndex(join(dir.dir, 'index')), { usage });
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
