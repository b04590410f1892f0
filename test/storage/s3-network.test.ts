import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RetryingStore, StorageError } from '../../lib/storage/index.js';
import { S3Store } from '../../lib/storage/node.js';

const saved = new Map<string, string | undefined>();
const sockets = new Set<net.Socket>();
let silentServer: net.Server;
let silentPort: number;

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    process.env[k] = v;
  }
}

beforeAll(async () => {
  // Accepts connections and never answers: a hung S3 request.
  silentServer = net.createServer((socket) => {
    sockets.add(socket);
    // Consume the request, or the socket never reads the client's FIN and never closes.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
  silentPort = (silentServer.address() as net.AddressInfo).port;
  setEnv({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
});

afterEach(() => {
  for (const socket of sockets) socket.destroy();
});

afterAll(async () => {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise<void>((resolve) => silentServer.close(() => resolve()));
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('S3Store against real sockets', () => {
  it('reports a refused connection as a retryable StorageError', async () => {
    // Prepare
    setEnv({ AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${await closedPort()}` });
    const store = new S3Store('bucket');
    // Act
    const err = await store.get('k').catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: true });
  });

  it('abandons a hung request at attemptTimeoutMs and retries it', async () => {
    // Prepare
    setEnv({ AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${silentPort}` });
    const attempts: number[] = [];
    const store = new RetryingStore(new S3Store('bucket'), {
      maxAttempts: 2,
      attemptTimeoutMs: 200,
      baseDelayMs: 1,
      onRetry: (event) => attempts.push(event.attempt),
    });
    // Act
    const started = performance.now();
    const err = await store.get('k').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/timed out after 200 ms \(gave up after 2 attempts\)/);
    expect(attempts).toEqual([1]);
    expect(elapsed).toBeLessThan(2000);
    // The abort reached the SDK: it closed its sockets instead of leaving them hanging.
    await expect.poll(() => sockets.size, { timeout: 1000 }).toBe(0);
  });
});
