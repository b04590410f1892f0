/**
 * `npm run edge:dev`: the edge Worker on loopback, in workerd through Miniflare, over the demo
 * index (built from the sample corpus into .xlir/demo on first run, as `npm start` does) and the
 * demo lexicon pack, both uploaded into Miniflare's in-memory R2 bucket. Like `npm start` it runs
 * without auth unless XLIR_AUTH=on (then XLIR_API_KEYS holds the keys); XLIR_RERANK_URL and
 * XLIR_RERANK_KEY point its rerank hop at a running xlir API (`npm start` serves one).
 *
 * Run: npm run edge:dev [-- --port N]   (default port 8788, next to npm start's 8787)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOME, ENV } from '../../lib/api/portable.js';
import { demoIndexDir, openDemoIndex } from '../../lib/cli/index.js';
import { EDGE_ENV } from './constants.js';
import { startLocalWorker } from './local.js';

const DEFAULT_EDGE_DEV_PORT = 8788;

/** The variables edge:dev passes on from its own environment, with `npm start`'s auth default. */
function devVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = { [EDGE_ENV.auth]: env[EDGE_ENV.auth] ?? 'off' };
  for (const name of [EDGE_ENV.apiKeys, EDGE_ENV.rerankUrl, EDGE_ENV.rerankKey, EDGE_ENV.requestDeadlineMs]) {
    const value = env[name];
    if (value !== undefined && value !== '') vars[name] = value;
  }
  return vars;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_EDGE_DEV_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0 to 65535, got ${values.port}`);
  const home = resolve(process.env[ENV.home] ?? DEFAULT_HOME);
  await openDemoIndex(home);
  const vars = devVars(process.env);
  if (vars[EDGE_ENV.auth] === 'off')
    console.warn(`${EDGE_ENV.auth}=off: every caller is served, as anonymous`);
  if (vars[EDGE_ENV.rerankUrl] === undefined) {
    console.warn(
      `${EDGE_ENV.rerankUrl} is unset: requests with "rerank" answer 503 (set it to a running API's /v1/rerank)`,
    );
  }
  const worker = await startLocalWorker({ indexDir: demoIndexDir(home), vars, port, verbose: true });
  const origin = worker.url.origin;
  console.log(`\nxlir edge Worker (workerd via Miniflare) listening on ${origin}`);
  console.log(
    `  R2: ${worker.uploaded.index.length} index objects under index/, ${worker.uploaded.lexicons.length} lexicon pack objects under lexicons/`,
  );
  console.log(
    `  try: curl -s ${origin}/v1/search -H 'content-type: application/json' -d '{"query": "Wer erfand das Telefon?"}'\n`,
  );
  const stop = async (signal: string): Promise<void> => {
    console.log(`${signal}: shutting down`);
    await worker.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
