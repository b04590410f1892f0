/**
 * xlir as one engine of bench:bm25's interleaved rounds: a warm reader over the built index, from
 * the compiled package (as query-child.ts, which measures cold starts and stored text), answering
 * rounds-server.ts's protocol. Two scopes of the timed call, one engine each:
 * - `search`: `Searcher.search`, end to end (query analysis, ranking, the hits' ids and languages),
 *   what LanceDB's timed call covers too (lancedb-child.ts);
 * - `rank`: ranking only, `Searcher.rankGroups` over queries analysed before timing, returning
 *   index positions and scores: what Xapian's timed `get_mset` over a prebuilt query covers
 *   (xapian_peer.py). Naming a top-1000's hits is about a fifth of xlir's end-to-end time.
 */
import { readFile } from 'node:fs/promises';
import { readerOptions, xlirIndex, xlirSearch, xlirStorageNode, xlirText } from './dist.js';
import { serveRounds } from './rounds-server.js';

type SearchResult = Awaited<ReturnType<InstanceType<typeof xlirSearch.Searcher>['search']>>;
type Ranked = Awaited<ReturnType<InstanceType<typeof xlirSearch.Searcher>['rankGroups']>>;
type XlirScope = 'search' | 'rank';

const [indexDir, queriesPath, scope, cacheMb] = process.argv.slice(2) as [string, string, XlirScope, string?];
if (scope !== 'search' && scope !== 'rank') throw new Error(`scope must be search or rank, got ${scope}`);
const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as string[];
const t0 = performance.now();
const searcher = new xlirSearch.Searcher(
  await xlirIndex.IndexReader.open(xlirStorageNode.openStore(indexDir), readerOptions(cacheMb)),
);
const openMs = performance.now() - t0;
const english = xlirText.getAnalyzer('en');
// Analysed before timing, and only for the ranking-only engine.
const groups = new Map(
  scope === 'rank'
    ? queries.map((q) => [q, xlirSearch.bagOfWords(english.analyze(q)).map(xlirSearch.singletonGroup)])
    : [],
);

await serveRounds(
  queries,
  scope === 'search'
    ? {
        search: (q, k) => searcher.search(q, { queryLang: 'en', topK: k }),
        ids: (result) => (result as SearchResult).hits.map((hit) => hit.docId),
      }
    : {
        search: (q, k) => searcher.rankGroups(groups.get(q)!, { topK: k }),
        ids: (result) => (result as Ranked).map((h) => searcher.reader.shards[h.shard]!.head.docId(h.doc)),
      },
  { openMs },
);
