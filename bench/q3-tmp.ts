import { readFile } from 'node:fs/promises';
import { IndexReader } from '../lib/index/index.js';
import { Searcher } from '../lib/search/index.js';
import { openStore, withLatency } from '../lib/storage/index.js';
const queries = JSON.parse(await readFile('/tmp/xlir-bench/queries.json', 'utf8')) as string[];
for (let i = 0; i < 5; i++) {
  const store = withLatency(openStore(process.argv[2]!, { memoryCacheBytes: 0 }), 60);
  const t0 = performance.now();
  const reader = await IndexReader.open(store);
  const t1 = performance.now();
  const r = await new Searcher(reader).search(queries[i * 101]!, { queryLang: 'en', topK: 10 });
  const t2 = performance.now();
  console.log(
    `open ${(t1 - t0).toFixed(0)} ms, query ${(t2 - t1).toFixed(0)} ms, GETs ${store.requestCount}, terms ${r.query.terms.length}`,
  );
}
