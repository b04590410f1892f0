/** `--first-stage bm25|psq --lexicons DIR` of `xlir search`: which first stage answers a query. */
import {
  CrossLingualSearcher,
  openLexicons,
  type Searcher,
  type SearchOptions,
  type SearchResult,
} from '../search/index.js';
import { UsageError } from './errors.js';
import type { OptionSpecs } from './spec.js';

/** The options of `xlir search` that choose its first stage. */
export const FIRST_STAGE_OPTIONS = {
  'first-stage': {
    type: 'string',
    value: 'bm25|psq',
    default: 'bm25',
    description: 'bm25: the query in its own language; psq: translated into every document language',
  },
  lexicons: {
    type: 'string',
    value: 'URI',
    description: 'lexicon pack or folder of src-tgt.tsv files that psq translates with (needed by psq)',
  },
} as const satisfies OptionSpecs;

export type QueryRunner = (query: string, options: SearchOptions) => Promise<SearchResult>;

/**
 * bm25 (default): the query as analysed in its own language. psq: translated into every
 * document language of the index (or of --doc-lang) with the lexicons in DIR, results fused.
 */
export async function firstStageRunner(
  args: { 'first-stage'?: string | undefined; lexicons?: string | undefined },
  searcher: Searcher,
): Promise<QueryRunner> {
  const kind = args['first-stage'] ?? 'bm25';
  if (kind !== 'bm25' && kind !== 'psq')
    throw new UsageError(`--first-stage must be bm25 or psq, got "${kind}"`);
  if (kind === 'bm25') {
    if (args.lexicons !== undefined) throw new UsageError('--lexicons is only used with --first-stage psq');
    return (query, options) => searcher.search(query, options);
  }
  if (args.lexicons === undefined) {
    throw new UsageError('--first-stage psq needs --lexicons DIR (a folder of src-tgt.tsv lexicons)');
  }
  const crossLingual = new CrossLingualSearcher(searcher, await openLexicons(args.lexicons));
  return (query, options) => crossLingual.search(query, options);
}
