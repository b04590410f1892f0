/**
 * The edge Worker on this machine: bundled as it deploys (build.ts), run by workerd through
 * Miniflare on loopback, with an in-memory R2 bucket filled with a local index folder and the
 * demo lexicon pack, or another pack folder (demo-bucket.ts). `npm run edge:dev` and the edge
 * tests start it this way. Node-only.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { bundleWorker, type WorkerBundle } from './build.js';
import { EDGE_COMPATIBILITY_DATE, EDGE_ENV } from './constants.js';
import { uploadDemo } from './demo-bucket.js';

export interface LocalWorkerOptions {
  /** The index folder to upload (the demo index: demoIndexDir of the xlir home). */
  indexDir: string;
  /** The lexicon pack folder to upload; the demo pack (samples/lexicon-pack) without it. */
  lexiconPackDir?: string;
  /**
   * false: bind no R2 bucket and upload nothing, for a Worker whose `vars` point it at an
   * S3-compatible store the caller filled (uploadDemo takes a FetchStore as well).
   */
  r2?: boolean;
  /** String variables and secrets (XLIR_AUTH, XLIR_API_KEYS, XLIR_RERANK_URL, ...). */
  vars?: Readonly<Record<string, string>>;
  /** Serve on this port (0: any free one); without it the Worker is reached by dispatchFetch only. */
  port?: number;
  /** Print workerd's log (console.log of the Worker: usage lines, warnings). */
  verbose?: boolean;
  /** KV namespaces to bind (XLIR_KEYS); fill them through `miniflare.getKVNamespace`. */
  kvNamespaces?: string[];
  /** Receives each line the Worker writes (its usage records, its log) instead of the console. */
  onOutput?: (line: string) => void;
}

export interface LocalWorker {
  miniflare: Miniflare;
  /** http://127.0.0.1:PORT/ */
  url: URL;
  /** Requests the Worker as a client would (through workerd's socket). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Keys written to the bucket. */
  uploaded: { index: string[]; lexicons: string[] };
  close(): Promise<void>;
}

/** One bundle per process: every local Worker runs the same code. */
let bundled: Promise<WorkerBundle> | undefined;

export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  bundled ??= bundleWorker();
  const bundle = await bundled;
  const miniflare = new Miniflare({
    modules: true,
    script: bundle.code,
    scriptPath: 'worker.js',
    compatibilityDate: EDGE_COMPATIBILITY_DATE,
    ...(options.r2 === false ? {} : { r2Buckets: [EDGE_ENV.bucket] }),
    ...(options.kvNamespaces ? { kvNamespaces: options.kvNamespaces } : {}),
    bindings: { ...options.vars },
    host: '127.0.0.1',
    // A fixed placeholder for request.cf: Miniflare would otherwise fetch one from Cloudflare.
    cf: false,
    ...(options.port !== undefined ? { port: options.port } : {}),
    log: new Log(options.verbose ? LogLevel.INFO : LogLevel.WARN),
    ...(options.onOutput
      ? {
          handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
            for (const input of [stdout, stderr]) createInterface({ input }).on('line', options.onOutput!);
          },
        }
      : {}),
  });
  try {
    const url = await miniflare.ready;
    const uploaded =
      options.r2 === false
        ? { index: [], lexicons: [] }
        : await uploadDemo(
            await miniflare.getR2Bucket(EDGE_ENV.bucket),
            options.indexDir,
            options.lexiconPackDir,
          );
    return {
      miniflare,
      url,
      uploaded,
      fetch: async (path, init) =>
        (await miniflare.dispatchFetch(new URL(path, url), init as never)) as unknown as Response,
      close: () => miniflare.dispose(),
    };
  } catch (error) {
    await miniflare.dispose();
    throw error;
  }
}
