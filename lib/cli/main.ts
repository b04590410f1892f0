#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { codeswitchCommand } from './commands/codeswitch.js';
import { datasetCommand } from './commands/dataset.js';
import { demoCommand } from './commands/demo.js';
import { evalCommand } from './commands/eval.js';
import { experimentCommand } from './commands/experiment.js';
import { indexBuildCommand } from './commands/index-build.js';
import { lexiconCommand } from './commands/lexicon.js';
import { modelsCommand } from './commands/models.js';
import { pairsCommand } from './commands/pairs.js';
import { searchCommand } from './commands/search.js';
import { EXIT_INTERNAL, exitCodeFor, UsageError } from './errors.js';

const HELP = `xlir — cross-lingual retrieval

usage:
  xlir index build --input FILE --out URI [--lang xx] [--shard-docs N] [--k1 K --b B] [--workers N]
                   [--skip-duplicates]
  xlir search --index URI (--query TEXT | --topics TSV --output RUN) [--query-lang xx] [--doc-lang xx,yy]
              [--top-k N] [--format json|trec] [--text] [--first-stage bm25|psq --lexicons DIR]
              [--rerank DEPTH [--models URI] [--model auto|ID] [--lambda L] [--deadline-ms N]
                              [--rerank-strategy multilingual|per-language]]
  xlir eval --qrels FILE --run FILE [--metrics map,mrr@10,ndcg@10,recall@100] [--per-query] [--no-complete]
  xlir lexicon import --format muse|xling|omw|freedict|wikititles|wikisql --src-lang xx --tgt-lang yy
                      --input FILE [--input FILE2] --out FILE.tsv [--id ID]
  xlir lexicon stats --lexicon FILE.tsv --src-lang xx --tgt-lang yy
  xlir lexicon merge --input A.tsv[:weight] --input B.tsv[:weight] --src-lang xx --tgt-lang yy --out FILE.tsv
  xlir lexicon induce --src-vec A.vec --tgt-vec B.vec --src-lang xx --tgt-lang yy --out FILE.tsv
                      [--method csls|nn] [--top-k 5] [--max-vocab 200000] [--csls-k 10] [--threads N]
  xlir lexicon eval --lexicon FILE.tsv --gold GOLD --src-lang xx --tgt-lang yy
  xlir experiment xquad-r --data DIR --out DIR [--lexicons DIR] [--langs ar,de,en,es,ru,zh]
                          [--settings moir,clir,mlir] [--first-stage bm25|psq] [--queries N] [--seed S]
  xlir pairs squad --input train-v1.1.json --out train.jsonl [--valid-out valid.jsonl --valid-articles N]
                   [--negatives 4] [--bm25-negatives 1] [--bm25-index URI] [--seed S] [--limit N]
  xlir codeswitch --mode bl|ml|wiki --input FILE [--input-format auto|msmarco|jsonl|squad]
                  --lexicon LANG=FILE.tsv [--lexicon ...] (--query-lang xx --doc-lang yy | --langs de,es,ru)
                  [--p 0.5] [--seed S] [--protect-stopwords] --out FILE.jsonl
  xlir codeswitch stats --input FILE.jsonl [--lexicon LANG=FILE.tsv ...] [--json]
  xlir dataset convert --format miracl|mmarco|xquad-r --out DIR [--lang xx] [--corpus FILE …] [--topics FILE]
                      [--qrels FILE] [--collection FILE] [--queries FILE] [--data DIR] [--langs xx,yy]
  xlir models list [--models URI] [--check]
  xlir models route --query-lang xx --doc-lang yy [--models URI]
  xlir demo [--home DIR]
  xlir serve [--port N] [--host ADDR] [--demo]          (HTTP API; configured by XLIR_* variables, see README)
  xlir api-key create --id ID [--quota N] [--rate N] [--keys-file FILE]

URIs: a directory path, file:///abs/dir, or s3://bucket/prefix (honours AWS_ENDPOINT_URL_S3).`;

type Command = (argv: string[]) => Promise<void>;

// The HTTP stack (hono, zod-openapi, Powertools) loads only for the commands that need it.
const serveCommand: Command = async (argv) => (await import('./commands/serve.js')).serveCommand(argv);
const apiKeyCommand: Command = async (argv) => (await import('./commands/api-key.js')).apiKeyCommand(argv);

function route(argv: string[]): { command: Command; rest: string[] } | undefined {
  const [first, second, ...rest] = argv;
  if (first === 'index' && second === 'build') return { command: indexBuildCommand, rest };
  if (first === 'search') return { command: searchCommand, rest: argv.slice(1) };
  if (first === 'demo') return { command: demoCommand, rest: argv.slice(1) };
  if (first === 'eval') return { command: evalCommand, rest: argv.slice(1) };
  if (first === 'lexicon') return { command: lexiconCommand, rest: argv.slice(1) };
  if (first === 'experiment') return { command: experimentCommand, rest: argv.slice(1) };
  if (first === 'dataset') return { command: datasetCommand, rest: argv.slice(1) };
  if (first === 'pairs') return { command: pairsCommand, rest: argv.slice(1) };
  if (first === 'codeswitch') return { command: codeswitchCommand, rest: argv.slice(1) };
  if (first === 'models') return { command: modelsCommand, rest: argv.slice(1) };
  if (first === 'serve') return { command: serveCommand, rest: argv.slice(1) };
  if (first === 'api-key') return { command: apiKeyCommand, rest: argv.slice(1) };
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(HELP);
    return 0;
  }
  try {
    const found = route(argv);
    if (!found) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"; run "xlir --help"`);
    await found.command(found.rest);
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    if (code === undefined) {
      console.error('xlir: internal error (please report this):');
      console.error(error);
      return EXIT_INTERNAL;
    }
    console.error(`xlir: error: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
    return code;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    // npm links bin scripts, so compare real paths.
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

/**
 * The AWS SDK warns on every Node 20 run that its future releases will need
 * Node 22. xlir supports Node ≥ 20.15 and pins its SDK, so the multi-line notice
 * would only bury the CLI's own one-line messages. The SDK's own switch is
 * used, so every other warning still prints; worker threads inherit it.
 */
function silenceSdkNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

if (isEntryPoint()) {
  silenceSdkNodeVersionNotice();
  process.exitCode = await main(process.argv.slice(2));
}
