/**
 * An S3 endpoint that accepts connections and never answers. Through the server's own store
 * stack (openStore: S3Store, retries, memory cache) a search answers 504 at its deadline and
 * its deadline reaches the SDK, which closes the sockets; without any signal (the CLI, builds)
 * the SDK's own request timeout ends a GET instead of leaving it open for good.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink } from '../../lib/api/index.js';
import { StorageError } from '../../lib/storage/index.js';
import { S3Store } from '../../lib/storage/node.js';
import { memoryLog, testApp } from '../api/helpers.js';
import { FaultRecorder } from './helpers.js';

const DEADLINE_MS = 1_000;
const recorder = new FaultRecorder(`silent S3 endpoint (deadline ${DEADLINE_MS} ms)`);
const saved = new Map<string, string | undefined>();
const sockets = new Set<net.Socket>();
let silent: net.Server;

beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    // Consume the request, or the socket never reads the client's FIN and never closes.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  const vars = {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  };
  for (const [k, v] of Object.entries(vars)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
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
});

/** The API over one index on the silent endpoint, with the test's deadline. */
function hungApp() {
  return testApp('s3://xlir-hung/index', {
    indexes: { hung: 's3://xlir-hung/index' },
    defaultIndex: 'hung',
    models: { unavailable: 'not needed here' },
    auth: { mode: 'off' },
    usage: new MemoryUsageSink(),
    log: memoryLog(),
    requestDeadlineMs: DEADLINE_MS,
  });
}

describe('an S3 endpoint that never answers', () => {
  it('gets a 504 at the deadline from a cold server, and its GETs let go of their sockets', async () => {
    // Prepare
    const app = hungApp();
    // Act
    const answer = await recorder.search(app, 'cold open, endpoint never answers', {
      query: 'lighthouse',
      query_lang: 'en',
    });
    // Assess
    expect(answer.status).toBe(504);
    expect(answer.body.error!.type).toBe('deadline_exceeded');
    expect(answer.body.error!.message).not.toContain('xlir-hung');
    expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_000);
    await expect.poll(() => sockets.size, { timeout: 1_000 }).toBe(0);
  });

  it('lists the index as unavailable at the deadline on GET /v1/indexes instead of waiting', async () => {
    // Prepare
    const app = hungApp();
    // Act
    const started = performance.now();
    const response = await app.request('/v1/indexes');
    const ms = performance.now() - started;
    const body = (await response.json()) as {
      indexes: Array<{ name: string; available: boolean; reason: string }>;
    };
    console.log(`GET /v1/indexes on a silent endpoint: ${response.status} in ${ms.toFixed(0)} ms`);
    // Assess
    expect(response.status).toBe(200);
    expect(body.indexes).toEqual([expect.objectContaining({ name: 'hung', available: false })]);
    expect(body.indexes[0]!.reason).toMatch(/deadline/);
    expect(body.indexes[0]!.reason).not.toContain('xlir-hung');
    expect(ms).toBeLessThan(DEADLINE_MS + 1_000);
  });

  it("ends a GET that has no signal at the SDK's request timeout", async () => {
    // Prepare
    const store = new S3Store('xlir-hung', 'index', { requestTimeoutMs: 300 });
    // Act
    const started = performance.now();
    const error = await store.get('manifest.json').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    // Assess
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toMatch(/exceeded the configured 300 ms requestTimeout/);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });
});
