/** Human- and machine-readable reports of an experiment: a markdown table and per-query JSON. */
import { PERMUTATION_TRIALS, SIGNIFICANCE_ALPHA } from './constants.js';
import {
  isMultilingual,
  SETTINGS,
  type Comparison,
  type ExperimentResults,
  type PairResult,
  type Setting,
} from './types.js';

const SETTING_TITLES: Record<Setting, string> = {
  moir: 'MoIR: query and documents in one language',
  clir: 'CLIR: query in one language, documents in another',
  mlir: 'MLIR: documents of every language pooled',
  'mlir-partial': "MLIR-partial: the pool without each question's answer in half the languages",
};

const METRIC_LABELS: Record<string, string> = {
  map: 'MAP',
  'mrr@10': 'MRR@10',
  'ndcg@10': 'nDCG@10',
  'recall@100': 'R@100',
};

export function pairLabel(r: { setting: Setting; queryLang: string; docLang: string }): string {
  return isMultilingual(r.setting) ? `${r.queryLang}→all` : `${r.queryLang}→${r.docLang}`;
}

function samePair(a: Comparison | PairResult, b: PairResult): boolean {
  return a.setting === b.setting && a.queryLang === b.queryLang && a.docLang === b.docLang;
}

/** ▲ or ▼ where the system differs significantly from the pair's baseline (its first system). */
function mark(
  result: PairResult,
  baseline: string,
  metric: string,
  comparisons: readonly Comparison[],
): string {
  if (result.system === baseline) return '';
  const c = comparisons.find(
    (x) => samePair(x, result) && x.metric === metric && x.a === baseline && x.b === result.system,
  );
  if (!c || c.pHolm > SIGNIFICANCE_ALPHA) return '';
  return c.meanB > c.meanA ? ' ▲' : ' ▼';
}

function settingTable(setting: Setting, data: ExperimentResults): string[] {
  const rows = data.results.filter((r) => r.setting === setting);
  if (rows.length === 0) return [];
  const metrics = data.config.metrics;
  const lines = [
    `## ${SETTING_TITLES[setting]}`,
    '',
    `| pair | system | ${metrics.map((m) => METRIC_LABELS[m] ?? m).join(' | ')} |`,
    `| --- | --- | ${metrics.map(() => '---:').join(' | ')} |`,
  ];
  for (const r of rows) {
    const baseline = rows.find((x) => samePair(x, r))!.system;
    const cells = metrics.map((m) => `${r.mean[m]!.toFixed(4)}${mark(r, baseline, m, data.comparisons)}`);
    lines.push(`| ${pairLabel(r)} | ${r.system} | ${cells.join(' | ')} |`);
  }
  const systems = [...new Set(rows.map((r) => r.system))];
  for (const system of systems) {
    const mine = rows.filter((r) => r.system === system);
    const cells = metrics.map((m) => (mine.reduce((s, r) => s + r.mean[m]!, 0) / mine.length).toFixed(4));
    lines.push(`| **mean of ${mine.length}** | ${system} | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

/** "+0.0123 (0.004)": the difference of means and its Holm-corrected p. */
function deltaCell(x: { meanA: number; meanB: number; pHolm: number }): string {
  const p = x.pHolm < 0.001 ? '<0.001' : x.pHolm.toFixed(3);
  const delta = x.meanB - x.meanA;
  return `${(delta >= 0 ? '+' : '') + delta.toFixed(4)} (${p})`;
}

function comparisonTable(data: ExperimentResults): string[] {
  const metrics = data.config.metrics;
  const first = data.comparisons.filter((c) => c.metric === metrics[0]);
  if (first.length === 0) return [];
  const lines = [
    '## Paired comparisons',
    '',
    `Δ = B − A; p: two-sided paired randomisation test (${PERMUTATION_TRIALS.toLocaleString('en')} sign flips), Holm-corrected over the ${first.length} comparisons of each metric.`,
    '',
    `| setting | pair | A | B | ${metrics.map((m) => `Δ${METRIC_LABELS[m] ?? m} (p)`).join(' | ')} |`,
    `| --- | --- | --- | --- | ${metrics.map(() => '---:').join(' | ')} |`,
  ];
  for (const c of first) {
    const cells = metrics.map((m) => {
      const x = data.comparisons.find(
        (y) =>
          y.metric === m &&
          y.setting === c.setting &&
          y.queryLang === c.queryLang &&
          y.docLang === c.docLang &&
          y.a === c.a &&
          y.b === c.b,
      )!;
      return deltaCell(x);
    });
    lines.push(`| ${c.setting} | ${pairLabel(c)} | ${c.a} | ${c.b} | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

function pooledTable(data: ExperimentResults): string[] {
  const metrics = data.config.metrics;
  const first = data.pooled.filter((c) => c.metric === metrics[0]);
  if (first.length === 0) return [];
  const lines = [
    '## Pooled over each setting’s pairs',
    '',
    `The same test over every (pair, question) of a setting at once: Δ = B − A of the mean over them (the "mean of N" rows when every pair has as many questions); Holm-corrected over the ${first.length} pooled comparisons of each metric.`,
    '',
    `| setting | pairs | questions | A | B | ${metrics.map((m) => `Δ${METRIC_LABELS[m] ?? m} (p)`).join(' | ')} |`,
    `| --- | ---: | ---: | --- | --- | ${metrics.map(() => '---:').join(' | ')} |`,
  ];
  for (const c of first) {
    const cells = metrics.map((m) => {
      const x = data.pooled.find(
        (y) => y.metric === m && y.setting === c.setting && y.a === c.a && y.b === c.b,
      )!;
      return deltaCell(x);
    });
    lines.push(`| ${c.setting} | ${c.pairs} | ${c.queries} | ${c.a} | ${c.b} | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

export function markdownReport(data: ExperimentResults): string {
  const { config } = data;
  const lines = [
    `# ${config.dataset.toUpperCase()} results`,
    '',
    `Languages ${config.langs.join(', ')}; ${config.queries} questions per query language (seed ${config.seed}); ${config.depth} documents retrieved per query.`,
    `Lexicons: ${config.lexicons.length > 0 ? config.lexicons.join(', ') : 'none'}. ▲/▼: significantly better/worse than the first system of the pair (Holm-corrected p ≤ ${SIGNIFICANCE_ALPHA}).`,
    '',
    ...(config.partial
      ? [
          `MLIR-partial: each question's answer sentence removed from ${config.partial.removedLanguages} of the ${config.langs.length} languages (seeded; data/mlir-partial-removed.tsv), qrels adjusted.`,
          '',
        ]
      : []),
    ...SETTINGS.flatMap((s) => settingTable(s, data)),
    ...comparisonTable(data),
    ...pooledTable(data),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Everything, per-query values included; Maps become objects in their (qid) order. */
export function jsonReport(data: ExperimentResults): string {
  const results = data.results.map((r) => ({ ...r, perQuery: Object.fromEntries(r.perQuery) }));
  return `${JSON.stringify({ ...data, results }, null, 1)}\n`;
}
