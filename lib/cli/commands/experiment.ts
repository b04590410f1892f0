/** `xlir experiment xquad-r`: first-stage retrieval experiments on XQuAD-R, with reports. */
import { XQUAD_R_LANGUAGES } from '../../datasets/index.js';
import {
  CANDIDATE_DEPTH,
  FIRST_STAGES,
  rerankSystem,
  runXquadRExperiment,
  type RankingSystem,
  type RerankScoreCache,
  SETTINGS,
  writeReports,
  type FirstStageKind,
  type Setting,
} from '../../experiment/index.js';
import {
  DEFAULT_LAMBDA,
  DEFAULT_ROUTING_URI,
  MIXED_LANGUAGE_STRATEGIES,
  Reranker,
  type MixedLanguageStrategy,
} from '../../rerank/index.js';
import { FUSION_METHODS, type FusionMethod } from '../../search/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';

export const EXPERIMENT_USAGE =
  'xlir experiment xquad-r --data DIR --out DIR [--lexicons DIR] [--langs ar,de,en,es,ru,zh] [--settings moir,clir,mlir,mlir-partial] [--pairs en-de,en-all] [--first-stage bm25|psq] [--fusion minmax,zscore,rrf,attainable,attainable-top] [--queries N] [--seed S] [--rerank DEPTH [--models URI] [--model auto,ID,...] [--lambda L,...] [--strategy multilingual,per-language]]';

function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').filter(Boolean);
  const unknown = items.find((x) => !allowed.includes(x as T));
  if (unknown !== undefined || items.length === 0) {
    throw new UsageError(`${flag} takes a comma-separated list of ${allowed.join(', ')}; got "${value}"`);
  }
  return items as T[];
}

/** One reranking system per (model, lambda, strategy) asked for, sharing one warm Reranker. */
async function rerankSystems(args: {
  rerank?: string;
  models?: string;
  model?: string;
  lambda?: string;
  strategy?: string;
}): Promise<RankingSystem[]> {
  const depth = parseNumber(args.rerank, '--rerank', { integer: true, min: 1, max: CANDIDATE_DEPTH });
  if (depth === undefined) {
    if (args.models ?? args.model ?? args.lambda ?? args.strategy)
      throw new UsageError(`--models, --model, --lambda and --strategy need --rerank DEPTH`);
    return [];
  }
  const models = (args.model ?? 'auto').split(',').filter(Boolean);
  const lambdas = (args.lambda ?? String(DEFAULT_LAMBDA))
    .split(',')
    .map((l) => parseNumber(l, '--lambda', { min: 0, max: 1 })!);
  const strategies = list<MixedLanguageStrategy>(args.strategy, MIXED_LANGUAGE_STRATEGIES, '--strategy') ?? [
    undefined,
  ];
  const reranker = await Reranker.open(args.models ?? DEFAULT_ROUTING_URI);
  await reranker.warm(models.filter((m) => m !== 'auto'));
  const cache: RerankScoreCache = new Map();
  return models.flatMap((model) =>
    lambdas.flatMap((lambda) =>
      strategies.map((strategy) =>
        rerankSystem(reranker, { depth, model, lambda, ...(strategy ? { strategy } : {}) }, cache),
      ),
    ),
  );
}

export async function experimentCommand(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name !== 'xquad-r')
    throw new UsageError(`unknown experiment "${name ?? ''}"; usage: ${EXPERIMENT_USAGE}`);
  const args = parseCommandArgs(
    rest,
    {
      data: { type: 'string' },
      lexicons: { type: 'string' },
      out: { type: 'string' },
      langs: { type: 'string' },
      settings: { type: 'string' },
      'first-stage': { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      pairs: { type: 'string' },
      fusion: { type: 'string' },
      rerank: { type: 'string' },
      models: { type: 'string' },
      model: { type: 'string' },
      lambda: { type: 'string' },
      strategy: { type: 'string' },
    },
    EXPERIMENT_USAGE,
  );
  const langs = args.langs?.split(',').filter(Boolean).map(canonicalLanguage);
  const settings = list<Setting>(args.settings, SETTINGS, '--settings');
  const firstStages = list<FirstStageKind>(args['first-stage'], FIRST_STAGES, '--first-stage');
  const wantsPsq = (firstStages ?? FIRST_STAGES).includes('psq');
  if (wantsPsq && args.lexicons === undefined) {
    throw new UsageError(
      `the psq first stage needs --lexicons DIR (or pass --first-stage bm25); usage: ${EXPERIMENT_USAGE}`,
    );
  }
  const queries = parseNumber(args.queries, '--queries', { integer: true, min: 2 });
  const seed = parseNumber(args.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 });
  const outDir = requireString(args.out, '--out', EXPERIMENT_USAGE);
  const fusions = list<FusionMethod>(args.fusion, FUSION_METHODS, '--fusion');
  const rankers = await rerankSystems(args);
  const bar = progressBar('experiment');
  const results = await runXquadRExperiment({
    dataDir: requireString(args.data, '--data', EXPERIMENT_USAGE),
    outDir,
    langs: langs ?? XQUAD_R_LANGUAGES,
    ...(args.lexicons !== undefined ? { lexiconsDir: args.lexicons } : {}),
    ...(settings ? { settings } : {}),
    ...(firstStages ? { firstStages } : {}),
    ...(queries !== undefined ? { queries } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(args.pairs !== undefined ? { pairs: args.pairs.split(',').filter(Boolean) } : {}),
    ...(fusions ? { fusions } : {}),
    rankers,
    onProgress: (p) => bar.update(p.done, p.total, `${p.done}/${p.total} queries (${p.detail})`),
  });
  bar.finish();
  const paths = await writeReports(outDir, results);
  console.log(
    `evaluated ${results.results.length} runs of ${results.config.queries} questions; wrote ${paths.markdown}, ${paths.json} and ${paths.svg}`,
  );
}
