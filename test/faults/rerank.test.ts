/**
 * The rerank under the request's deadline: once the first stage has its results, a request
 * answers with them whatever the rerank does. A model whose routing table sits on an S3
 * endpoint that never answers is abandoned at the deadline (200, partial, first-stage order);
 * a rerank budget too small to score anything gives the reranker's own partial result.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { releaseModels } from '../../lib/rerank/index.js';
import { openStore } from '../../lib/storage/node.js';
import { ROUTING_FIXTURE, TEST_THREADS } from '../rerank/helpers.js';
import { tempDir } from '../api/helpers.js';
import { buildFaultIndex, faultApp, FaultRecorder, freshProbe, indexDirIn } from './helpers.js';

const DEADLINE_MS = 1_000;
const recorder = new FaultRecorder('rerank under the deadline (deadline 1000 ms)');
const saved = new Map<string, string | undefined>();
const sockets = new Set<net.Socket>();
let silent: net.Server;
let dir: { dir: string; remove: () => Promise<void> };
let indexDir: string;

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    process.env[k] = v;
  }
}

beforeAll(async () => {
  dir = await tempDir();
  indexDir = indexDirIn(dir.dir);
  await buildFaultIndex(indexDir);
  // Accepts connections and never answers: an S3 endpoint that hangs.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  setEnv({
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
});

afterEach(() => {
  for (const socket of sockets) socket.destroy();
});

afterAll(async () => {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await releaseModels();
  await dir.remove();
});

describe('a rerank that cannot finish in time', () => {
  it('answers with the first stage, partial, when the models hang on a silent S3 endpoint', async () => {
    // Prepare
    const app = faultApp(indexDir, openStore(indexDir), {
      requestDeadlineMs: DEADLINE_MS,
      models: { routingUri: 's3://xlir-models/routing.json', threads: TEST_THREADS },
    });
    const query = freshProbe();
    const plain = await recorder.search(app, 'no rerank (reference)', { query, query_lang: 'en' });
    // Act
    const answer = await recorder.search(app, 'routing.json on a silent S3 endpoint', {
      query,
      query_lang: 'en',
      rerank: { depth: 10 },
    });
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.meta!.partial).toBe(true);
    expect(answer.body.meta!.partial_reasons).toEqual(['rerank_deadline']);
    expect(answer.body.meta!.reranked).toBe(false);
    expect(answer.body.results!.map((r) => r.doc_id)).toEqual(plain.body.results!.map((r) => r.doc_id));
    expect(answer.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_000);
  });

  it("gives the reranker's partial result when its budget scores nothing", async () => {
    // Prepare
    const app = faultApp(indexDir, openStore(indexDir), {
      requestDeadlineMs: DEADLINE_MS,
      rerankDeadlineMs: 1,
      models: { routingUri: ROUTING_FIXTURE, threads: TEST_THREADS },
    });
    // Act
    const answer = await recorder.search(app, 'XLIR_RERANK_DEADLINE_MS=1', {
      query: freshProbe(),
      query_lang: 'en',
      rerank: { depth: 10 },
    });
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.meta!.reranked).toBe(true);
    expect(answer.body.meta!.partial).toBe(true);
    expect(answer.body.meta!.partial_reasons).toEqual(['rerank_deadline']);
    expect(answer.body.meta!.rerank!.unscored).toBeGreaterThan(0);
    expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_000);
  });
});
