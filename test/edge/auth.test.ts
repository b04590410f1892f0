import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_ENV } from '../../functions/edge/constants.js';
import type { LocalWorker } from '../../functions/edge/local.js';
import { hashApiKey, type ApiApp } from '../../lib/api/index.js';
import {
  demoHome,
  KEY_ENTRIES,
  KEYS,
  keyedVars,
  nodeDemoApp,
  searchInit,
  startWorker,
  type ErrorJson,
} from './helpers.js';

/*
 * Admission and errors of the Worker in workerd: a missing, unknown or revoked key is refused
 * with the Node API's JSON (keys from the XLIR_API_KEYS secret or a KV namespace), every error
 * is {"error": {type, message}} naming no path, bucket or URL, and each /v1 request leaves one
 * usage record.
 */

/** What a message must never hold: a file path, a store URI, a URL. */
const SERVER_LOCATION = /(^|[\s'"(=])\/(tmp|work|home|usr|var|root)\b|[a-z0-9]+:\/\//i;
const SEARCH = { query: 'Wer erfand das Telefon?', top_k: 3 };
const KV_KEY = 'xlir_kv-held-key';

let demo: Awaited<ReturnType<typeof demoHome>>;
let worker: LocalWorker;
let kvWorker: LocalWorker;
let missingIndex: LocalWorker;
let node: ApiApp;
const output: string[] = [];

beforeAll(async () => {
  demo = await demoHome();
  worker = await startWorker(demo.indexDir, { output });
  kvWorker = await startWorker(demo.indexDir, {
    vars: { [EDGE_ENV.auth]: 'on' },
    kvNamespaces: [EDGE_ENV.keysKv],
  });
  const kv = await kvWorker.miniflare.getKVNamespace(EDGE_ENV.keysKv);
  const hash = hashApiKey(KV_KEY);
  await kv.put(hash, JSON.stringify({ id: 'kv', hash, quota: 10, rate_per_minute: 60 }));
  await kv.put(hashApiKey('xlir_broken'), '{"id": "broken"');
  missingIndex = await startWorker(demo.indexDir, {
    vars: keyedVars({ [EDGE_ENV.indexPrefix]: 'no-such-index' }),
  });
  node = nodeDemoApp(demo.indexDir);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await kvWorker?.close();
  await missingIndex?.close();
  await demo?.remove();
});

async function errorOf(res: Response): Promise<{ status: number; body: ErrorJson }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as ErrorJson };
}

describe('admission at the edge', () => {
  it.each([
    ['no key', null, 401],
    ['an unknown key', 'xlir_not-a-key', 401],
    ['a revoked key', KEYS.revoked, 403],
  ])('refuses %s as the Node API does', async (_, key, status) => {
    // Act
    const edge = await errorOf(await worker.fetch('/v1/search', searchInit(SEARCH, key)));
    const api = await errorOf(await node.request('/v1/search', searchInit(SEARCH, key)));
    // Assess
    expect(edge.status).toBe(status);
    expect(edge).toEqual(api);
  });

  it('admits a key sent as X-API-Key', async () => {
    // Act
    const res = await worker.fetch('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.good },
      body: JSON.stringify(SEARCH),
    });
    // Assess
    expect(res.status).toBe(200);
  });

  it('reads keys from a KV namespace by their SHA-256', async () => {
    // Act
    const admitted = await kvWorker.fetch('/v1/search', searchInit(SEARCH, KV_KEY));
    const unknown = await errorOf(await kvWorker.fetch('/v1/search', searchInit(SEARCH, KEYS.good)));
    const broken = await errorOf(await kvWorker.fetch('/v1/search', searchInit(SEARCH, 'xlir_broken')));
    // Assess
    expect(admitted.status).toBe(200);
    expect(unknown.status).toBe(401);
    expect(broken.status).toBe(503);
    expect(KEY_ENTRIES.some((e) => e.hash === hashApiKey(KV_KEY))).toBe(false);
  });
});

describe('errors at the edge', () => {
  it.each([
    ['no route', '/v1/nothing', searchInit(SEARCH), 404],
    ['an unknown index', '/v1/search', searchInit({ ...SEARCH, index: 'nope' }), 404],
    ['a body off the schema', '/v1/search', searchInit({ ...SEARCH, top_k: 0, colour: 'red' }), 422],
    ['a document language the index lacks', '/v1/search', searchInit({ ...SEARCH, doc_langs: ['ko'] }), 400],
    [
      'malformed JSON',
      '/v1/search',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.good}` },
        body: '{"query": ',
      },
      400,
    ],
    [
      'a body that is not JSON',
      '/v1/search',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${KEYS.good}` },
        body: 'hello',
      },
      415,
    ],
  ])('answer %s with JSON and no server location', async (_, path, init, status) => {
    // Act
    const { status: got, body } = await errorOf(await worker.fetch(path, init));
    // Assess
    expect(got).toBe(status);
    expect(typeof body.error.type).toBe('string');
    expect(body.error.message).not.toMatch(SERVER_LOCATION);
  });

  it('answer schema mistakes with the Node API’s message', async () => {
    const init = searchInit({ ...SEARCH, top_k: 0, colour: 'red' });
    // Act
    const edge = await errorOf(await worker.fetch('/v1/search', init));
    const api = await errorOf(
      await node.request('/v1/search', searchInit({ ...SEARCH, top_k: 0, colour: 'red' })),
    );
    // Assess
    expect(edge).toEqual(api);
  });

  it('say an index that is not in the bucket is unavailable, without its location', async () => {
    // Act
    const { status, body } = await errorOf(await missingIndex.fetch('/v1/search', searchInit(SEARCH)));
    const health = await missingIndex.fetch('/healthz');
    // Assess
    expect(status).toBe(503);
    expect(body.error.message).toMatch(/^index demo is unavailable/);
    expect(body.error.message).not.toMatch(SERVER_LOCATION);
    expect(body.error.message).not.toContain('no-such-index');
    expect(((await health.json()) as { indexes: Array<{ state: string }> }).indexes[0]!.state).toBe(
      'degraded',
    );
  });

  it('leave one usage record per /v1 request, refusals included', async () => {
    output.length = 0;
    // Act
    await worker.fetch('/v1/search', searchInit(SEARCH, null));
    await worker.fetch('/v1/search', searchInit(SEARCH));
    await worker.fetch('/healthz');
    // Assess
    const records = output
      .filter((line) => line.startsWith('{"usage"'))
      .map((line) => (JSON.parse(line) as { usage: Record<string, unknown> }).usage);
    expect(records.map((r) => [r['key_id'], r['status'], r['billed_units'], r['route']])).toEqual([
      ['anonymous', 401, 0, '/v1/search'],
      ['good', 200, 1, '/v1/search'],
    ]);
  });
});
