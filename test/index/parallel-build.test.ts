import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, type BuildProgress } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

const QUERIES = ['telephone 1876', 'river city', 'queen', 'Telefon Häuser', 'light energy photosynthesis'];

describe('parallel index build', () => {
  it('builds on worker threads an index that answers exactly like a single-threaded build', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const serial = openStore(join(dir, 'serial'));
      const parallel = openStore(join(dir, 'parallel'));
      // Act
      const a = await buildIndex(asRecords(ENGLISH_DOCS), serial, { shardDocs: 3 });
      const b = await buildIndex(asRecords(ENGLISH_DOCS), parallel, { shardDocs: 3, workers: 2 });
      // Assess
      expect(b.manifest.shards.map((s) => s.docCount)).toEqual(a.manifest.shards.map((s) => s.docCount));
      expect(b.manifest.totalTerms).toBe(a.manifest.totalTerms);
      expect(b.manifest.langDocCounts).toEqual(a.manifest.langDocCounts);
      const sa = new Searcher(await IndexReader.open(serial));
      const sb = new Searcher(await IndexReader.open(parallel));
      for (const q of QUERIES) {
        const [ra, rb] = await Promise.all([
          sa.search(q, { queryLang: 'en', topK: 20, includeText: true }),
          sb.search(q, { queryLang: 'en', topK: 20, includeText: true }),
        ]);
        expect(rb.hits, q).toEqual(ra.hits);
      }
    });
  });

  it.each([1, 2])(
    'reports reading, then each shard written while finishing, with %i worker(s)',
    async (workers) => {
      await withTempDir(async (dir) => {
        const progress: BuildProgress[] = [];
        const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(dir), {
          shardDocs: 3,
          workers,
          onProgress: (p) => progress.push(p),
        });
        const finishing = progress.filter((p) => p.phase === 'finishing');
        const firstFinishing = progress.findIndex((p) => p.phase === 'finishing');
        expect(progress.slice(firstFinishing).every((p) => p.phase === 'finishing')).toBe(true);
        expect(finishing[0]!.docs).toBe(ENGLISH_DOCS.length);
        expect(finishing.at(-1)!.shardsWritten).toBe(manifest.shards.length);
        expect(finishing.every((p) => p.shards === manifest.shards.length)).toBe(true);
        const written = finishing.map((p) => p.shardsWritten);
        expect(written).toEqual([...written].sort((x, y) => x - y));
      });
    },
    30_000,
  );

  it('fails the build, without publishing, when a worker cannot write its shard', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the store root is a regular file, so every shard upload fails
      const blocked = join(dir, 'blocked');
      await writeFile(blocked, 'not a directory');
      // Act + Assess
      await expect(
        buildIndex(asRecords(ENGLISH_DOCS), openStore(blocked), { shardDocs: 4, workers: 2 }),
      ).rejects.toThrow();
    });
  });
});
