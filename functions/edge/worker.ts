/**
 * The Cloudflare Worker's entry (what build.ts bundles and wrangler.toml names): the edge app,
 * built once per isolate from its bindings and kept, so the index, the lexicon pack and the
 * detector table stay warm between requests. A configuration mistake does not throw at start: the
 * app answers every request with a 503 naming what to set, and logs it once.
 */
import type { ApiLog } from '../../lib/api/portable.js';
import { createEdgeApp, type EdgeApp } from './app.js';
import { EdgeConfigError, edgeConfig, type EdgeConfig, type EdgeEnv } from './config.js';
import { edgeSources, type EdgeSources } from './sources.js';
import { LogUsageSink, QueueUsageSink } from './usage.js';

/** What the Worker uses of the runtime's ExecutionContext. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** One JSON line per message: what Workers Logs index. */
const workerLog: ApiLog = {
  info: (message, details) => console.log(JSON.stringify({ level: 'info', message, ...details })),
  warn: (message, details) => console.warn(JSON.stringify({ level: 'warn', message, ...details })),
  error: (message, details) => console.error(JSON.stringify({ level: 'error', message, ...details })),
};

interface Isolate {
  app: EdgeApp;
  sources: EdgeSources | undefined;
}

let isolate: Isolate | undefined;

function start(env: EdgeEnv): Isolate {
  let config: EdgeConfig | EdgeConfigError;
  try {
    config = edgeConfig(env, workerLog);
  } catch (error) {
    if (!(error instanceof EdgeConfigError)) throw error;
    workerLog.error(`the Worker is not configured: ${error.message}`);
    config = error;
  }
  const sources = config instanceof EdgeConfigError ? undefined : edgeSources(config, workerLog);
  const usage =
    config instanceof EdgeConfigError || config.usageQueue === undefined
      ? new LogUsageSink()
      : new QueueUsageSink(config.usageQueue);
  return { app: createEdgeApp({ config, ...(sources ? { sources } : {}), usage, log: workerLog }), sources };
}

export default {
  async fetch(request: Request, env: EdgeEnv, ctx: ExecutionContextLike): Promise<Response> {
    isolate ??= start(env);
    const response = await isolate.app.fetch(request);
    // A request may have started a background check for a newly published build; keep this
    // request's context alive until it ends, or the runtime would cancel its reads.
    if (isolate.sources) ctx.waitUntil(isolate.sources.indexes.settled());
    return response;
  },
};
