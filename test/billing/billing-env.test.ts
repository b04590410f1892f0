/**
 * What the environment may configure for keys and quotas, and what Lambda refuses: auth off,
 * and per-container quota counters. The Lambda handler turns a refused configuration into a
 * logged start failure and a 503, never a served request.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiGatewayEvent } from '../../functions/api/handler.js';
import { DynamoRateLimiter } from '../../lib/api/dynamodb/rate-window.js';
import { ApiConfigError, appDepsFromEnv, type Env } from '../../lib/api/index.js';
import { KEY_ENTRIES, memoryLog, useFixtureIndex } from '../api/helpers.js';

const fixture = useFixtureIndex();
const LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'xlir-api', AWS_REGION: 'eu-west-1' };

function env(extra: Env): Env {
  return { XLIR_INDEXES: fixture.indexDir, XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none', ...extra };
}

describe('billing configuration', () => {
  it('refuses XLIR_AUTH=off on Lambda, saying what to use instead', async () => {
    // Act
    const attempt = appDepsFromEnv(env({ ...LAMBDA, XLIR_AUTH: 'off' }), memoryLog());
    // Assess
    await expect(attempt).rejects.toThrow(ApiConfigError);
    await expect(attempt).rejects.toThrow(/XLIR_AUTH=off is refused on Lambda.*XLIR_AUTH=gateway/);
  });

  it('refuses keys on Lambda without the shared usage table, and accepts them with it', async () => {
    // Prepare
    const keys = JSON.stringify(KEY_ENTRIES);
    // Act
    const alone = await appDepsFromEnv(
      env({ ...LAMBDA, XLIR_AUTH: 'on', XLIR_API_KEYS: keys }),
      memoryLog(),
    ).catch((error: unknown) => error);
    const shared = await appDepsFromEnv(
      env({ ...LAMBDA, XLIR_AUTH: 'on', XLIR_API_KEYS: keys, XLIR_USAGE_TABLE: 'xlir-usage' }),
      memoryLog(),
    );
    const gateway = await appDepsFromEnv(env({ ...LAMBDA, XLIR_AUTH: 'gateway' }), memoryLog());
    // Assess
    expect(alone).toBeInstanceOf(ApiConfigError);
    expect((alone as Error).message).toMatch(/needs XLIR_USAGE_TABLE.*multiplying every key's quota/);
    expect(shared.counters).toBeDefined();
    expect(shared.rateLimiter).toBeInstanceOf(DynamoRateLimiter);
    expect(shared.auth.mode).toBe('keys');
    expect(gateway.auth).toEqual({ mode: 'gateway' });
    expect(gateway.counters).toBeUndefined();
    expect(gateway.rateLimiter).toBeUndefined();
  });

  it('refuses a keys table together with XLIR_API_KEYS, and a malformed table name', async () => {
    // Act
    const both = appDepsFromEnv(
      env({
        XLIR_API_KEYS: JSON.stringify(KEY_ENTRIES),
        XLIR_KEYS_TABLE: 'xlir-keys',
        AWS_REGION: 'eu-west-1',
      }),
      memoryLog(),
    );
    const badName = appDepsFromEnv(
      env({ XLIR_AUTH: 'gateway', XLIR_USAGE_TABLE: 'no spaces/please' }),
      memoryLog(),
    );
    // Assess
    await expect(both).rejects.toThrow(/set XLIR_API_KEYS or a keys table, not both/);
    await expect(badName).rejects.toThrow(/XLIR_USAGE_TABLE must be a DynamoDB table name/);
  });
});

describe('the Lambda handler with XLIR_AUTH=off', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('does not start: every request gets 503 and the log says why', async () => {
    // Prepare
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'xlir-api');
    vi.stubEnv('XLIR_AUTH', 'off');
    vi.stubEnv('XLIR_MODELS', 'off');
    vi.stubEnv('XLIR_USAGE_SINK', 'none');
    vi.stubEnv('XLIR_INDEXES', `default=${fixture.indexDir}`);
    const event = JSON.parse(
      await readFile(join(import.meta.dirname, '../functions/fixtures/rest-v1-search.json'), 'utf8'),
    ) as ApiGatewayEvent;
    vi.resetModules();
    const { handler } = await import('../../functions/api/handler.js');
    // Act
    const response = await handler(event, { awsRequestId: 'req-off' } as Context);
    // Assess
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({
      error: { type: 'unavailable', message: expect.stringContaining('req-off') },
    });
    expect(lines.some((l) => l.includes('api start failed') && l.includes('refused on Lambda'))).toBe(true);
  });
});
