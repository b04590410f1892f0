/** Fixtures of the API tests: a small index, keys, a fake clock, and request helpers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  createApp,
  hashApiKey,
  MemoryUsageSink,
  type ApiApp,
  type ApiKeyEntry,
  type ApiLog,
  type AppDeps,
} from '../../lib/api/index.js';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS } from '../helpers/corpus.js';
import { ROUTING_FIXTURE, TEST_THREADS } from '../rerank/helpers.js';

export { ENGLISH_DOCS, ROUTING_FIXTURE };

/** Keys of the auth matrix: the plain keys the tests send, and the hashed entries the server holds. */
export const KEYS = {
  good: 'xlir_test-good-key',
  revoked: 'xlir_test-revoked-key',
  tight: 'xlir_test-tight-quota-key',
  slow: 'xlir_test-slow-rate-key',
} as const;

export const KEY_ENTRIES: ApiKeyEntry[] = [
  { id: 'good', hash: hashApiKey(KEYS.good), quota: 1_000, rate_per_minute: 1_000 },
  { id: 'revoked', hash: hashApiKey(KEYS.revoked), quota: 1_000, rate_per_minute: 1_000, revoked: true },
  { id: 'tight', hash: hashApiKey(KEYS.tight), quota: 2, rate_per_minute: 1_000 },
  { id: 'slow', hash: hashApiKey(KEYS.slow), quota: 1_000, rate_per_minute: 2 },
];

/** Collects log lines instead of printing them. */
export function memoryLog(): ApiLog & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A settable clock (epoch ms) for rate limits and quota periods. */
export function fakeClock(start = Date.UTC(2026, 0, 15, 12)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export async function buildFixtureIndex(dir: string, docs = ENGLISH_DOCS): Promise<string> {
  await buildIndex(asRecords(docs), openStore(dir), { shardDocs: 6 });
  return dir;
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'xlir-api-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface FixtureIndex {
  /** The test file's temporary folder; the index is its "index" subfolder. */
  dir: string;
  indexDir: string;
  /** A searcher over the same index, for expected results. */
  searcher: Searcher;
}

/**
 * Builds the fixture index once for a test file (beforeAll) and, after its tests, releases the
 * rerank models and removes the folder (afterAll). The fields are set once beforeAll has run.
 */
export function useFixtureIndex(): FixtureIndex {
  const fixture = {} as FixtureIndex;
  let remove = async (): Promise<void> => {};
  beforeAll(async () => {
    const temp = await tempDir();
    remove = temp.remove;
    fixture.dir = temp.dir;
    fixture.indexDir = await buildFixtureIndex(join(temp.dir, 'index'));
    fixture.searcher = new Searcher(await IndexReader.open(openStore(fixture.indexDir)));
  });
  afterAll(async () => {
    await releaseModels();
    await remove();
  });
  return fixture;
}

export function testDeps(indexDir: string, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    indexes: { fixture: indexDir },
    defaultIndex: 'fixture',
    models: { routingUri: ROUTING_FIXTURE, threads: TEST_THREADS },
    auth: { mode: 'keys', keys: KEY_ENTRIES },
    usage: new MemoryUsageSink(),
    log: memoryLog(),
    ...overrides,
  };
}

export function testApp(indexDir: string, overrides: Partial<AppDeps> = {}): ApiApp {
  return createApp(testDeps(indexDir, overrides));
}

/** `key`: the API key sent as a bearer token; null sends none. */
export function postJson(app: ApiApp, path: string, body: unknown, key: string | null = KEYS.good) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function getJson(app: ApiApp, path: string, key: string | null = KEYS.good) {
  return app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

export interface ErrorJson {
  error: { type: string; message: string };
}
