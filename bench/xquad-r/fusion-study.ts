/**
 * Multilingual fusion offline: every fusion method over the per-language lists an experiment
 * wrote with `--write-rankings`, without searching again. Prints, for MLIR and MLIR-partial:
 * - MAP per fusion on all questions and on each half of XQuAD-R's articles (a candidate is
 *   compared on the first half and checked, unchanged, on the second: docs/results.md);
 * - how well a list's features tell whether its first hit is relevant (area under the ROC
 *   curve, first half of the articles, translated and own-language lists apart);
 * - the order-keeping oracle: the best MAP any merge reaches that keeps each list's order.
 *
 *   node --import tsx bench/xquad-r/fusion-study.ts OUT
 *
 * OUT is the output folder of `xlir experiment xquad-r --settings mlir,mlir-partial
 * --first-stage psq --write-rankings --out OUT`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluate, readQrels, type Qrels, type Run } from '../../lib/eval/index.js';
import { fuseRecord, type RankingsRecord } from '../../lib/experiment/index.js';
import { FUSION_HEAD_DEPTH, FUSION_METHODS } from '../../lib/search/index.js';

const DEPTH = 1000;
const SETTINGS = ['mlir', 'mlir-partial'] as const;

const out = process.argv[2];
if (!out) {
  console.error('usage: node --import tsx bench/xquad-r/fusion-study.ts OUT');
  process.exit(2);
}

/** XQuAD-R document ids are `<lang>-<article>-<paragraph>-<sentence>`. */
function articleOf(docId: string): number {
  return Number(docId.split('-')[1]);
}

async function records(setting: string): Promise<RankingsRecord[]> {
  const dir = join(out!, 'rankings');
  // `<setting>-<query lang>-all.jsonl`; 'mlir-' alone would also match 'mlir-partial-'.
  const name = new RegExp(`^${setting}-[^-]+-all\\.jsonl$`);
  const files = (await readdir(dir)).filter((f) => name.test(f));
  const text = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return text.flatMap((t) =>
    t
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RankingsRecord),
  );
}

/** Mean over query languages of MAP, as the experiment reports it. */
function meanMap(
  recs: readonly RankingsRecord[],
  qrels: Qrels,
  rank: (r: RankingsRecord) => string[],
): number {
  const byLang = new Map<string, Run>();
  for (const r of recs) {
    let run = byLang.get(r.queryLang);
    if (!run) byLang.set(r.queryLang, (run = new Map()));
    const ids = rank(r);
    run.set(
      r.qid,
      ids.map((docid, i) => ({ docid, score: ids.length - i })),
    );
  }
  const maps = [...byLang.values()].map((run) => {
    const judged: Qrels = new Map([...run.keys()].filter((q) => qrels.has(q)).map((q) => [q, qrels.get(q)!]));
    return evaluate(judged, run, 'map').mean.map!;
  });
  return maps.reduce((a, b) => a + b, 0) / maps.length;
}

/** Each list's prefix up to its relevant document, shortest first: the best order-keeping merge. */
function oracle(record: RankingsRecord, relevant: ReadonlySet<string>): string[] {
  const prefixes = record.lists
    .map((l) => l.docs.findIndex(([id]) => relevant.has(id)))
    .map((at, i) => (at < 0 ? [] : record.lists[i]!.docs.slice(0, at + 1).map(([id]) => id)))
    .filter((p) => p.length > 0)
    .sort((a, b) => a.length - b.length);
  return prefixes.flat();
}

function auc(positive: number[], negative: number[]): number {
  const all = [...positive.map((v) => [v, 1] as const), ...negative.map((v) => [v, 0] as const)];
  all.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSum += midRank;
    i = j;
  }
  const p = positive.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negative.length);
}

const FEATURES: Record<string, (s: readonly number[], typical: number, max: number) => number> = {
  'first / reference': (s, typical) => s[0]! / typical,
  'first / attainable': (s, _, max) => s[0]! / max,
  '(first − second) / reference': (s, typical) => (s[0]! - (s[1] ?? 0)) / typical,
  '(first − head) / reference': (s, typical) =>
    (s[0]! - s.slice(0, FUSION_HEAD_DEPTH).reduce((a, b) => a + b, 0) / FUSION_HEAD_DEPTH) / typical,
};

for (const setting of SETTINGS) {
  const recs = await records(setting);
  if (recs.length === 0) continue;
  const qrels = await readQrels(join(out, 'data', `qrels-${setting}.txt`));
  const allQrels = await readQrels(join(out, 'data', 'qrels-mlir.txt'));
  const article = (qid: string) => articleOf([...allQrels.get(qid)!.keys()][0]!);
  const last = Math.max(...recs.map((r) => article(r.qid)));
  const firstHalf = recs.filter((r) => article(r.qid) <= last / 2);
  const secondHalf = recs.filter((r) => article(r.qid) > last / 2);
  console.log(`\n## ${setting} (${recs.length} queries)\n`);
  console.log('| fusion | MAP, all | first half of the articles | second half |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const method of FUSION_METHODS) {
    // Fused once per record; the halves reuse the rankings of the whole.
    const ranked = new Map(recs.map((r) => [r, fuseRecord(r, method, DEPTH)]));
    const cells = [recs, firstHalf, secondHalf].map((r) =>
      meanMap(r, qrels, (x) => ranked.get(x)!).toFixed(4),
    );
    console.log(`| ${method} | ${cells.join(' | ')} |`);
  }
  const relevant = (qid: string) => new Set(qrels.get(qid)?.keys() ?? []);
  console.log(
    `| order-keeping oracle | ${meanMap(recs, qrels, (r) => oracle(r, relevant(r.qid))).toFixed(4)} | | |`,
  );
  console.log('\nAUC of "the first hit is relevant", first half of the articles:\n');
  console.log('| feature | translated lists | own-language lists |');
  console.log('| --- | ---: | ---: |');
  for (const [name, feature] of Object.entries(FEATURES)) {
    const cells = [false, true].map((own) => {
      const positive: number[] = [];
      const negative: number[] = [];
      for (const r of firstHalf) {
        const rel = relevant(r.qid);
        for (const l of r.lists) {
          if ((l.via === 'monolingual') !== own || l.docs.length === 0 || l.typicalScore <= 0) continue;
          const value = feature(
            l.docs.map(([, s]) => s),
            l.typicalScore,
            l.maxScore,
          );
          (rel.has(l.docs[0]![0]) ? positive : negative).push(value);
        }
      }
      return positive.length && negative.length ? auc(positive, negative).toFixed(3) : '-';
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}
