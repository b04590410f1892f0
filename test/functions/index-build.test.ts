import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as publish } from '../../functions/index-build/publish.js';
import { handler as worker } from '../../functions/index-build/worker.js';
import { IndexReader, MANIFEST_KEY } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { Searcher, type SearchHit } from '../../lib/search/index.js';
import { ObjectNotFoundError } from '../../lib/storage/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

const QUERIES = ['telephone 1876', 'river city', 'queen', 'light energy photosynthesis', 'Alexander'];
const PARTS = [ENGLISH_DOCS.slice(0, 6), ENGLISH_DOCS.slice(6, 12), ENGLISH_DOCS.slice(12)];

let s3: S3rverHandle;

beforeAll(async () => {
  s3 = await startS3rver('xlir-build');
});
afterAll(async () => {
  await s3.stop();
});

function jsonl(docs: ReadonlyArray<Omit<CorpusRecord, 'line'>>): string {
  return docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
}

/** Uploads the parts (the second gzipped) and returns their URIs in input order. */
async function uploadParts(prefix: string): Promise<string[]> {
  const corpus = openStore(`s3://${s3.bucket}/${prefix}`);
  const names = ['part-0.jsonl', 'part-1.jsonl.gz', 'part-2.jsonl'];
  await Promise.all(
    names.map((name, i) => {
      const text = jsonl(PARTS[i]!);
      return corpus.put(name, name.endsWith('.gz') ? gzipSync(text) : text);
    }),
  );
  return names.map((name) => `s3://${s3.bucket}/${prefix}/${name}`);
}

function scoresById(hits: readonly SearchHit[]): Map<string, number> {
  return new Map(hits.map((h) => [h.docId, h.score]));
}

describe('distributed index build (worker per part + publish)', () => {
  it('builds from three parts an index that ranks like a single-process build of the whole corpus', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const inputs = await uploadParts('corpora/english');
      const index = `s3://${s3.bucket}/indexes/english`;
      const single = openStore(dir);
      await buildIndex(asRecords(ENGLISH_DOCS), single);
      // Act
      const built = await Promise.all(
        inputs.map((input, shard) => worker({ input, index, buildId: 'exec-1', shard, lang: null })),
      );
      const published = await publish({ index, buildId: 'exec-1', k1: null, expectedShards: 3 });
      // Assess
      expect(built.map((b) => b.docCount)).toEqual([6, 6, 6]);
      expect(published).toMatchObject({ buildId: 'exec-1', shards: 3, docCount: ENGLISH_DOCS.length });
      const distributed = new Searcher(await IndexReader.open(openStore(index)));
      const reference = new Searcher(await IndexReader.open(single));
      for (const query of QUERIES) {
        const [got, want] = await Promise.all([
          distributed.search(query, { queryLang: 'en', topK: 100 }),
          reference.search(query, { queryLang: 'en', topK: 100 }),
        ]);
        expect(got.hits.length, query).toBeGreaterThan(0);
        const gotScores = scoresById(got.hits);
        expect([...gotScores.keys()].sort(), query).toEqual(want.hits.map((h) => h.docId).sort());
        for (const hit of want.hits) expect(gotScores.get(hit.docId)!, query).toBeCloseTo(hit.score, 6);
      }
    });
  });

  it('publishes nothing when a part was never built, and names the missing shard', async () => {
    // Prepare
    const inputs = await uploadParts('corpora/gap');
    const index = `s3://${s3.bucket}/indexes/gap`;
    await worker({ input: inputs[0]!, index, buildId: 'exec-gap', shard: 0 });
    await worker({ input: inputs[2]!, index, buildId: 'exec-gap', shard: 2 });
    // Act
    const outcome = publish({ index, buildId: 'exec-gap' });
    // Assess
    await expect(outcome).rejects.toThrow(/shard 1 has no statistics/);
    await expect(openStore(index).get(MANIFEST_KEY)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses to publish fewer shards than the parts the build was given', async () => {
    // Prepare
    const inputs = await uploadParts('corpora/short');
    const index = `s3://${s3.bucket}/indexes/short`;
    await worker({ input: inputs[0]!, index, buildId: 'exec-short', shard: 0 });
    // Act
    const outcome = publish({ index, buildId: 'exec-short', expectedShards: 3 });
    // Assess
    await expect(outcome).rejects.toThrow(/expected 3 shards, found statistics for 1/);
    await expect(openStore(index).get(MANIFEST_KEY)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses to replace an index with an empty build (e.g. a wrong input prefix)', async () => {
    // Act
    const outcome = publish({ index: `s3://${s3.bucket}/indexes/none`, buildId: 'exec-none' });
    // Assess
    await expect(outcome).rejects.toThrow(/nothing to publish/);
  });

  it('rejects a malformed event before touching storage, naming the field', async () => {
    // Act
    const outcome = worker({ input: `s3://${s3.bucket}/x.jsonl`, index: 'unused', buildId: 'b', shard: -1 });
    // Assess
    await expect(outcome).rejects.toThrow(/invalid worker event: shard/);
  });

  it('applies the part language to untagged records and rejects a duplicate id within a part', async () => {
    // Prepare
    const store = openStore(`s3://${s3.bucket}/corpora/untagged`);
    await store.put('de.jsonl', jsonl([{ id: 'u1', text: 'Die Häuser am Fluss' }]));
    await store.put('dup.jsonl', jsonl([ENGLISH_DOCS[0]!, ENGLISH_DOCS[0]!]));
    const index = `s3://${s3.bucket}/indexes/untagged`;
    // Act
    const tagged = await worker({
      input: `${store.uri}/de.jsonl`,
      index,
      buildId: 'exec-de',
      shard: 0,
      lang: 'de',
    });
    const duplicate = worker({ input: `${store.uri}/dup.jsonl`, index, buildId: 'exec-dup', shard: 0 });
    // Assess
    expect(tagged).toMatchObject({ docCount: 1, languages: ['de'], detectedLanguageDocs: 0 });
    await expect(duplicate).rejects.toThrow(/line 2: duplicate document id "d01"/);
  });
});
