/**
 * Bundles the edge Worker with esbuild into one ES module (dist/edge/worker.js, which
 * wrangler.toml deploys as it is) and says how big it is: Cloudflare limits a Worker to 1 MiB
 * gzipped on the free plan (10 MiB paid), and the size is what a cold isolate parses. Bundled for
 * the `workerd` and `worker` export conditions on the neutral platform, so any `node:` import that
 * creeps into the read path fails the build instead of needing nodejs_compat.
 *
 * Run: node --import tsx functions/edge/build.ts   (`npm run edge:build`)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const EDGE_DIR = dirname(fileURLToPath(import.meta.url));
export const WORKER_ENTRY = join(EDGE_DIR, 'worker.ts');
export const WORKER_OUTFILE = join(EDGE_DIR, '..', '..', 'dist', 'edge', 'worker.js');
/** Cloudflare's limit on a Worker's gzipped size on the free plan. */
export const WORKER_GZIP_LIMIT_BYTES = 1024 * 1024;
/** Inputs listed by `edge:build`, largest first. */
const LARGEST_INPUTS = 12;

export interface WorkerBundle {
  code: string;
  bytes: number;
  /** gzip at zlib's default level, as Cloudflare measures the upload. */
  gzipBytes: number;
  metafile: Metafile;
}

/** The Worker as one minified ES module; throws on an import the Workers runtime cannot load. */
export async function bundleWorker(options: { minify?: boolean } = {}): Promise<WorkerBundle> {
  const result = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'import'],
    mainFields: ['module', 'main'],
    minify: options.minify ?? true,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const bytes = new TextEncoder().encode(code);
  return { code, bytes: bytes.length, gzipBytes: gzipSync(bytes).length, metafile: result.metafile };
}

/** Input files by bytes in the bundle, grouped by package for node_modules. */
export function largestInputs(metafile: Metafile, limit = LARGEST_INPUTS): Array<[string, number]> {
  const output = Object.values(metafile.outputs)[0]!;
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    const name = pkg ? `npm:${pkg}` : path;
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

async function main(): Promise<void> {
  const bundle = await bundleWorker();
  await mkdir(dirname(WORKER_OUTFILE), { recursive: true });
  await writeFile(WORKER_OUTFILE, bundle.code);
  await writeFile(join(dirname(WORKER_OUTFILE), 'meta.json'), JSON.stringify(bundle.metafile));
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `${relative(process.cwd(), WORKER_OUTFILE)}: ${kib(bundle.bytes)}, gzip ${kib(bundle.gzipBytes)} (${bundle.gzipBytes} bytes; limit ${kib(WORKER_GZIP_LIMIT_BYTES)})`,
  );
  for (const [name, bytes] of largestInputs(bundle.metafile))
    console.log(`  ${kib(bytes).padStart(10)}  ${name}`);
  if (bundle.gzipBytes > WORKER_GZIP_LIMIT_BYTES) {
    console.error('the bundle is over the 1 MiB gzip limit of a free-plan Worker');
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
