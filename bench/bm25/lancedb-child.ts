/**
 * LanceDB full-text search (npm @lancedb/lancedb, its bundled Rust binary) as bench:bm25's second
 * peer: an engine built for object storage, like xlir. Two modes, each in its own process so build
 * and query memory do not mix:
 *
 *   build CORPUS.jsonl DIR   write the documents to a Lance table, build its FTS (BM25) index
 *   serve DIR QUERIES.json   answer rounds-server.ts's protocol over that index
 *
 * LanceDB cannot take xlir's stopword list, so, like minisearch and orama here, it indexes text
 * already analysed by xlir's English analyzer (stems joined by spaces; its whitespace tokenizer
 * with lower-casing, stemming and stopwords off) and is queried with the analysed question: the
 * same terms as xlir, so the comparison is between index structures and query evaluation. Query
 * analysis is inside the timed call, as it is in xlir's `Searcher.search`. Its BM25 constants
 * (k1 1.2, b 0.75 in lance-index) are not configurable. The harness starts `serve` with
 * LANCE_CPU_THREADS, LANCE_IO_THREADS, TOKIO_WORKER_THREADS and RAYON_NUM_THREADS at 1.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { Field, Schema, Utf8 } from 'apache-arrow';
import type { Table as ArrowTable } from 'apache-arrow';
import { readCorpusLines } from './corpus.js';
import { xlirText } from './dist.js';
import { serveRounds } from './rounds-server.js';
import { peakRssMb } from './stats.js';

const TABLE = 'docs';
const BATCH_ROWS = 100_000;
const analyzer = xlirText.getAnalyzer('en');

function treeBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + treeBytes(join(path, name)), 0);
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function build(corpusPath: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = await lancedb.connect(dir);
  const schema = new Schema([new Field('id', new Utf8(), false), new Field('text', new Utf8(), false)]);
  const table = await db.createEmptyTable(TABLE, schema);
  let docs = 0;
  let batch: Array<{ id: string; text: string }> = [];
  for await (const doc of readCorpusLines(corpusPath)) {
    batch.push({ id: doc.id, text: analyzer.analyze(doc.text).join(' ') });
    docs++;
    if (batch.length === BATCH_ROWS) {
      await table.add(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await table.add(batch);
  const writeSeconds = (performance.now() - t0) / 1000;
  const writeCpuSeconds = cpuSeconds(cpu0);
  const config = lancedb.Index.fts({
    withPosition: false,
    baseTokenizer: 'whitespace',
    lowercase: false,
    stem: false,
    removeStopWords: false,
    asciiFolding: false,
    maxTokenLength: 1024,
  });
  await table.createIndex('text', { config });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(cpu0);
  const tablePath = join(dir, `${TABLE}.lance`);
  const indicesPath = join(tablePath, '_indices');
  process.stdout.write(
    `${JSON.stringify({
      docs,
      seconds,
      cpuSeconds: cpu,
      writeSeconds,
      writeCpuSeconds,
      indexSeconds: seconds - writeSeconds,
      docsPerSecond: docs / seconds,
      docsPerCpuSecond: docs / cpu,
      bytes: treeBytes(tablePath),
      indexBytes: treeBytes(indicesPath),
      indexFiles: readdirSync(indicesPath).flatMap((uuid) => readdirSync(join(indicesPath, uuid))).length,
      peakRssMb: peakRssMb(),
    })}\n`,
  );
}

async function serve(dir: string, queriesPath: string): Promise<void> {
  const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
  const t0 = performance.now();
  const table = await (await lancedb.connect(dir)).openTable(TABLE);
  const openMs = performance.now() - t0;
  const empty: string[] = [];
  await serveRounds(
    queries,
    {
      search: async (q, k) => {
        const terms = analyzer.analyze(q);
        if (terms.length === 0) return null;
        return table.query().fullTextSearch(terms.join(' ')).select(['id', '_score']).limit(k).toArrow();
      },
      // An empty result has no batches, and then no `id` column either.
      ids: (result) =>
        result === null ? empty : ((result as ArrowTable).getChild('id')?.toArray() ?? empty),
    },
    { openMs },
  );
}

const [mode, ...args] = process.argv.slice(2) as [string, string, string];
if (mode === 'build') await build(args[0]!, args[1]!);
else if (mode === 'serve') await serve(args[0]!, args[1]!);
else throw new Error('usage: lancedb-child.ts build CORPUS DIR | serve DIR QUERIES');
