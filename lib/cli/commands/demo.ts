/**
 * `npm start`: builds the demo index from the project's own sample corpus on
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

async function openOrBuild(indexDir: string, corpusPath: string): Promise<IndexReader> {
  const store = openStore(indexDir);
  try {
    return await IndexReader.open(store);
  } catch (error) {
    if (!(error instanceof IndexNotFoundError)) throw error;
  }
  console.log(`building the demo index from ${corpusPath} into ${indexDir} ...`);
  const corpus = await openCorpusFile(corpusPath);
  const started = Date.now();
  const { manifest } = await buildIndex(corpus.records, store, { shardDocs: 200 });
  console.log(
    `indexed ${manifest.docCount} passages in ${manifest.languages.length} languages into ${manifest.shards.length} shards (${Date.now() - started} ms)\n`,
  );
  return IndexReader.open(store);
}

export async function demoCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(argv, { home: { type: 'string' } }, DEMO_USAGE);
  const home = args.home ?? '.xlir';
  const root = packageRoot();
  const reader = await openOrBuild(join(home, 'demo'), join(root, 'samples', 'demo-corpus.jsonl'));
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
