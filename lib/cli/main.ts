#!/usr/bin/env node
/**
 * `xlir`: routes the command line through the command table (table.ts) and answers --help,
 * --version and mistakes itself. Errors a user can act on print one line (usage errors exit 2,
 * data errors 1); anything else is a bug and keeps its stack trace.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EXIT_INTERNAL, exitCodeFor, UsageError } from './errors.js';
import { packageVersion } from './paths.js';
import { commandList, formatHelp } from './spec.js';
import { nearest } from './suggest.js';
import { COMMANDS, findCommand, subcommandsOf } from './table.js';

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

/** `xlir --help`: every command with its one-line summary. */
export function topLevelHelp(): string {
  return [
    'xlir: cross-lingual retrieval (BM25 and PSQ over sharded indexes in a folder or S3, cross-encoder reranking)',
    '',
    'usage: xlir COMMAND [options]',
    '       xlir COMMAND --help    its options and examples',
    '       xlir --version',
    '',
    'commands:',
    ...commandList(
      COMMANDS.map((c) => c.spec),
      '',
    ),
    '',
    'URIs: a directory path, file:///abs/dir, or s3://bucket/prefix (honours AWS_ENDPOINT_URL_S3).',
    'Languages: BCP 47 tags ("en", "de", "zh-Hant"), accepted as the HTTP API accepts them.',
  ].join('\n');
}

/** `xlir lexicon --help`: the subcommands of a group. */
function groupHelp(group: string): string {
  return [
    `xlir ${group}: ${subcommandsOf(group).length} subcommands`,
    '',
    `usage: xlir ${group} SUBCOMMAND [options]    (xlir ${group} SUBCOMMAND --help: its options)`,
    '',
    'subcommands:',
    ...commandList(subcommandsOf(group).map((c) => c.spec)),
  ].join('\n');
}

/** Help asked for anywhere among a command's arguments (before a `--` that ends the options). */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => HELP_FLAGS.has(a));
}

function unknownCommand(argv: readonly string[]): UsageError {
  const [first = '', second] = argv;
  const group = subcommandsOf(first);
  if (group.length > 0) {
    const names = group.map((c) => c.spec.name.slice(first.length + 1));
    if (second === undefined || second.startsWith('-')) {
      return new UsageError(
        `xlir ${first} needs a subcommand: ${names.join(', ')}; see "xlir ${first} --help"`,
      );
    }
    const match = nearest(second, names);
    const hint = match !== undefined ? `did you mean "xlir ${first} ${match}"?` : `use ${names.join(', ')}`;
    return new UsageError(`unknown ${first} command "${second}"; ${hint}`);
  }
  const firstWords = [...new Set(COMMANDS.map((c) => c.spec.name.split(' ')[0]!))];
  const match = nearest(first, firstWords);
  const hint = match !== undefined ? `did you mean "xlir ${match}"?` : 'run "xlir --help"';
  return new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"; ${hint}`);
}

/** Runs the command line; help and --version print to stdout. */
async function dispatch(argv: readonly string[]): Promise<void> {
  const [first] = argv;
  if (first === undefined || ((first === 'help' || HELP_FLAGS.has(first)) && argv.length === 1)) {
    console.log(topLevelHelp());
    return;
  }
  // `xlir help lexicon build` and `xlir --help lexicon build` are `xlir lexicon build --help`.
  if (first === 'help' || HELP_FLAGS.has(first)) return dispatch([...argv.slice(1), '--help']);
  if (VERSION_FLAGS.has(first)) {
    console.log(packageVersion());
    return;
  }
  const found = findCommand(argv);
  if (found === undefined) {
    if (subcommandsOf(first).length > 0 && HELP_FLAGS.has(argv[1] ?? '')) {
      console.log(groupHelp(first));
      return;
    }
    throw unknownCommand(argv);
  }
  const { command, rest } = found;
  if (wantsHelp(rest)) {
    console.log(
      formatHelp(
        command.spec,
        subcommandsOf(command.spec.name).map((c) => c.spec),
      ),
    );
    return;
  }
  await command.run(rest);
}

export async function main(argv: string[]): Promise<number> {
  try {
    await dispatch(argv);
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
