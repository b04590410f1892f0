import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_ENV } from '../../functions/edge/constants.js';
import { uploadDemo } from '../../functions/edge/demo-bucket.js';
import type { LocalWorker } from '../../functions/edge/local.js';
import type { ApiApp } from '../../lib/api/index.js';
import { FetchStore } from '../../lib/storage/index.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';
import {
  demoHome,
  demoQueries,
  expectSameRanking,
  keyedVars,
  nodeDemoApp,
  nodeSearch,
  startWorker,
  workerSearch,
} from './helpers.js';

/*
 * The Worker's other store: the demo index and lexicon pack in an S3-compatible bucket (s3rver),
 * read in workerd by FetchStore over fetch with SigV4 (XLIR_S3_*), no R2 binding. It answers the
 * demo topics as the Node API does.
 */

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let demo: Awaited<ReturnType<typeof demoHome>>;
let s3: S3rverHandle;
let worker: LocalWorker;
let node: ApiApp;

beforeAll(async () => {
  demo = await demoHome();
  s3 = await startS3rver();
  const store = new FetchStore({
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  await uploadDemo(store, demo.indexDir);
  worker = await startWorker(demo.indexDir, {
    r2: false,
    vars: keyedVars({
      [EDGE_ENV.s3Endpoint]: s3.endpoint,
      [EDGE_ENV.s3Bucket]: s3.bucket,
      [EDGE_ENV.s3Region]: 'us-east-1',
      [EDGE_ENV.s3AccessKeyId]: CREDENTIALS.accessKeyId,
      [EDGE_ENV.s3SecretAccessKey]: CREDENTIALS.secretAccessKey,
    }),
  });
  node = nodeDemoApp(demo.indexDir);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await s3?.stop();
  await demo?.remove();
});

describe('the Worker over an S3-compatible store', () => {
  it('answers the demo topics as the Node API does', async () => {
    for (const q of await demoQueries()) {
      // Act
      const request = { query: q.query, query_lang: q.lang, top_k: 10 };
      const [edge, api] = [await workerSearch(worker, request), await nodeSearch(node, request)];
      // Assess
      expect(edge.results).toHaveLength(10);
      expectSameRanking(edge.results, api.results, 1e-9, `${q.qid} over S3`);
    }
  });
});
