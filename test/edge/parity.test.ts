import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalWorker } from '../../functions/edge/local.js';
import type { ApiApp } from '../../lib/api/index.js';
import {
  DEMO_PACK_DIR,
  demoHome,
  demoQueries,
  expectClose,
  expectSameRanking,
  nodeDemoApp,
  nodeSearch,
  startWorker,
  withoutTimings,
  workerSearch,
  type DemoQuery,
} from './helpers.js';

/*
 * The Worker under workerd answers the 14 demo topics as the Node API does with `xlir serve
 * --demo`'s settings: the same top 10, the same scores. The Worker reads the demo lexicons as a
 * pack from its R2 bucket, the Node API from the samples/lexicons folder (serve --demo); a second
 * Node app reading the same pack gives the Worker's whole body, timings aside. Scores agree to
 * 1e-9 (the two runtimes' V8 versions may differ in a last digit).
 */

const TOP_K = 10;
/** Scores are computed by the same code on the same doubles; allow for nothing but printing. */
const SCORE_TOLERANCE = 1e-9;
/**
 * Topics whose language eld's extra-small table (the Worker's) reads differently from the medium one
 * (Node's). None on the demo topics; a change here is worth a look at docs/benchmarks.md.
 */
const DETECTED_DIFFERENTLY: readonly string[] = [];

let demo: Awaited<ReturnType<typeof demoHome>>;
let worker: LocalWorker;
let node: ApiApp;
let nodeOverPack: ApiApp;
let queries: DemoQuery[];

beforeAll(async () => {
  demo = await demoHome();
  queries = await demoQueries();
  worker = await startWorker(demo.indexDir);
  node = nodeDemoApp(demo.indexDir);
  nodeOverPack = nodeDemoApp(demo.indexDir, { lexiconsDir: DEMO_PACK_DIR });
});

afterAll(async () => {
  await worker?.close();
  await demo?.remove();
});

describe('the Worker in workerd against the Node API, on the demo topics', () => {
  it('with query_lang: the same top 10 and scores as xlir serve --demo', async () => {
    for (const q of queries) {
      // Act
      const request = { query: q.query, query_lang: q.lang, top_k: TOP_K };
      const [edge, api] = [await workerSearch(worker, request), await nodeSearch(node, request)];
      // Assess
      expect(edge.results).toHaveLength(TOP_K);
      expectSameRanking(edge.results, api.results, SCORE_TOLERANCE, `${q.qid} ${q.query}`);
      expect(edge.meta.query).toEqual(api.meta.query);
    }
  });

  it('with query_lang: the whole body of the Node API reading the same pack, timings aside', async () => {
    for (const q of queries) {
      // Act
      const request = { query: q.query, query_lang: q.lang, top_k: TOP_K, return_documents: true };
      const [edge, api] = [await workerSearch(worker, request), await nodeSearch(nodeOverPack, request)];
      // Assess
      expectClose(withoutTimings(edge), withoutTimings(api), SCORE_TOLERANCE, q.qid);
    }
  });

  it('detected: the extra-small table reads each topic as the medium one does, and the rankings agree', async () => {
    const differently: string[] = [];
    for (const q of queries) {
      // Act
      const request = { query: q.query, top_k: TOP_K };
      const [edge, api] = [await workerSearch(worker, request), await nodeSearch(node, request)];
      // Assess
      expect(edge.meta.query.lang_source).toBe(api.meta.query.lang_source);
      if (edge.meta.query.detected_lang !== api.meta.query.detected_lang) {
        differently.push(q.qid);
        continue;
      }
      expectSameRanking(edge.results, api.results, SCORE_TOLERANCE, `${q.qid} ${q.query} (detected)`);
      // The tables score differently, so only their confidence may differ.
      const { confidence: _edge, ...edgeQuery } = edge.meta.query as Record<string, unknown>;
      const { confidence: _api, ...apiQuery } = api.meta.query as Record<string, unknown>;
      expect(edgeQuery).toEqual(apiQuery);
    }
    expect(differently).toEqual(DETECTED_DIFFERENTLY);
  });
});
