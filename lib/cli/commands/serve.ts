/**
 * `xlir serve`: the HTTP API on @hono/node-server, configured by environment variables
 * (lib/api appDepsFromEnv). `--demo` first builds the demo index from the sample corpus when it
 * is missing and serves it as "demo" unless XLIR_INDEXES names others: what `npm start` runs.
 */
import { resolve } from 'node:path';
import {
  ApiConfigError,
  ApiKeyConfigError,
  appDepsFromEnv,
  consoleLog,
  createApp,
  DEFAULT_HOME,
  DEFAULT_HOST,
  DEFAULT_INDEX_NAME,
  DEFAULT_PORT,
  ENV,
  startServer,
} from '../../api/index.js';
import { ModelRegistry } from '../../rerank/index.js';
import { parseCommandArgs, parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { openDemoIndex } from './demo.js';

export const SERVE_USAGE = 'xlir serve [--port N] [--host ADDR] [--demo]';

const MAX_PORT = 65_535;

/** Says at startup whether reranking will work; the server starts either way and retries per request. */
async function checkModels(routingUri: string): Promise<void> {
  try {
    const registry = await ModelRegistry.open(routingUri);
    consoleLog.info(`rerank models: ${registry.ids().join(', ')} (${routingUri})`);
  } catch (error) {
    consoleLog.warn(
      `rerank models at ${routingUri} cannot be used (${(error as Error).message}): serving BM25 only until they can; reranking requests get 503 and /v1/models says why`,
    );
  }
}

export async function serveCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
    SERVE_USAGE,
  );
  const port =
    parseNumber(args.port ?? process.env.PORT, '--port', { integer: true, min: 0, max: MAX_PORT }) ??
    DEFAULT_PORT;
  const host = args.host ?? DEFAULT_HOST;
  const env = { ...process.env };
  if (args.demo === true && !env[ENV.indexes]?.trim()) {
    const home = resolve(env[ENV.home] ?? DEFAULT_HOME);
    const reader = await openDemoIndex(home);
    env[ENV.indexes] = `${DEFAULT_INDEX_NAME}=${reader.uri}`;
  }
  const deps = await appDepsFromEnv(env, consoleLog).catch((error: Error) => {
    throw error instanceof ApiConfigError || error instanceof ApiKeyConfigError
      ? new UsageError(error.message)
      : error;
  });
  // No gateway stands in front of this server to validate keys and pass their ids.
  if (deps.auth.mode === 'gateway') {
    throw new UsageError(`${ENV.auth}=gateway is for the Lambda handler behind API Gateway; use on or off`);
  }
  for (const [name, uri] of Object.entries(deps.indexes)) consoleLog.info(`index ${name}: ${uri}`);
  if (deps.models.routingUri !== undefined) await checkModels(deps.models.routingUri);
  consoleLog.info(
    deps.auth.mode === 'off' ? 'auth: OFF' : `auth: on, ${deps.auth.keys.length} API key(s) configured`,
  );

  const server = await startServer(createApp(deps), { port, host });
  console.log(`\nxlir API listening on ${server.url}`);
  console.log(`  playground  ${server.url}/`);
  console.log(`  API docs    ${server.url}/docs  (OpenAPI: ${server.url}/openapi.json)\n`);

  const shutdown = async (signal: string): Promise<void> => {
    consoleLog.info(`${signal}: shutting down`);
    await server.close();
    await deps.usage.close?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
