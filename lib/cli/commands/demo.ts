/**
 * `xlir demo`: builds the demo index from the project's own sample corpus on first run, then
 * runs the sample queries cross-lingually (PSQ over every language of the demo, with the
 * hand-written demo lexicons) and prints ranked results with their languages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// The API's constants only (no imports of their own): the HTTP stack stays unloaded.
import { DEFAULT_HOME } from '../../api/constants.js';
import { IndexNotFoundError, IndexReader } from '../../index/index.js';
import { buildIndex, openCorpusFile } from '../../index/node.js';
import { CrossLingualSearcher, Searcher, type SearchHit } from '../../search/index.js';
import { openLexicons } from '../../search/node.js';
import { openStore } from '../../storage/node.js';
import { packageRoot } from '../paths.js';
import { type CommandArgs, commandSpec } from '../spec.js';

export const DEMO = commandSpec({
  name: 'demo',
  summary: 'build the demo index from the sample corpus and run its queries across languages',
  options: {
    home: {
      type: 'string',
      value: 'DIR',
      default: DEFAULT_HOME,
      description: 'folder that keeps the demo index, in demo/, built on first run',
    },
  },
  examples: ['xlir demo', 'xlir demo --home /tmp/xlir-demo'],
});
/** Terminal columns of a hit's text: a wide (CJK) character takes two. */
const SNIPPET_COLUMNS = 72;
/** Enough hits per query to show the topic found in most of the demo's eight languages. */
const DEMO_TOP_K = 8;
/** Two shards for 400 passages: the demo exercises the sharded path. */
const DEMO_SHARD_DOCS = 200;
const DOC_ID_COLUMNS = 20;

/** Where the demo index lives under a home folder (`.xlir` by default). */
export function demoIndexDir(home: string): string {
  return join(home, 'demo');
}

/**
 * The hand-written lexicons for the demo corpus (en↔de, es, fr, ru, ar, zh, th; other pairs
 * pivot through English): what `xlir demo` and `xlir serve --demo` translate queries with.
 */
export function demoLexiconsDir(): string {
  return join(packageRoot(), 'samples', 'lexicons');
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

const WIDE_CHAR_RE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const ZERO_WIDTH_RE = /\p{M}/u;

/** The text cut to `columns` terminal columns, so Chinese and Thai lines end where Latin ones do. */
function clipToColumns(text: string, columns: number): string {
  let used = 0;
  let out = '';
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    const width = ZERO_WIDTH_RE.test(char) ? 0 : WIDE_CHAR_RE.test(char) ? 2 : 1;
    if (used + width > columns) return `${out}…`;
    out += char;
    used += width;
  }
  return out;
}

function hitLine(hit: SearchHit, rank: number): string {
  const snippet = clipToColumns(hit.text ?? '', SNIPPET_COLUMNS);
  return `   ${String(rank).padStart(2)}. [${hit.lang}] ${hit.docId.padEnd(DOC_ID_COLUMNS)} ${snippet}`;
}

export interface DemoQuery {
  lang: string;
  query: string;
}

/** The sample queries (`samples/demo-queries.tsv`): the demo's, and the HTTP and rerank benchmarks'. */
export async function readDemoQueries(): Promise<DemoQuery[]> {
  const text = await readFile(join(packageRoot(), 'samples', 'demo-queries.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('qid\t'))
    .map((line) => {
      const [, lang = '', query = ''] = line.split('\t');
      return { lang, query };
    });
}

export async function demoCommand(args: CommandArgs<typeof DEMO.options>): Promise<void> {
  const home = args.home ?? DEFAULT_HOME;
  const reader = await openDemoIndex(home);
  const lexiconsDir = demoLexiconsDir();
  const searcher = new CrossLingualSearcher(new Searcher(reader), await openLexicons(lexiconsDir));
  const languages = reader.manifest.languages.join(' ');
  console.log(`each query is translated into every language of the demo index (${languages})`);
  console.log(`with the hand-written lexicons in ${lexiconsDir}; the per-language results are fused\n`);
  for (const { lang, query } of await readDemoQueries()) {
    const result = await searcher.search(query, { queryLang: lang, topK: DEMO_TOP_K, includeText: true });
    console.log(`[${lang}] ${query}   → terms: ${result.query.terms.join(' ') || '(none)'}`);
    if (result.hits.length === 0) console.log('   (no results)');
    result.hits.forEach((hit, i) => console.log(hitLine(hit, i + 1)));
    console.log();
  }
  console.log(`index: ${reader.uri}`);
  console.log(
    `try: npx xlir search --index ${reader.uri} --first-stage psq --lexicons ${lexiconsDir} --query "..." --text`,
  );
}
