/** `xlir experiment xquad-r`: first-stage retrieval experiments on XQuAD-R, with reports. */
import { Glosser } from '../../codeswitch/index.js';
import { XQUAD_R_LANGUAGES } from '../../datasets/index.js';
import {
  CANDIDATE_DEPTH,
  DEFAULT_SEED,
  FIRST_STAGES,
  rerankSystem,
  runXquadRExperiment,
  MODEL_LAMBDA,
  type RankingSystem,
  type RerankScoreCache,
  SETTINGS,
  writeReports,
  type FirstStageKind,
  type Setting,
} from '../../experiment/index.js';
import {
  DEFAULT_MIXED_LANGUAGE_STRATEGY,
  DEFAULT_ROUTING_URI,
  MIXED_LANGUAGE_STRATEGIES,
  Reranker,
  type MixedLanguageStrategy,
} from '../../rerank/index.js';
import {
  FUSION_METHODS,
  PHRASE_TRANSLATION,
  PHRASE_TRANSLATIONS,
  type FusionMethod,
  type LexiconCatalog,
  type PhraseTranslation,
} from '../../search/index.js';
import { openLexicons } from '../../search/node.js';
import { canonicalLanguage } from '../../text/index.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import { languageList } from '../languages.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec, usageLine } from '../spec.js';

/** Whether rerankers with a first-stage input get the candidates' scores (--rerank-scores). */
type RerankScores = 'with' | 'without';
const RERANK_SCORES: readonly RerankScores[] = ['with', 'without'];
/** What the reranker reads (--rerank-input): the texts as they are, or glossed into English. */
type RerankInput = 'text' | 'gloss';
const RERANK_INPUTS: readonly RerankInput[] = ['text', 'gloss'];

export const EXPERIMENT_XQUAD_R = commandSpec({
  name: 'experiment xquad-r',
  summary: 'MoIR, CLIR and MLIR retrieval experiments on XQuAD-R, with tables, per-query JSON and a chart',
  options: {
    data: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: "folder of XQuAD-R's <lang>.json files",
    },
    out: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'folder for results.md, results.json, chart.svg and the converted data',
    },
    lexicons: {
      type: 'string',
      value: 'URI',
      description: 'lexicon pack or folder the psq first stage translates with (needed by psq)',
    },
    langs: {
      type: 'string',
      value: 'xx,yy',
      language: 'list',
      default: XQUAD_R_LANGUAGES.join(','),
      description: 'languages of the questions and passages',
    },
    settings: {
      type: 'string',
      value: 'LIST',
      choices: SETTINGS,
      default: 'all',
      description: 'retrieval settings run (mlir-partial: each answer removed from half the languages)',
    },
    pairs: {
      type: 'string',
      value: 'en-de,en-all',
      language: 'pairs',
      description: 'only these query-doc language pairs (doc "all": MLIR)',
    },
    'first-stage': {
      type: 'string',
      value: 'LIST',
      choices: FIRST_STAGES,
      default: 'all',
      description: 'first stages compared',
    },
    fusion: {
      type: 'string',
      value: 'LIST',
      choices: FUSION_METHODS,
      default: 'all',
      description: 'how psq merges the per-language lists under MLIR',
    },
    'write-rankings': {
      type: 'boolean',
      description:
        "also write each psq query's per-language lists, as fusion received them, to OUT/rankings/ (for bench/xquad-r/fusion-study.ts)",
    },
    'phrase-translation': {
      type: 'string',
      value: 'MODE',
      choices: PHRASE_TRANSLATIONS,
      default: PHRASE_TRANSLATION,
      description: 'how psq searches a translation of several terms: its terms, or all of them together',
    },
    queries: {
      type: 'string',
      value: 'N',
      default: 'all',
      description: 'a seeded sample of N questions (2 or more), the same in every language',
    },
    seed: {
      type: 'string',
      value: 'S',
      default: String(DEFAULT_SEED),
      description: 'seed of the sample and the significance tests',
    },
    rerank: {
      type: 'string',
      value: 'DEPTH',
      description: `also rerank each first stage's top DEPTH with cross-encoders, 1 to ${CANDIDATE_DEPTH}`,
    },
    models: {
      type: 'string',
      value: 'URI',
      default: DEFAULT_ROUTING_URI,
      description: 'model routing table (routing.json) for --rerank',
    },
    model: {
      type: 'string',
      value: 'auto,ID,...',
      default: 'auto',
      description: 'models compared under --rerank; auto routes by language',
    },
    lambda: {
      type: 'string',
      value: 'L,...',
      default: MODEL_LAMBDA,
      description: `fusion weights compared under --rerank, each 0 to 1 or "${MODEL_LAMBDA}" (what the models ask for, as served)`,
    },
    strategy: {
      type: 'string',
      value: 'LIST',
      choices: MIXED_LANGUAGE_STRATEGIES,
      default: DEFAULT_MIXED_LANGUAGE_STRATEGY,
      description: 'mixed-language strategies compared under --rerank',
    },
    'rerank-scores': {
      type: 'string',
      value: 'LIST',
      choices: RERANK_SCORES,
      default: 'with',
      description:
        "whether a model with a first-stage input reads the candidates' scores; without: as /v1/rerank callers send none",
    },
    'rerank-input': {
      type: 'string',
      value: 'LIST',
      choices: RERANK_INPUTS,
      default: 'text',
      description:
        'what the model reads: the texts, or each pair glossed into English word by word through --lexicons, as models that read glosses are served',
    },
  },
  notes: [
    'every combination of the lists given is run; --models, --model, --lambda, --strategy, --rerank-scores and --rerank-input need --rerank',
  ],
  examples: [
    'xlir experiment xquad-r --data ../shared/data/xquad-r --lexicons ./lexicons --out ./xquad-r-out',
    'xlir experiment xquad-r --data DIR --out DIR --first-stage bm25 --settings moir,clir --langs en,de --queries 200',
    'xlir experiment xquad-r --data DIR --out DIR --lexicons DIR --pairs en-de,en-all --rerank 100 --model auto --lambda 0.3,1',
  ],
});

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

/**
 * One reranking system per (model, lambda, strategy, scores) asked for, sharing one warm
 * Reranker.
 */
async function rerankSystems(
  args: {
    rerank?: string;
    models?: string;
    model?: string;
    lambda?: string;
    strategy?: string;
    'rerank-scores'?: string;
    'rerank-input'?: string;
    lexicons?: string;
  },
  lexicons: LexiconCatalog | undefined,
): Promise<RankingSystem[]> {
  const depth = parseNumber(args.rerank, '--rerank', { integer: true, min: 1, max: CANDIDATE_DEPTH });
  if (depth === undefined) {
    if (
      args.models ??
      args.model ??
      args.lambda ??
      args.strategy ??
      args['rerank-scores'] ??
      args['rerank-input']
    )
      throw new UsageError(
        `--models, --model, --lambda, --strategy, --rerank-scores and --rerank-input need --rerank DEPTH`,
      );
    return [];
  }
  const scoreModes = list<RerankScores>(args['rerank-scores'], RERANK_SCORES, '--rerank-scores') ?? ['with'];
  const inputs = list<RerankInput>(args['rerank-input'], RERANK_INPUTS, '--rerank-input') ?? ['text'];
  if (inputs.includes('gloss') && lexicons === undefined)
    throw new UsageError('--rerank-input gloss needs --lexicons DIR');
  // One glosser (its tables built once) for --rerank-input gloss and for models that read glosses.
  const glosser = lexicons === undefined ? undefined : new Glosser(lexicons);
  const models = (args.model ?? 'auto').split(',').filter(Boolean);
  const lambdas = (args.lambda ?? MODEL_LAMBDA)
    .split(',')
    .map((l) => (l === MODEL_LAMBDA ? l : parseNumber(l, '--lambda', { min: 0, max: 1 })!));
  const strategies = list<MixedLanguageStrategy>(args.strategy, MIXED_LANGUAGE_STRATEGIES, '--strategy') ?? [
    undefined,
  ];
  const routing = args.models ?? DEFAULT_ROUTING_URI;
  const reranker = await Reranker.open(routing, glosser ? { glosser } : {});
  await reranker.warm(models.filter((m) => m !== 'auto'));
  // --rerank-input gloss: the same models, every one given the pairs as serving glosses them.
  const glossing =
    inputs.includes('gloss') && glosser !== undefined
      ? await Reranker.open(routing, { glosser, glossEveryModel: true })
      : undefined;
  const cache: RerankScoreCache = new Map();
  return models.flatMap((model) =>
    lambdas.flatMap((lambda) =>
      strategies.flatMap((strategy) =>
        scoreModes.flatMap((scores) =>
          inputs.map((input) =>
            rerankSystem(
              input === 'gloss' ? glossing! : reranker,
              {
                depth,
                model,
                lambda,
                ...(strategy ? { strategy } : {}),
                ...(scores === 'without' ? { firstStageScores: false } : {}),
              },
              cache,
            ),
          ),
        ),
      ),
    ),
  );
}

export async function experimentCommand(args: CommandArgs<typeof EXPERIMENT_XQUAD_R.options>): Promise<void> {
  const langs =
    args.langs === undefined ? undefined : languageList(args.langs).map((l) => canonicalLanguage(l));
  const settings = list<Setting>(args.settings, SETTINGS, '--settings');
  const firstStages = list<FirstStageKind>(args['first-stage'], FIRST_STAGES, '--first-stage');
  const wantsPsq = (firstStages ?? FIRST_STAGES).includes('psq');
  if (wantsPsq && args.lexicons === undefined) {
    throw new UsageError(
      `the psq first stage needs --lexicons DIR (or pass --first-stage bm25); usage: ${usageLine(EXPERIMENT_XQUAD_R)}`,
    );
  }
  const queries = parseNumber(args.queries, '--queries', { integer: true, min: 2 });
  const seed = parseNumber(args.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 });
  const outDir = args.out;
  const fusions = list<FusionMethod>(args.fusion, FUSION_METHODS, '--fusion');
  const phraseTranslation = args['phrase-translation'] as PhraseTranslation | undefined;
  if (phraseTranslation !== undefined && !PHRASE_TRANSLATIONS.includes(phraseTranslation))
    throw new UsageError(
      `--phrase-translation takes one of ${PHRASE_TRANSLATIONS.join(', ')}; got "${phraseTranslation}"`,
    );
  // Opened once: PSQ and the glosser of models that read glosses share them.
  const lexicons = args.lexicons === undefined ? undefined : await openLexicons(args.lexicons);
  const rankers = await rerankSystems(args, lexicons);
  const bar = progressBar('experiment');
  const results = await runXquadRExperiment({
    dataDir: args.data,
    outDir,
    langs: langs ?? XQUAD_R_LANGUAGES,
    ...(lexicons !== undefined ? { lexicons } : {}),
    ...(settings ? { settings } : {}),
    ...(firstStages ? { firstStages } : {}),
    ...(queries !== undefined ? { queries } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(args.pairs !== undefined ? { pairs: args.pairs.split(',').filter(Boolean) } : {}),
    ...(fusions ? { fusions } : {}),
    ...(phraseTranslation ? { phraseTranslation } : {}),
    ...(args['write-rankings'] === true ? { writeRankings: true } : {}),
    rankers,
    onProgress: (p) => bar.update(p.done, p.total, `${p.done}/${p.total} queries (${p.detail})`),
  });
  bar.finish();
  const paths = await writeReports(outDir, results);
  console.log(
    `evaluated ${results.results.length} runs of ${results.config.queries} questions; wrote ${paths.markdown}, ${paths.json} and ${paths.svg}`,
  );
}
