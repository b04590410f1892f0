import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalWorker } from '../../functions/edge/local.js';
import { EDGE_ENV } from '../../functions/edge/constants.js';
import { createApp, startServer, type ApiApp, type RunningServer } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { TEST_THREADS } from '../rerank/helpers.js';
import {
  DEMO_PACK_DIR,
  demoHome,
  demoQueries,
  expectSameRanking,
  keyedVars,
  KEYS,
  nodeDemoDeps,
  nodeSearch,
  searchInit,
  startWorker,
  workerSearch,
  type DemoQuery,
  type SearchBody,
} from './helpers.js';

/*
 * The Worker's rerank hop: the first stage in workerd, the candidates' texts to a Node API's
 * /v1/rerank (the shipped demo models), fused in the Worker. Reranked through the hop, a search
 * equals the Node API's own reranked search; a rerank URL that hangs or is dead costs the rerank
 * (first-stage order, partial: true), never the search, and never past the deadline.
 */

const ROUTING = fileURLToPath(new URL('../../models/routing.json', import.meta.url));
const DEPTH = 20;
const SCORE_TOLERANCE = 1e-9;
/** Topics reranked by different routes: en→en and en→*, de→ru, ru, th (the multilingual model). */
const RERANKED_TOPICS = ['q01', 'q02', 'q05', 'q08'];
const DEADLINE_MS = 1_500;
/** What a response may take past its deadline: the response's own reserve, and a loaded CI host. */
const DEADLINE_SLACK_MS = 700;

/** Stands between the Worker and the API: forwards, hangs, or stops listening. */
class RerankProxy {
  mode: 'forward' | 'hang' = 'forward';
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (this.mode === 'hang') return void this.hanging.push(res);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const answer = await fetch(`${this.target}${req.url}`, {
          method: req.method,
          headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
          body: Buffer.concat(chunks),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/rerank`;
  }

  /** Stops listening: the URL is dead (connection refused). */
  async stop(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

let demo: Awaited<ReturnType<typeof demoHome>>;
let api: RunningServer;
let node: ApiApp;
let proxy: RerankProxy;
let worker: LocalWorker;
let unconfigured: LocalWorker;
let queries: DemoQuery[];

beforeAll(async () => {
  demo = await demoHome();
  queries = (await demoQueries()).filter((q) => RERANKED_TOPICS.includes(q.qid));
  node = createApp(
    nodeDemoDeps(demo.indexDir, {
      lexiconsDir: DEMO_PACK_DIR,
      models: { routingUri: ROUTING, threads: TEST_THREADS },
    }),
  );
  api = await startServer(node, { port: 0 });
  proxy = new RerankProxy(api.url);
  await proxy.start();
  worker = await startWorker(demo.indexDir, {
    vars: keyedVars({ [EDGE_ENV.rerankUrl]: proxy.url, [EDGE_ENV.rerankKey]: KEYS.good }),
  });
  unconfigured = await startWorker(demo.indexDir);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await unconfigured?.close();
  await proxy?.stop();
  await api?.close();
  await releaseModels();
  await demo?.remove();
});

const reranked = (q: DemoQuery, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  query: q.query,
  query_lang: q.lang,
  top_k: 10,
  rerank: { depth: DEPTH },
  ...extra,
});

/** The rerank's account, without its timings. */
function rerankMeta(body: SearchBody): unknown {
  return body.meta.rerank;
}

describe('the Worker reranking through the Node API', () => {
  it('equals the Node API reranking the same search itself', async () => {
    for (const q of queries) {
      // Act
      const [edge, own] = [await workerSearch(worker, reranked(q)), await nodeSearch(node, reranked(q))];
      // Assess
      expect(edge.meta.reranked).toBe(true);
      expect(edge.meta.partial).toBe(false);
      expectSameRanking(edge.results, own.results, SCORE_TOLERANCE, `${q.qid} reranked`);
      expect(edge.results.map((h) => h.model)).toEqual(own.results.map((h) => h.model));
      expect(rerankMeta(edge)).toEqual(rerankMeta(own));
    }
  });

  it('fuses at the request’s λ', async () => {
    const q = queries[0]!;
    // Act
    const [edge, own] = [
      await workerSearch(worker, reranked(q, { rerank: { depth: DEPTH, lambda: 0.8 } })),
      await nodeSearch(node, reranked(q, { rerank: { depth: DEPTH, lambda: 0.8 } })),
    ];
    // Assess
    expect(edge.meta.rerank?.['lambda']).toBe(0.8);
    expectSameRanking(edge.results, own.results, SCORE_TOLERANCE, 'λ 0.8');
  });

  it('answers 404 for a model the rerank API does not have', async () => {
    // Act
    const res = await worker.fetch(
      '/v1/search',
      searchInit(reranked(queries[0]!, { rerank: { depth: 5, model: 'nope' } })),
    );
    // Assess
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('not_found');
    expect(body.error.message).toContain('no model "nope"');
    expect(body.error.message).not.toMatch(/https?:|127\.0\.0\.1/);
  });

  it('answers 503 naming what to set when no rerank URL is configured', async () => {
    // Act
    const res = await unconfigured.fetch('/v1/search', searchInit(reranked(queries[0]!)));
    // Assess
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.message).toContain(EDGE_ENV.rerankUrl);
  });

  it.each([
    ['hangs', 'hang' as const, 'rerank_deadline'],
    ['is dead', 'dead' as const, 'rerank_unavailable'],
  ])(
    'keeps the first-stage order, partial, within the deadline, when the rerank URL %s',
    async (_, mode, reason) => {
      const q = queries[1]!;
      if (mode === 'dead') await proxy.stop();
      else proxy.mode = mode;
      const firstStage = await nodeSearch(node, { query: q.query, query_lang: q.lang, top_k: 10 });
      // Act
      const started = performance.now();
      const edge = await workerSearch(worker, reranked(q, { deadline_ms: DEADLINE_MS }));
      const elapsed = performance.now() - started;
      // Assess
      expect(edge.meta.partial).toBe(true);
      expect(edge.meta.partial_reasons).toEqual([reason]);
      expect(edge.results.map((h) => h.doc_id)).toEqual(firstStage.results.map((h) => h.doc_id));
      expect(edge.results.map((h) => h.first_stage_score)).toEqual(
        firstStage.results.map((h) => h.first_stage_score),
      );
      expect(edge.results.every((h) => h.rerank_score === undefined)).toBe(true);
      expect(elapsed).toBeLessThan(DEADLINE_MS + DEADLINE_SLACK_MS);
    },
  );
});
