/**
 * `xlir serve`: the HTTP API on @hono/node-server, configured by environment variables
 * (lib/api appDepsFromEnv). `--demo` first builds the demo index from the sample corpus when it
 * is missing and serves it as "demo" unless XLIR_INDEXES names others, and translates queries
 * with the hand-written demo lexicons unless XLIR_LEXICONS names a folder: what `npm start` runs.
 */
import { resolve } from 'node:path';
import {
  ApiConfigError,
  ApiKeyConfigError,
  appDepsFromEnv,
  BILLING_ENV,
  consoleLog,
  createApp,
  DEFAULT_HOME,
  DEFAULT_HOST,
  DEFAULT_INDEX_NAME,
  DEFAULT_PORT,
  ENV,
  startServer,
} from '../../api/index.js';
import { keyStoreOf } from '../../api/keys.js';
import { PROCESS_RATE_LIMITS } from '../../api/rate-limit.js';
import { ModelRegistry, releaseModels } from '../../rerank/index.js';
import { createLanguageDetector } from '../../text/index.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandArgs } from '../spec.js';
import { demoLexiconsDir, openDemoIndex } from './demo.js';
import type { SERVE } from './http-specs.js';

const MAX_PORT = 65_535;

/** What `--demo` filled in because the environment left it unset. */
export interface DemoDefaults {
  /** URI of the demo index, served as DEFAULT_INDEX_NAME. */
  index?: string;
  /** The demo lexicons folder. */
  lexicons?: string;
}

/**
 * `--demo`: the demo index (built on first use) for XLIR_INDEXES and the demo lexicons for
 * XLIR_LEXICONS, each only where `env` leaves it unset, so a demo server searches across the
 * sample corpus's languages while explicit settings still win. Mutates `env`.
 */
export async function applyDemoDefaults(env: Record<string, string | undefined>): Promise<DemoDefaults> {
  const filled: DemoDefaults = {};
  if (!env[ENV.indexes]?.trim()) {
    const reader = await openDemoIndex(resolve(env[ENV.home] ?? DEFAULT_HOME));
    env[ENV.indexes] = `${DEFAULT_INDEX_NAME}=${reader.uri}`;
    filled.index = reader.uri;
  }
  if (!env[ENV.lexicons]?.trim()) {
    filled.lexicons = demoLexiconsDir();
    env[ENV.lexicons] = filled.lexicons;
  }
  return filled;
}

/** Says at startup whether and with what queries are translated into the documents' languages. */
function lexiconsMessage(lexiconsDir: string | undefined, demo: DemoDefaults): string {
  if (lexiconsDir === undefined) {
    return `lexicons: none (${ENV.lexicons} is unset): queries are not translated (BM25 on their own words)`;
  }
  return demo.lexicons === undefined
    ? `lexicons: ${lexiconsDir} (PSQ into the indexes' other languages)`
    : `lexicons: ${lexiconsDir} (hand-written demo lexicons: a query finds passages in every language of the demo)`;
}

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

export async function serveCommand(args: CommandArgs<typeof SERVE.options>): Promise<void> {
  const port =
    parseNumber(args.port ?? process.env.PORT, '--port', { integer: true, min: 0, max: MAX_PORT }) ??
    DEFAULT_PORT;
  const host = args.host ?? DEFAULT_HOST;
  const env = { ...process.env };
  const demo = args.demo === true ? await applyDemoDefaults(env) : {};
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
  consoleLog.info(lexiconsMessage(deps.lexiconsDir, demo));
  if (deps.models.routingUri !== undefined) await checkModels(deps.models.routingUri);
  consoleLog.info(
    deps.auth.mode === 'off' ? 'auth: OFF' : `auth: on, ${keyStoreOf(deps.auth.keys).description}`,
  );
  consoleLog.info(
    deps.counters
      ? `quota counters and usage ledger: DynamoDB (${BILLING_ENV.usageTable})`
      : 'quota counters: this process, rebuilt from the usage ledger at start',
  );
  if (deps.auth.mode === 'keys') consoleLog.info(deps.rateLimiter?.description ?? PROCESS_RATE_LIMITS);

  // Load language identification now rather than during the first untagged query.
  await createLanguageDetector();
  const server = await startServer(createApp(deps), { port, host });
  console.log(`\nxlir API listening on ${server.url}`);
  console.log(`  playground  ${server.url}/`);
  console.log(`  API docs    ${server.url}/docs  (OpenAPI: ${server.url}/openapi.json)\n`);

  const shutdown = async (signal: string): Promise<void> => {
    consoleLog.info(`${signal}: shutting down`);
    await server.close();
    await deps.usage.close?.();
    // Lets the inference thread finish the batch it is in: exiting inside a native run aborts.
    await releaseModels();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
