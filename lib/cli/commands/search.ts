/**
 * `xlir search`: one query (JSON or a TREC line) or a topics file (a TREC run) against an index,
 * with the BM25 or PSQ first stage and an optional rerank. Where the query language had to fall
 * back (fanout.ts), a note on stderr says why.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseTopics } from '../../eval/index.js';
import { IndexReader } from '../../index/index.js';
import { RequestDeadline, retrieve, type RetrieveRequest } from '../../retrieve/index.js';
import {
  DEFAULT_FUSION,
  DEFAULT_TOP_K,
  FUSION_METHODS,
  Searcher,
  type FusionMethod,
  type SearchResult,
} from '../../search/index.js';
import { createLanguageDetector } from '../../text/index.js';
import { openStore } from '../../storage/node.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { FIRST_STAGE_OPTIONS, firstStageSettings } from '../first-stage.js';
import { cliJson } from '../json.js';
import { progressBar } from '../progress.js';
import { cliResult, RERANK_FLAGS, rerankSettings } from '../rerank-stage.js';
import { type CommandArgs, commandSpec, usageLine } from '../spec.js';

export const SEARCH = commandSpec({
  name: 'search',
  summary: 'search an index with one query (JSON out) or a topics file (a TREC run)',
  options: {
    index: {
      type: 'string',
      value: 'URI',
      required: true,
      description: 'the index: a folder, file:///abs/dir or s3://bucket/prefix',
    },
    query: { type: 'string', value: 'TEXT', description: 'one query; its result goes to stdout' },
    topics: { type: 'string', value: 'TSV', description: 'qid<TAB>query lines, each searched in turn' },
    output: {
      type: 'string',
      value: 'RUN',
      description: 'the run file --topics writes (needed by --topics)',
    },
    'query-lang': {
      type: 'string',
      value: 'xx',
      language: 'tag',
      description: 'language of the query (default: detected)',
    },
    'doc-lang': {
      type: 'string',
      value: 'xx,yy',
      language: 'list',
      description: "document languages to search (default: all of the index's)",
    },
    'top-k': { type: 'string', value: 'N', default: String(DEFAULT_TOP_K), description: 'hits per query' },
    format: {
      type: 'string',
      value: 'json|trec',
      description: 'output format (default: json for --query, trec for --topics)',
    },
    text: { type: 'boolean', description: "include each hit's title and text" },
    fusion: {
      type: 'string',
      value: 'METHOD',
      choices: FUSION_METHODS,
      default: DEFAULT_FUSION,
      description: 'how psq merges the per-language result lists',
    },
    ...FIRST_STAGE_OPTIONS,
    ...RERANK_FLAGS,
  },
  notes: ['give exactly one of --query and --topics; --topics needs --output'],
  examples: [
    'xlir search --index ./my-index --query "Wer erfand das Telefon?" --query-lang de --top-k 10 --text',
    'xlir search --index s3://bucket/prefix --topics topics.tsv --output run.trec',
    'xlir search --index ./my-index --query "Who invented the telephone?" --lexicons ./lexicons',
    'xlir search --index ./my-index --query "Wer erfand das Telefon?" --query-lang de --rerank 50 --models ./models/routing.json',
  ],
});

const RUN_TAG = 'xlir-bm25';

export function trecLines(qid: string, result: SearchResult, tag = RUN_TAG): string {
  return result.hits.map((h, i) => `${qid} Q0 ${h.docId} ${i + 1} ${h.score.toFixed(6)} ${tag}\n`).join('');
}

export async function searchCommand(args: CommandArgs<typeof SEARCH.options>): Promise<void> {
  const indexUri = args.index;
  const format = args.format ?? (args.topics !== undefined ? 'trec' : 'json');
  if (format !== 'json' && format !== 'trec')
    throw new UsageError(`--format must be json or trec, got "${format}"`);
  if ((args.query === undefined) === (args.topics === undefined)) {
    throw new UsageError(`give exactly one of --query or --topics; usage: ${usageLine(SEARCH)}`);
  }
  if (args.topics !== undefined && args.output === undefined) {
    throw new UsageError(`--topics needs --output RUN (the TREC run file to write)`);
  }
  const topK = parseNumber(args['top-k'], '--top-k', { integer: true, min: 1, max: 10_000 }) ?? DEFAULT_TOP_K;
  const fusion = args.fusion as FusionMethod | undefined;
  if (fusion !== undefined && !FUSION_METHODS.includes(fusion))
    throw new UsageError(`--fusion must be one of ${FUSION_METHODS.join(', ')}, got "${fusion}"`);
  if (fusion !== undefined && args.lexicons === undefined)
    throw new UsageError('--fusion merges the languages PSQ searches, which needs --lexicons');
  const stages = await firstStageSettings(args);
  const rerank = await rerankSettings(args, stages.lexicons);
  const searcher = new Searcher(await IndexReader.open(openStore(indexUri)));
  // The same pipeline as POST /v1/search (lib/retrieve), so both rank a request the same way.
  const runQuery = async (query: string): Promise<SearchResult> => {
    const request: RetrieveRequest = {
      query,
      topK,
      firstStage: stages.firstStage,
      returnDocuments: args.text === true,
      ...(fusion !== undefined ? { fusion } : {}),
      ...(args['query-lang'] !== undefined ? { queryLang: args['query-lang'] } : {}),
      ...(args['doc-lang'] !== undefined ? { docLangs: args['doc-lang'].split(',').filter(Boolean) } : {}),
      ...(rerank.rerank ? { rerank: rerank.rerank } : {}),
    };
    const retrieval = await retrieve(
      {
        indexName: indexUri,
        searcher,
        detector: () => createLanguageDetector(),
        ...(stages.lexicons ? { lexicons: stages.lexicons } : {}),
        ...(rerank.reranker ? { reranker: rerank.reranker } : {}),
        ...(rerank.rerankDeadlineMs !== undefined ? { rerankDeadlineMs: rerank.rerankDeadlineMs } : {}),
      },
      request,
      // No request deadline on the command line; --deadline-ms bounds the rerank alone.
      new RequestDeadline(Infinity),
    );
    return cliResult(retrieval, topK);
  };

  if (args.query !== undefined) {
    const result = await runQuery(args.query);
    if (result.emptyReason) console.error(`note: no results: ${describeEmpty(result)}`);
    if (result.query.fallbackReason) console.error(`note: ${result.query.fallbackReason}`);
    process.stdout.write(format === 'trec' ? trecLines('q1', result) : `${cliJson(result, 2)}\n`);
    return;
  }

  const topicsPath = args.topics!;
  let text: string;
  try {
    text = await readFile(topicsPath, 'utf8');
  } catch {
    throw new UsageError(`cannot read topics file ${topicsPath}`);
  }
  const topics = [...parseTopics(text, topicsPath)].map(([qid, query]) => ({ qid, query }));
  // The run's folder is made like an index's: `--output runs/today/run.trec` just works.
  await mkdir(dirname(args.output!), { recursive: true });
  const out = createWriteStream(args.output!);
  const bar = progressBar('searching');
  let empty = 0;
  for (const [i, topic] of topics.entries()) {
    const result = await runQuery(topic.query);
    if (result.hits.length === 0) empty++;
    const chunk =
      format === 'trec' ? trecLines(topic.qid, result) : `${cliJson({ qid: topic.qid, ...result })}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
    bar.update(i + 1, topics.length, `${i + 1}/${topics.length} topics`);
  }
  bar.finish();
  out.end();
  await once(out, 'finish');
  console.error(
    `wrote ${topics.length} topics to ${args.output}${empty ? ` (${empty} with no results)` : ''}`,
  );
}

function describeEmpty(result: SearchResult): string {
  return result.emptyReason === 'empty-query'
    ? 'the query is empty'
    : `no index terms in the query after analysis as "${result.query.lang}" (only stopwords or punctuation?)`;
}
