/**
 * The command table: every command and subcommand of `xlir`, each its spec (spec.ts) and the code
 * that runs on the arguments parsed from that same spec. main.ts routes through it, `--help` and
 * the README's CLI reference are printed from it, and the tests walk it.
 */
import { parseCommandArgs } from './args.js';
import { type CommandArgs, type CommandSpec, type OptionSpecs } from './spec.js';
import { API_KEY_CREATE, SERVE } from './commands/http-specs.js';
import { CODESWITCH, codeswitchCommand } from './commands/codeswitch.js';
import { CODESWITCH_STATS, codeswitchStatsCommand } from './commands/codeswitch-stats.js';
import { CODESWITCH_ROUND_TRIP, codeswitchRoundTripCommand } from './commands/codeswitch-round-trip.js';
import { DATASET_CONVERT, datasetConvertCommand } from './commands/dataset.js';
import { DEMO, demoCommand } from './commands/demo.js';
import { EVAL, evalCommand } from './commands/eval.js';
import { EXPERIMENT_XQUAD_R, experimentCommand } from './commands/experiment.js';
import { INDEX_BUILD, indexBuildCommand } from './commands/index-build.js';
import { INDEX_GC, indexGcCommand } from './commands/index-gc.js';
import {
  LEXICON_IMPORT,
  LEXICON_MERGE,
  LEXICON_STATS,
  lexiconImportCommand,
  lexiconMergeCommand,
  lexiconStatsCommand,
} from './commands/lexicon.js';
import { LEXICON_BUILD, lexiconBuildCommand } from './commands/lexicon-build.js';
import {
  LEXICON_EVAL,
  LEXICON_INDUCE,
  lexiconEvalCommand,
  lexiconInduceCommand,
} from './commands/lexicon-induce.js';
import { LEXICON_PACK, lexiconPackCommand } from './commands/lexicon-pack.js';
import { MODELS_LIST, MODELS_ROUTE, modelsListCommand, modelsRouteCommand } from './commands/models.js';
import { MODELS_ADD, MODELS_PULL, modelsAddCommand, modelsPullCommand } from './commands/models-hub.js';
import { PAIRS_SQUAD, pairsSquadCommand } from './commands/pairs.js';
import { SEARCH, searchCommand } from './commands/search.js';

export interface Command {
  readonly spec: CommandSpec;
  /** Parses `argv` (the words after the command's name) with the spec, then runs. */
  run(argv: readonly string[]): Promise<void>;
}

/** A command whose code can only receive what its own spec parses. */
export function command<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  handler: (args: CommandArgs<O>) => Promise<void>,
): Command {
  return { spec, run: (argv) => handler(parseCommandArgs(spec, argv)) };
}

export const COMMANDS: readonly Command[] = [
  command(INDEX_BUILD, indexBuildCommand),
  command(INDEX_GC, indexGcCommand),
  command(SEARCH, searchCommand),
  command(EVAL, evalCommand),
  command(DEMO, demoCommand),
  // The HTTP stack (hono, zod-openapi, Powertools) loads only for the commands that need it.
  command(SERVE, async (args) => (await import('./commands/serve.js')).serveCommand(args)),
  command(API_KEY_CREATE, async (args) => (await import('./commands/api-key.js')).apiKeyCreateCommand(args)),
  command(LEXICON_BUILD, lexiconBuildCommand),
  command(LEXICON_PACK, lexiconPackCommand),
  command(LEXICON_IMPORT, lexiconImportCommand),
  command(LEXICON_MERGE, lexiconMergeCommand),
  command(LEXICON_STATS, lexiconStatsCommand),
  command(LEXICON_INDUCE, lexiconInduceCommand),
  command(LEXICON_EVAL, lexiconEvalCommand),
  command(DATASET_CONVERT, datasetConvertCommand),
  command(EXPERIMENT_XQUAD_R, experimentCommand),
  command(PAIRS_SQUAD, pairsSquadCommand),
  command(CODESWITCH, codeswitchCommand),
  command(CODESWITCH_STATS, codeswitchStatsCommand),
  command(CODESWITCH_ROUND_TRIP, codeswitchRoundTripCommand),
  command(MODELS_LIST, modelsListCommand),
  command(MODELS_ROUTE, modelsRouteCommand),
  command(MODELS_PULL, modelsPullCommand),
  command(MODELS_ADD, modelsAddCommand),
];

/** The command `argv` starts with (the one with the longest name, so `codeswitch stats` wins). */
export function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  let found: Command | undefined;
  let words = 0;
  for (const c of COMMANDS) {
    const name = c.spec.name.split(' ');
    if (name.length > words && name.every((w, i) => argv[i] === w)) {
      found = c;
      words = name.length;
    }
  }
  return found && { command: found, rest: argv.slice(words) };
}

/** The commands named `group …`: `lexicon` gives lexicon build, pack, import and so on. */
export function subcommandsOf(group: string): Command[] {
  return COMMANDS.filter((c) => c.spec.name.startsWith(`${group} `));
}
