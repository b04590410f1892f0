import { describe, expect, it } from 'vitest';
import {
  ApiConfigError,
  appDepsFromEnv,
  createApp,
  MemoryUsageSink,
  type ApiApp,
  type UpstreamKeyIdReader,
} from '../../lib/api/index.js';
import { type ErrorJson, fakeClock, KEYS, memoryLog, testApp, testDeps, useFixtureIndex } from './helpers.js';

const fixture = useFixtureIndex();

/** Stands in for the Lambda handler's reader: the tests pass the key id as the request's c.env. */
interface GatewayBindings {
  apiKeyId?: string;
}
const readBindingsKeyId: UpstreamKeyIdReader = (c) => (c.env as GatewayBindings | undefined)?.apiKeyId;

/** `apiKeyId`: what the gateway passed (undefined: nothing); `key`: a key the request itself presents. */
function getAsGateway(app: ApiApp, path: string, apiKeyId: string | undefined, key?: string) {
  const bindings: GatewayBindings = apiKeyId === undefined ? {} : { apiKeyId };
  return app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} }, bindings);
}

function gatewayApp(usage: MemoryUsageSink, now?: () => number): ApiApp {
  return testApp(fixture.indexDir, {
    auth: { mode: 'gateway' },
    upstreamKeyId: readBindingsKeyId,
    usage,
    ...(now ? { now } : {}),
  });
}

const ENV_BASE = { XLIR_MODELS: 'off', XLIR_USAGE_SINK: 'none' };

describe('gateway auth (XLIR_AUTH=gateway)', () => {
  it('serves the caller as the key id the gateway validated, without local rate limits or quotas', async () => {
    // Prepare: "slow" would be refused locally by its third request in a minute
    const usage = new MemoryUsageSink();
    const app = gatewayApp(usage, fakeClock().now);
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getAsGateway(app, '/v1/usage', 'gw-key-1')).status);
    const own = await getAsGateway(app, '/v1/usage', 'gw-key-1');
    const withLocalKey = await getAsGateway(app, '/v1/usage', 'gw-key-2', KEYS.slow);
    // Assess
    expect(statuses).toEqual([200, 200, 200]);
    expect(await own.json()).toMatchObject({
      key_id: 'gw-key-1',
      requests: 3,
      quota: null,
      rate_limit: null,
    });
    expect(withLocalKey.status).toBe(200);
    expect(((await withLocalKey.json()) as { key_id: string }).key_id).toBe('gw-key-2');
    expect(usage.records.map((r) => r.key_id)).toEqual([...Array<string>(4).fill('gw-key-1'), 'gw-key-2']);
  });

  it('answers 401 in the error shape when the gateway passed no key id, even with a local key', async () => {
    // Prepare
    const usage = new MemoryUsageSink();
    const app = gatewayApp(usage);
    // Act
    const bare = await getAsGateway(app, '/v1/usage', undefined);
    const empty = await getAsGateway(app, '/v1/usage', '');
    const withLocalKey = await getAsGateway(app, '/v1/usage', undefined, KEYS.good);
    // Assess
    for (const response of [bare, empty, withLocalKey]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as ErrorJson).error).toEqual({
        type: 'unauthorized',
        message: expect.stringContaining('the API gateway passed no API key id'),
      });
    }
    expect(usage.records.map((r) => [r.key_id, r.status, r.billed_units])).toEqual([
      ['anonymous', 401, 0],
      ['anonymous', 401, 0],
      ['anonymous', 401, 0],
    ]);
  });

  it('refuses to create the app in gateway mode without a reader of the gateway key id', () => {
    // Prepare
    const deps = testDeps(fixture.indexDir, { auth: { mode: 'gateway' } });
    // Act
    const attempt = () => createApp(deps);
    // Assess
    expect(attempt).toThrow(ApiConfigError);
    expect(attempt).toThrow(/XLIR_AUTH=gateway needs a host that reads the key id/);
  });
});

describe('appDepsFromEnv: XLIR_AUTH', () => {
  it('reads gateway mode without needing XLIR_API_KEYS, and says who enforces limits', async () => {
    // Prepare
    const log = memoryLog();
    // Act
    const deps = await appDepsFromEnv(
      { ...ENV_BASE, XLIR_INDEXES: fixture.indexDir, XLIR_AUTH: 'gateway' },
      log,
    );
    // Assess
    expect(deps.auth).toEqual({ mode: 'gateway' });
    expect(log.lines.some((l) => l.level === 'info' && l.message.includes('usage plan'))).toBe(true);
    expect(log.lines.some((l) => l.message.includes('AUTH IS OFF'))).toBe(false);
  });

  it('refuses any other value, listing the allowed ones', async () => {
    // Act
    const attempt = appDepsFromEnv(
      { ...ENV_BASE, XLIR_INDEXES: fixture.indexDir, XLIR_AUTH: 'apigateway' },
      memoryLog(),
    );
    // Assess
    await expect(attempt).rejects.toThrow(ApiConfigError);
    await expect(attempt).rejects.toThrow('XLIR_AUTH must be one of on, off, gateway; got "apigateway"');
  });
});
