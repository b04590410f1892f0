/**
 * A cold first query in workerd: the edge Worker as it deploys (functions/edge, run by Miniflare
 * on loopback) reading the bench index from an S3-compatible endpoint over fetch, where every GET
 * waits GET_LATENCY_MS before it is answered, like query-child.ts's store in Node. Each run starts
 * a fresh Worker (a new isolate: nothing open, nothing cached) and times one search from the
 * client, counting the GETs the endpoint served for it. Prints one JSON line.
 *
 * The endpoint is a small HTTP server over the index folder that answers what FetchStore sends
 * (path-style GET, with or without Range), nothing else.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { join, normalize, sep } from 'node:path';
import { EDGE_ENV } from '../../functions/edge/constants.js';
import { startLocalWorker } from '../../functions/edge/local.js';

const GET_LATENCY_MS = 60;
const COLD_RUNS = 7;
const BUCKET = 'bench';
const PREFIX = 'index';

const [indexDir, queriesPath] = process.argv.slice(2) as [string, string];
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];

let gets = 0;

/** `bytes=a-b` → [a, b + 1), or undefined for no (or an unusable) Range header. */
function parseRange(header: string | undefined, size: number): [number, number] | undefined {
  const match = /^bytes=(\d+)-(\d+)$/.exec(header ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Math.min(size, Number(match[2]) + 1)];
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  gets++;
  await new Promise((resolve) => setTimeout(resolve, GET_LATENCY_MS));
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const keyPrefix = `/${BUCKET}/${PREFIX}/`;
  const file = normalize(join(indexDir, path.slice(keyPrefix.length)));
  if (req.method !== 'GET') {
    res.writeHead(400).end();
    return;
  }
  let size: number;
  try {
    // Only the index is here (no lexicon pack): anything else is not found.
    if (!path.startsWith(keyPrefix) || !file.startsWith(normalize(indexDir) + sep))
      throw new Error('elsewhere');
    size = (await stat(file)).size;
  } catch {
    res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
    return;
  }
  const [start, end] = parseRange(req.headers.range, size) ?? [0, size];
  const length = Math.max(0, end - start);
  res.writeHead(req.headers.range ? 206 : 200, { 'content-length': length });
  // Streamed from the file, as an object store would send it: a large range (a head's documents
  // part) does not hold the server's one thread while a small one (its dictionary) waits.
  if (length === 0) res.end();
  else await pipeline(createReadStream(file, { start, end: end - 1 }), res);
}

const server = createServer((req, res) => void serve(req, res).catch(() => res.writeHead(500).end()));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const ms: number[] = [];
const getCounts: number[] = [];
try {
  for (let i = 0; i < COLD_RUNS; i++) {
    const worker = await startLocalWorker({
      indexDir,
      r2: false,
      vars: {
        [EDGE_ENV.auth]: 'off',
        [EDGE_ENV.s3Endpoint]: endpoint,
        [EDGE_ENV.s3Bucket]: BUCKET,
        [EDGE_ENV.indexPrefix]: PREFIX,
      },
      onOutput: () => {},
    });
    try {
      gets = 0;
      const started = performance.now();
      const res = await worker.fetch('/v1/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: queries[(i * 101) % queries.length], query_lang: 'en', top_k: 10 }),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`the Worker answered ${res.status}: ${body.slice(0, 200)}`);
      ms.push(performance.now() - started);
      getCounts.push(gets);
    } finally {
      await worker.close();
    }
  }
} finally {
  server.close();
}
const sorted = [...ms].sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ p50: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1), gets: getCounts })}\n`,
);
