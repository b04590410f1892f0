/**
 * kill -9 during publish, with readers: `xlir index build` republishes the sample corpus over an
 * existing index again and again and is killed at a random moment each time, while readers open
 * the index from scratch and search it without pause. Every open must find a whole build (all
 * 400 documents, every shard readable) and answer; the index stays readable after the last kill.
 * Prints its counts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, openCorpusFile } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { withTempDir } from '../helpers/corpus.js';

const LAUNCHER = fileURLToPath(new URL('../../bin/xlir.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../samples/demo-corpus.jsonl', import.meta.url));
/** When each build is killed, ms after its start: from start-up to past the publish (the last ones finish). */
const KILL_AFTER_MS = [150, 350, 600, 900, 1_200, 1_600, 2_200, 30_000];
const KILLS = KILL_AFTER_MS.length;
const DOCS = 400;

/** Runs one build and kills it with SIGKILL after `afterMs` (if still running); whether it was killed. */
function buildAndKill(out: string, afterMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [LAUNCHER, 'index', 'build', '--input', CORPUS, '--out', out, '--shard-docs', '50', '--workers', '1'],
      { stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

describe('kill -9 during publish', () => {
  it(`never shows readers half an index across ${KILLS} builds killed at random points`, async () => {
    await withTempDir(async (dir) => {
      await buildIndex((await openCorpusFile(CORPUS)).records, openStore(dir), { shardDocs: 50 });
      let stop = false;
      const seen = { opens: 0, searches: 0, failures: [] as string[] };
      const reader = (async () => {
        while (!stop) {
          try {
            const index = await IndexReader.open(openStore(dir, { memoryCacheBytes: 0 }));
            seen.opens++;
            if (index.manifest.docCount !== DOCS) seen.failures.push(`docCount ${index.manifest.docCount}`);
            const { hits } = await new Searcher(index).search('telephone Bell 1876', {
              queryLang: 'en',
              topK: 5,
            });
            if (hits.length === 0) seen.failures.push('no hits');
            seen.searches++;
          } catch (error) {
            seen.failures.push((error as Error).message);
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        if (await buildAndKill(dir, KILL_AFTER_MS[i]!)) killed++;
      }
      stop = true;
      await reader;
      const after = await IndexReader.open(openStore(dir, { memoryCacheBytes: 0 }));
      console.log(
        `publish under kill -9: ${KILLS} builds, ${killed} killed, ${seen.opens} opens, ${seen.searches} searches, ${seen.failures.length} failures`,
      );
      expect(seen.failures).toEqual([]);
      expect(seen.opens).toBeGreaterThan(KILLS);
      expect(killed).toBeGreaterThanOrEqual(3);
      expect(killed).toBeLessThan(KILLS); // the last build published
      expect(after.manifest.docCount).toBe(DOCS);
    });
  }, 180_000);
});
