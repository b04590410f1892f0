/**
 * The XQuAD-R experiment: converts the data (written under `<out>/data` for `xlir search` and
 * `xlir eval`), builds or reuses the indexes (one per language for MoIR and CLIR, one pooled
 * for MLIR), runs every system on every language pair and evaluates it, then compares systems
 * with paired randomisation tests, Holm-corrected per metric over the whole experiment.
 * MLIR-partial searches the MLIR index with each question's answer removed from half the
 * languages (partial.ts); what was removed is written to `<out>/data/mlir-partial-removed.tsv`
 * with the adjusted qrels, and listed in the results' config.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  readXquadR,
  writeXquadR,
  XQUAD_R_LANGUAGES,
  xquadRQrels,
  type XquadRLanguage,
} from '../datasets/index.js';
import {
  compareQids,
  evaluate,
  mulberry32,
  writeQrels,
  type Qid,
  type Qrels,
  type Run,
} from '../eval/index.js';
import type { IndexReader } from '../index/index.js';
import {
  CrossLingualSearcher,
  FUSION_METHODS,
  PHRASE_TRANSLATION,
  Searcher,
  type FusionMethod,
  type LexiconCatalog,
  type PhraseTranslation,
} from '../search/index.js';
import { comparePooled, compareSystems } from './compare.js';
import { ExperimentError } from './errors.js';
import { CANDIDATE_DEPTH, DEFAULT_SEED, EXPERIMENT_METRICS } from './constants.js';
import { cachedIndex } from './indexes.js';
import {
  formatRemovals,
  partialQrels,
  partialRemovals,
  removedLanguageCount,
  type Removals,
} from './partial.js';
import type { RankingsRecord } from './rankings.js';
import { rerankedName, runPair, type SystemRuns } from './systems.js';
import {
  FIRST_STAGES,
  isMultilingual,
  SETTINGS,
  type Candidate,
  type ExperimentResults,
  type FirstStageKind,
  type FirstStageSystem,
  type PairResult,
  type RankingSystem,
  type Setting,
} from './types.js';

export interface ExperimentProgress {
  done: number;
  total: number;
  detail: string;
}

export interface XquadRExperimentOptions {
  /** Folder with XQuAD-R's `<lang>.json` files. */
  dataDir: string;
  /** Opened lexicons (openLexicons); needed for PSQ. The caller opens them, so a glosser can share them. */
  lexicons?: LexiconCatalog;
  outDir: string;
  langs?: readonly string[];
  settings?: readonly Setting[];
  firstStages?: readonly FirstStageKind[];
  /** Evaluate a seeded sample of this many questions (the same ids in every language). */
  queries?: number;
  seed?: number;
  /** Second stages, each run on every first stage's candidates. */
  rankers?: readonly RankingSystem[];
  /** Only these language pairs, as `en-de` (MLIR: `en-all`); default every pair of the settings. */
  pairs?: readonly string[];
  /** Only these fusions for PSQ over several document languages (MLIR); default all. */
  fusions?: readonly FusionMethod[];
  /** How PSQ searches translations of several terms; default PHRASE_TRANSLATION. */
  phraseTranslation?: PhraseTranslation;
  /**
   * Write each PSQ query's per-language lists, as fusion received them, to
   * `<out>/rankings/<setting>-<query lang>-<doc lang>.jsonl` (one RankingsRecord per line).
   */
  writeRankings?: boolean;
  onProgress?: (progress: ExperimentProgress) => void;
}

interface LanguagePair {
  setting: Setting;
  queryLang: string;
  /** A language, or 'all' (MLIR). */
  docLang: string;
}

function languagePairs(settings: readonly Setting[], langs: readonly string[]): LanguagePair[] {
  const pairs: LanguagePair[] = [];
  for (const setting of SETTINGS.filter((s) => settings.includes(s))) {
    for (const queryLang of langs) {
      if (setting === 'moir') pairs.push({ setting, queryLang, docLang: queryLang });
      if (isMultilingual(setting)) pairs.push({ setting, queryLang, docLang: 'all' });
      if (setting === 'clir') {
        for (const docLang of langs) if (docLang !== queryLang) pairs.push({ setting, queryLang, docLang });
      }
    }
  }
  return pairs;
}

/** First-stage systems of a setting. MoIR needs one: PSQ skips translation there, so it is BM25. */
function firstStageSystems(
  setting: Setting,
  kinds: readonly FirstStageKind[],
  fusions: readonly FusionMethod[],
): FirstStageSystem[] {
  if (setting === 'moir') return [{ name: kinds[0]!, kind: kinds[0]! }];
  return kinds.flatMap<FirstStageSystem>((kind) =>
    kind === 'psq' && isMultilingual(setting)
      ? fusions.map((fusion) => ({ name: `psq+${fusion}`, kind, fusion }))
      : [{ name: kind, kind }],
  );
}

/** A seeded sample of question ids common to every language, in qid order. */
export function sampleQids(data: readonly XquadRLanguage[], count: number | undefined, seed: number): Qid[] {
  const common = [...data[0]!.topics.keys()].filter((qid) => data.every((d) => d.topics.has(qid)));
  common.sort(compareQids);
  if (count === undefined || count >= common.length) return common;
  const random = mulberry32(seed);
  for (let i = common.length - 1; i > 0; i--) {
    const j = Math.floor((random() / 2 ** 32) * (i + 1));
    [common[i], common[j]] = [common[j]!, common[i]!];
  }
  return common.slice(0, count).sort(compareQids);
}

/** Per question, the document ids MLIR-partial took out of the pool. */
function excludedDocs(removals: Removals): Map<Qid, Set<string>> {
  return new Map([...removals].map(([qid, r]) => [qid, new Set(r.docs)]));
}

/** Ranks become scores (n, n−1, …) so evaluation keeps each system's own order, ties included. */
function asRun(byQuery: ReadonlyMap<Qid, Candidate[]>): Run {
  const run: Run = new Map();
  for (const [qid, ranked] of byQuery)
    run.set(
      qid,
      ranked.map((c, i) => ({ docid: c.docId, score: ranked.length - i })),
    );
  return run;
}

export async function runXquadRExperiment(options: XquadRExperimentOptions): Promise<ExperimentResults> {
  const langs = [...(options.langs ?? XQUAD_R_LANGUAGES)];
  const settings = SETTINGS.filter((s) => (options.settings ?? SETTINGS).includes(s));
  const kinds = FIRST_STAGES.filter((k) => (options.firstStages ?? FIRST_STAGES).includes(k));
  const seed = options.seed ?? DEFAULT_SEED;
  const rankers = options.rankers ?? [];
  const data = await readXquadR(options.dataDir, langs);
  const qids = sampleQids(data, options.queries, seed);
  await writeXquadR(join(options.outDir, 'data'), data, qids);

  const wanted = options.pairs ? new Set(options.pairs) : undefined;
  const pairs = languagePairs(settings, langs).filter(
    (p) => !wanted || wanted.has(`${p.queryLang}-${p.docLang}`),
  );
  if (pairs.length === 0)
    throw new ExperimentError('no language pair of the chosen settings matches --pairs');
  const fusions = FUSION_METHODS.filter((f) => (options.fusions ?? FUSION_METHODS).includes(f));
  const phraseTranslation = options.phraseTranslation ?? PHRASE_TRANSLATION;
  const catalog =
    kinds.includes('psq') && options.lexicons
      ? options.lexicons.withPhraseTranslation(phraseTranslation)
      : undefined;
  if (kinds.includes('psq') && !catalog)
    throw new ExperimentError('the PSQ first stage needs lexicons (--lexicons DIR)');
  // Resolve every translator before the first query, so a missing lexicon fails in seconds.
  for (const { queryLang, docLang } of pairs) {
    for (const d of docLang === 'all' ? langs : [docLang])
      if (catalog && d !== queryLang) await catalog.translator(queryLang, d);
  }

  const byLang = new Map(data.map((d) => [d.lang, d]));
  const partial = settings.includes('mlir-partial') ? partialRemovals(data, qids, seed) : undefined;
  if (partial) {
    await mkdir(join(options.outDir, 'data'), { recursive: true });
    await writeFile(join(options.outDir, 'data', 'mlir-partial-removed.tsv'), formatRemovals(partial));
    await writeQrels(
      join(options.outDir, 'data', 'qrels-mlir-partial.txt'),
      partialQrels(xquadRQrels(data), partial),
    );
  }
  const indexRoot = join(options.outDir, 'indexes');
  const readers = new Map<string, IndexReader>();
  const indexFor = async (docLang: string): Promise<IndexReader> => {
    let reader = readers.get(docLang);
    if (!reader) {
      const docs = docLang === 'all' ? data.flatMap((d) => d.docs) : byLang.get(docLang)!.docs;
      reader = (await cachedIndex(indexRoot, docLang, docs)).reader;
      readers.set(docLang, reader);
    }
    return reader;
  };

  const total = pairs.length * qids.length;
  let done = 0;
  const results: PairResult[] = [];
  for (const pair of pairs) {
    const searcher = new Searcher(await indexFor(pair.docLang));
    const topics = qids.map((qid) => [qid, byLang.get(pair.queryLang)!.topics.get(qid)!] as const);
    const firstStages = firstStageSystems(pair.setting, kinds, fusions);
    const label = `${pair.setting} ${pair.queryLang}→${pair.docLang}`;
    const rankingsFile = options.writeRankings
      ? join(options.outDir, 'rankings', `${pair.setting}-${pair.queryLang}-${pair.docLang}.jsonl`)
      : undefined;
    if (rankingsFile) {
      await mkdir(dirname(rankingsFile), { recursive: true });
      await writeFile(rankingsFile, '');
    }
    const runs: SystemRuns = await runPair({
      queryLang: pair.queryLang,
      docLangs: pair.docLang === 'all' ? langs : [pair.docLang],
      searcher,
      crossLingual: catalog ? new CrossLingualSearcher(searcher, catalog) : undefined,
      topics,
      firstStages,
      rankers,
      depth: CANDIDATE_DEPTH,
      ...(pair.setting === 'mlir-partial' ? { excluded: excludedDocs(partial!) } : {}),
      ...(rankingsFile
        ? { onRankings: (record: RankingsRecord) => appendFile(rankingsFile, `${JSON.stringify(record)}\n`) }
        : {}),
      onQuery: () => options.onProgress?.({ done: ++done, total, detail: label }),
    });
    const pooled = xquadRQrels(pair.docLang === 'all' ? data : [byLang.get(pair.docLang)!]);
    const judged = pair.setting === 'mlir-partial' ? partialQrels(pooled, partial!) : pooled;
    const qrels: Qrels = new Map(qids.filter((q) => judged.has(q)).map((q) => [q, judged.get(q)!]));
    const names = firstStages.flatMap((s) => [s.name, ...rankers.map((r) => rerankedName(s.name, r))]);
    for (const system of names) {
      const evaluation = evaluate(qrels, asRun(runs.get(system)!), [...EXPERIMENT_METRICS].join(','));
      results.push({ ...pair, system, mean: evaluation.mean, perQuery: evaluation.perQuery });
    }
  }
  return {
    config: {
      dataset: 'xquad-r',
      langs,
      settings: [...settings],
      firstStages: [...kinds],
      queries: qids.length,
      seed,
      depth: CANDIDATE_DEPTH,
      metrics: [...EXPERIMENT_METRICS],
      lexicons: catalog?.directions ?? [],
      phraseTranslation,
      ...(partial
        ? {
            partial: {
              removedLanguages: removedLanguageCount(langs.length),
              removed: Object.fromEntries([...partial].map(([qid, r]) => [qid, r.langs])),
            },
          }
        : {}),
    },
    results,
    comparisons: compareSystems(results, [...EXPERIMENT_METRICS], seed),
    pooled: comparePooled(results, [...EXPERIMENT_METRICS], seed),
  };
}
