import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiGatewayEvent } from '../../functions/api/handler.js';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

async function fixture(name: string): Promise<ApiGatewayEvent> {
  return JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as ApiGatewayEvent;
}

function lambdaContext(awsRequestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'xlir-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:xlir-api',
    memoryLimitInMB: '3008',
    awsRequestId,
    logGroupName: '/aws/lambda/xlir-api',
    logStreamName: '2026/11/24/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Powertools writes to the global console in dev mode; keep its lines for assertions. */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
  return lines;
}

/** A fresh handler module: its container-level state (app, cold-start flag) starts over. */
async function loadHandler() {
  vi.resetModules();
  return (await import('../../functions/api/handler.js')).handler;
}

async function readLedger(path: string, atLeast: number): Promise<Array<Record<string, unknown>>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = await readFile(path, 'utf8').catch(() => '');
    const lines = text.split('\n').filter(Boolean);
    if (lines.length >= atLeast) return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`usage ledger ${path} never reached ${atLeast} records`);
}

describe('API Lambda handler', () => {
  let logs: string[];

  beforeEach(() => {
    logs = captureConsole();
    // What Lambda sets for on-demand containers; Powertools counts cold starts only there.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'DEBUG');
    vi.stubEnv('XLIR_MODELS', 'off');
    vi.stubEnv('XLIR_AUTH', 'off');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('serves /healthz and /v1/search from REST (v1) and HTTP API (v2) events, starting once', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const indexDir = join(dir, 'index');
      const ledger = join(dir, 'usage.jsonl');
      await buildIndex(asRecords(ENGLISH_DOCS), openStore(indexDir));
      vi.stubEnv('XLIR_INDEXES', `default=${pathToFileURL(indexDir).href}`);
      vi.stubEnv('XLIR_USAGE_SINK', 'jsonl');
      vi.stubEnv('XLIR_USAGE_LEDGER', ledger);
      const reference = new Searcher(await IndexReader.open(openStore(indexDir)));
      const expected = await reference.search('telephone 1876', { queryLang: 'en', topK: 3 });
      const handler = await loadHandler();
      // Act
      const v2Health = await handler(await fixture('http-v2-healthz.json'), lambdaContext('req-1'));
      const v1Search = await handler(await fixture('rest-v1-search.json'), lambdaContext('req-2'));
      const v1Health = await handler(await fixture('rest-v1-healthz.json'), lambdaContext('req-3'));
      const v2Search = await handler(await fixture('http-v2-search.json'), lambdaContext('req-4'));
      // Assess
      expect(v2Health.statusCode).toBe(200);
      expect(JSON.parse(v2Health.body)).toMatchObject({
        status: 'ok',
        // The warm-up opened it during init.
        indexes: [{ name: 'default', state: 'ok' }],
        reranking: false,
      });
      expect(v1Health.statusCode).toBe(200);
      expect(v1Search.statusCode).toBe(200);
      const search = JSON.parse(v1Search.body) as { results: Array<{ doc_id: string; bm25_score: number }> };
      expect(search.results.map((r) => r.doc_id)).toEqual(expected.hits.map((h) => h.docId));
      expect(search.results[0]!.bm25_score).toBeCloseTo(expected.hits[0]!.score, 6);
      expect(v2Search.statusCode).toBe(200);
      const german = JSON.parse(v2Search.body) as { results: Array<{ doc_id: string; text?: string }> };
      expect(german.results[0]).toMatchObject({ doc_id: 'd16', text: expect.stringContaining('Telefon') });
      expect(logs.filter((line) => line.includes('"ColdStart"'))).toHaveLength(1);
      expect(
        logs.some((l) => l.includes('c6af9ac6-7b61-11e6-9a41-93e8deadbeef') && l.includes('req-2')),
      ).toBe(true);
      // The warm-up's own requests (/v1/indexes, /v1/models) are not billed to anyone.
      const usage = await readLedger(ledger, 2);
      expect(usage.map((r) => r.route)).toEqual(['/v1/search', '/v1/search']);
    });
  });

  it('bills usage to the API key id API Gateway validated, and refuses events that carry none', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const indexDir = join(dir, 'index');
      const ledger = join(dir, 'usage.jsonl');
      await buildIndex(asRecords(ENGLISH_DOCS), openStore(indexDir));
      vi.stubEnv('XLIR_INDEXES', `default=${indexDir}`);
      vi.stubEnv('XLIR_AUTH', 'gateway');
      vi.stubEnv('XLIR_USAGE_SINK', 'jsonl');
      vi.stubEnv('XLIR_USAGE_LEDGER', ledger);
      const keyed = (await fixture('rest-v1-search.json')) as APIGatewayProxyEvent;
      const keyless = structuredClone(keyed);
      delete (keyless.requestContext.identity as Partial<typeof keyless.requestContext.identity>).apiKeyId;
      const handler = await loadHandler();
      // Act
      const v1Keyed = await handler(keyed, lambdaContext('req-keyed'));
      const v1Keyless = await handler(keyless, lambdaContext('req-keyless'));
      const v2 = await handler(await fixture('http-v2-search.json'), lambdaContext('req-v2'));
      // Assess
      expect(v1Keyed.statusCode).toBe(200);
      for (const refused of [v1Keyless, v2]) {
        expect(refused.statusCode).toBe(401);
        expect(JSON.parse(refused.body)).toEqual({
          error: { type: 'unauthorized', message: expect.stringContaining('gateway passed no API key id') },
        });
      }
      const usage = await readLedger(ledger, 3);
      expect(usage.map((r) => [r.key_id, r.route, r.status])).toEqual([
        [keyed.requestContext.identity.apiKeyId, '/v1/search', 200],
        ['anonymous', '/v1/search', 401],
        ['anonymous', '/v1/search', 401],
      ]);
      expect(keyed.requestContext.identity.apiKeyId).toBe('k1a2b3c4d5');
      // The warm-up requests are admitted too, so they still open the index before any caller.
      expect(logs.filter((line) => line.includes('warm-up'))).toEqual([]);
    });
  });

  it('answers 503 while its configuration is broken and recovers without a new container', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const indexDir = join(dir, 'index');
      await buildIndex(asRecords(ENGLISH_DOCS), openStore(indexDir));
      vi.stubEnv('XLIR_INDEXES', `default=${indexDir}`);
      vi.stubEnv('XLIR_USAGE_SINK', 'none');
      vi.stubEnv('XLIR_DEFAULT_INDEX', 'missing');
      const handler = await loadHandler();
      // Act
      const broken = await handler(await fixture('http-v2-healthz.json'), lambdaContext('req-broken'));
      vi.stubEnv('XLIR_DEFAULT_INDEX', 'default');
      const fixed = await handler(await fixture('http-v2-healthz.json'), lambdaContext('req-fixed'));
      // Assess
      expect(broken.statusCode).toBe(503);
      expect(JSON.parse(broken.body)).toEqual({
        error: { type: 'unavailable', message: expect.stringContaining('req-broken') },
      });
      expect(broken.body).not.toContain('XLIR_DEFAULT_INDEX');
      expect(fixed.statusCode).toBe(200);
    });
  });
});
