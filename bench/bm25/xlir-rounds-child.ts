/**
 * xlir as one engine of bench:bm25's interleaved rounds: a warm reader over the built index, from
 * the compiled package (as query-child.ts, which measures cold starts and stored text), answering
 * rounds-server.ts's protocol. The timed call is `Searcher.search`, query analysis included.
 */
import { readFile } from 'node:fs/promises';
import { readerOptions, xlirIndex, xlirSearch, xlirStorageNode } from './dist.js';
import { serveRounds } from './rounds-server.js';

type SearchResult = Awaited<ReturnType<InstanceType<typeof xlirSearch.Searcher>['search']>>;

const [indexDir, queriesPath, cacheMb] = process.argv.slice(2) as [string, string, string?];
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
const t0 = performance.now();
const searcher = new xlirSearch.Searcher(
  await xlirIndex.IndexReader.open(xlirStorageNode.openStore(indexDir), readerOptions(cacheMb)),
);
const openMs = performance.now() - t0;

await serveRounds(
  queries,
  {
    search: (q, k) => searcher.search(q, { queryLang: 'en', topK: k }),
    ids: (result) => (result as SearchResult).hits.map((hit) => hit.docId),
  },
  { openMs },
);
