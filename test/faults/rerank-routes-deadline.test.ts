/**
 * The rerank routes answer within the request deadline: a rerank too big for it is a 504
 * deadline_exceeded JSON error (Cohere's and TEI's answers cannot say "partial"), not a wait.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink, type ApiApp } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { buildFixtureIndex, type ErrorJson, KEYS, postJson, tempDir, testApp } from '../api/helpers.js';

const DEADLINE_MS = 150;
let dir: { dir: string; remove: () => Promise<void> };
let app: ApiApp;
let usage: MemoryUsageSink;

beforeAll(async () => {
  dir = await tempDir();
  usage = new MemoryUsageSink();
  const indexDir = await buildFixtureIndex(join(dir.dir, 'index'));
  app = testApp(indexDir, { usage, requestDeadlineMs: DEADLINE_MS });
  // Load the models first, so what runs out of time below is the scoring itself: under the default
  // deadline, since the first load also starts the inference thread (tsx in it, here: ~0.5 s).
  const warm = await postJson(
    testApp(indexDir),
    '/v1/rerank',
    { query: 'warm', documents: ['up'] },
    KEYS.good,
  );
  expect(warm.status).toBe(200);
});
afterAll(async () => {
  await releaseModels();
  await dir.remove();
});

/** As many documents as a request may send (MAX_RERANK_DOCUMENTS): scoring them takes seconds. */
const LONG = Array.from({ length: 1_000 }, (_, i) =>
  `Passage ${i} about the invention of the telephone by Bell in 1876. `.repeat(8),
);

describe('rerank routes under the request deadline', () => {
  it.each([
    ['/v1/rerank', { query: 'who invented the telephone', documents: LONG }],
    ['/v2/rerank', { model: 'tiny', query: 'who invented the telephone', documents: LONG }],
    ['/rerank', { query: 'who invented the telephone', texts: LONG, truncate: true }],
  ])(
    '%s answers 504 deadline_exceeded within the deadline + 1 s',
    async (path, body) => {
      const started = performance.now();
      const response = await postJson(app, path, body, KEYS.good);
      const elapsed = performance.now() - started;
      const error = (await response.json()) as ErrorJson;
      console.log(`${path}: ${response.status} in ${elapsed.toFixed(0)} ms (deadline ${DEADLINE_MS} ms)`);
      expect(response.status).toBe(504);
      expect(error.error.type).toBe('deadline_exceeded');
      expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000);
    },
    60_000,
  );

  it('still answers a small rerank in time', async () => {
    const response = await postJson(
      app,
      '/v1/rerank',
      { query: 'telephone', documents: ['Bell', 'bees'] },
      KEYS.good,
    );
    expect(response.status).toBe(200);
  });
});
