/**
 * `xlir demo`: builds the demo index from the project's own sample corpus on
 * first run, then runs the sample queries and prints ranked results.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndex, IndexNotFoundError, IndexReader, openCorpusFile } from '../../index/index.js';
import { Searcher } from '../../search/index.js';
import { openStore } from '../../storage/index.js';
import { parseCommandArgs } from '../args.js';
import { packageRoot } from '../paths.js';

export const DEMO_USAGE = 'xlir demo [--home DIR]';
const SNIPPET_CHARS = 90;
/** Two shards for 400 passages: the demo exercises the sharded path. */
const DEMO_SHARD_DOCS = 200;

/** Where the demo index lives under a home folder (`.xlir` by default). */
export function demoIndexDir(home: string): string {
  return join(home, 'demo');
}

/**
 * The demo index under `home`, built from the project's sample corpus on first use: shared by
 * `xlir demo` and `xlir serve --demo` (what `npm start` runs).
 */
export async function openDemoIndex(home: string): Promise<IndexReader> {
  const indexDir = demoIndexDir(home);
  const corpusPath = join(packageRoot(), 'samples', 'demo-corpus.jsonl');
  const store = openStore(indexDir);
  try {
    return await IndexReader.open(store);
  } catch (error) {
    // The demo index is derived from the samples, so one left by an older format is rebuilt.
    if (!(error instanceof IndexNotFoundError)) {
      console.log(
        `the demo index in ${indexDir} cannot be read (${(error as Error).message}); rebuilding it`,
      );
    }
  }
  console.log(`building the demo index from ${corpusPath} into ${indexDir} ...`);
  const corpus = await openCorpusFile(corpusPath);
  const started = Date.now();
  const { manifest } = await buildIndex(corpus.records, store, { shardDocs: DEMO_SHARD_DOCS });
  console.log(
    `indexed ${manifest.docCount} passages in ${manifest.languages.length} languages into ${manifest.shards.length} shards (${Date.now() - started} ms)\n`,
  );
  return IndexReader.open(store);
}

export async function demoCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(argv, { home: { type: 'string' } }, DEMO_USAGE);
  const home = args.home ?? '.xlir';
  const root = packageRoot();
  const reader = await openDemoIndex(home);
  const searcher = new Searcher(reader);
  const queries = (await readFile(join(root, 'samples', 'demo-queries.tsv'), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('qid\t'))
    .map((line) => line.split('\t') as [string, string, string]);
  for (const [, lang, query] of queries) {
    const result = await searcher.search(query, { queryLang: lang, topK: 3, includeText: true });
    console.log(`query [${lang}] ${query}   → terms: ${result.query.terms.join(' ') || '(none)'}`);
    if (result.hits.length === 0) console.log('   (no results)');
    result.hits.forEach((hit, i) => {
      const text = (hit.text ?? '').replace(/\s+/g, ' ');
      const snippet = text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
      console.log(
        `   ${i + 1}. ${hit.score.toFixed(3).padStart(7)}  ${hit.docId.padEnd(16)} [${hit.lang}] ${snippet}`,
      );
    });
    console.log();
  }
  console.log(`index: ${reader.uri}  (try: npx xlir search --index ${reader.uri} --query "..." --text)`);
}
