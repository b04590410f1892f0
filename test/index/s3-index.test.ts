import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { withLatency } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

let s3: S3rverHandle;

beforeAll(async () => {
  s3 = await startS3rver('xlir-index');
});
afterAll(async () => {
  await s3.stop();
});

describe('index on an S3-protocol server', () => {
  it('builds on worker threads into s3:// and searches it with ranged GETs, like a local index', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const uri = `s3://${s3.bucket}/indexes/english`;
      const local = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS), local, { shardDocs: 5 });
      // Act
      const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(uri), {
        shardDocs: 5,
        workers: 2,
      });
      const counted = withLatency(openStore(uri, { memoryCacheBytes: 0 }), 0);
      const remote = new Searcher(await IndexReader.open(counted));
      const opened = counted.requestCount;
      const fromS3 = await remote.search('telephone exchange river', { queryLang: 'en', includeText: true });
      const fromFile = await new Searcher(await IndexReader.open(local)).search('telephone exchange river', {
        queryLang: 'en',
        includeText: true,
      });
      // Assess
      // manifest.json and the head bundle, whatever the shard count
      expect(opened).toBe(2);
      expect(fromS3.hits.length).toBeGreaterThan(2);
      expect(fromS3.hits).toEqual(fromFile.hits);
      expect(counted.requestCount - opened).toBeLessThanOrEqual(manifest.shards.length * 4);
      expect((await openStore(uri).list('builds/')).filter((k) => k.endsWith('.xsh'))).toHaveLength(4);
    });
  });
});
