/** `--first-stage auto|bm25|psq --lexicons URI` of `xlir search`: what lib/retrieve's first stage may use. */
import { DEFAULT_FIRST_STAGE, FIRST_STAGE_CHOICES, type FirstStageChoice } from '../retrieve/index.js';
import type { LexiconCatalog } from '../search/index.js';
import { openLexicons } from '../search/node.js';
import { UsageError } from './errors.js';
import type { OptionSpecs } from './spec.js';

/** The options of `xlir search` that choose its first stage. */
export const FIRST_STAGE_OPTIONS = {
  'first-stage': {
    type: 'string',
    value: 'auto|bm25|psq',
    choices: FIRST_STAGE_CHOICES,
    default: DEFAULT_FIRST_STAGE,
    description:
      "auto: psq when --lexicons are given and a document language differs from the query's, else bm25 (as the API); bm25: the query in its own language; psq: translated into every document language",
  },
  lexicons: {
    type: 'string',
    value: 'URI',
    description: 'lexicon pack or folder of src-tgt.tsv files that psq translates with (needed by psq)',
  },
} as const satisfies OptionSpecs;

export interface FirstStageSettings {
  firstStage: FirstStageChoice;
  lexicons?: () => Promise<LexiconCatalog>;
}

/** The first-stage choice and lexicons the flags ask for, checked before any index is opened. */
export async function firstStageSettings(args: {
  'first-stage'?: string | undefined;
  lexicons?: string | undefined;
}): Promise<FirstStageSettings> {
  const choice = (args['first-stage'] ?? DEFAULT_FIRST_STAGE) as FirstStageChoice;
  if (!FIRST_STAGE_CHOICES.includes(choice)) {
    throw new UsageError(`--first-stage must be auto, bm25 or psq, got "${choice}"`);
  }
  if (choice === 'bm25') {
    if (args.lexicons !== undefined) throw new UsageError('--lexicons is not used with --first-stage bm25');
    return { firstStage: choice };
  }
  if (args.lexicons === undefined) {
    if (choice === 'psq') {
      throw new UsageError(
        '--first-stage psq needs --lexicons URI (a lexicon pack or a folder of src-tgt.tsv files)',
      );
    }
    return { firstStage: choice };
  }
  const lexicons = await openLexicons(args.lexicons);
  return { firstStage: choice, lexicons: async () => lexicons };
}
