/**
 * Draws docs/bm25-scaling.svg, warm query latency against corpus size, from the JSON that
 * bench:bm25 writes (one file per corpus size, each with interleaved rounds): issue #17 asks how
 * xlir's cost grows with the corpus beside Xapian's. Hand-written SVG, like
 * training/plot_curve.py's learning curves, so the plot needs no dependency.
 *
 *   node --import tsx bench/bm25/plot.ts OUT.svg bm25-100k.json bm25-1m.json …
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { RoundsResult } from './rounds-report.js';

interface Point {
  docs: number;
  p50: number;
  p99: number;
}

const ENGINES: Array<{ engine: string; colour: string }> = [
  { engine: 'xlir', colour: '#1f77b4' },
  { engine: 'xapian', colour: '#d62728' },
  { engine: 'lancedb', colour: '#2ca02c' },
];
const DEPTHS = ['top10', 'top1000'] as const;
const PANEL = { width: 380, height: 250, left: 60, top: 40, gap: 90 };

const LABEL_GAP = 12;
const log10 = Math.log10;

function seriesOf(runs: RoundsResult[], engine: string, depth: string): Point[] {
  const points: Point[] = [];
  for (const run of runs) {
    const summary = run.engines.find((e) => e.engine === engine)?.byDepth?.[depth];
    if (summary !== undefined) points.push({ docs: run.docs, p50: summary.p50, p99: summary.p99 });
  }
  return points.sort((a, b) => a.docs - b.docs);
}

/** Powers of ten covering [lo, hi], with 2 and 5 between when the range is short. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(log10(lo)); e <= Math.ceil(log10(hi)); e++) {
    for (const m of hi / lo < 1000 ? [1, 2, 5] : [1]) {
      const t = m * 10 ** e;
      if (t >= lo / 1.0001 && t <= hi * 1.0001) ticks.push(t);
    }
  }
  return ticks;
}

const label = (docs: number) => (docs >= 1e6 ? `${docs / 1e6}M` : `${docs / 1e3}k`);
const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));

function panel(runs: RoundsResult[], depth: string, x0: number): string[] {
  const sizes = [...new Set(runs.map((r) => r.docs))].sort((a, b) => a - b);
  const all = ENGINES.flatMap(({ engine }) => seriesOf(runs, engine, depth)).flatMap((p) => [p.p50, p.p99]);
  const yLo = 10 ** Math.floor(log10(Math.min(...all)));
  const yHi = 10 ** Math.ceil(log10(Math.max(...all)));
  const xLo = sizes[0]!;
  const xHi = sizes.at(-1)!;
  const { width, height, top } = PANEL;
  const x = (docs: number) =>
    x0 + (xHi === xLo ? width / 2 : ((log10(docs) - log10(xLo)) / (log10(xHi) - log10(xLo))) * width);
  const y = (v: number) => top + height - ((log10(v) - log10(yLo)) / (log10(yHi) - log10(yLo))) * height;
  const out = [
    `<text x="${x0 + width / 2}" y="20" text-anchor="middle" font-weight="bold">warm ${depth.replace('top', 'top-')} latency (ms, log scale)</text>`,
    `<line x1="${x0}" y1="${top + height}" x2="${x0 + width}" y2="${top + height}" stroke="#444"/>`,
    `<line x1="${x0}" y1="${top}" x2="${x0}" y2="${top + height}" stroke="#444"/>`,
    `<text x="${x0 + width / 2}" y="${top + height + 32}" text-anchor="middle" font-size="11">documents</text>`,
  ];
  for (const docs of sizes) {
    out.push(
      `<text x="${x(docs).toFixed(1)}" y="${top + height + 14}" text-anchor="middle" font-size="10">${label(docs)}</text>`,
    );
  }
  for (const t of logTicks(yLo, yHi)) {
    out.push(
      `<line x1="${x0}" y1="${y(t).toFixed(1)}" x2="${x0 + width}" y2="${y(t).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${x0 - 4}" y="${(y(t) + 3).toFixed(1)}" text-anchor="end" font-size="10">${ms(t)}</text>`,
    );
  }
  const labels: Array<{ x: number; y: number; colour: string; text: string }> = [];
  for (const { engine, colour } of ENGINES) {
    const points = seriesOf(runs, engine, depth);
    if (points.length === 0) continue;
    for (const [key, dash] of [
      ['p50', ''],
      ['p99', ' stroke-dasharray="4 3"'],
    ] as const) {
      const path = points.map((p) => `${x(p.docs).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
      out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`);
      for (const p of points) {
        out.push(
          `<circle cx="${x(p.docs).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3" fill="${colour}"/>`,
        );
      }
    }
    const last = points.at(-1)!;
    labels.push({ x: x(last.docs) + 6, y: y(last.p50) + 4, colour, text: `${engine} ${ms(last.p50)}` });
  }
  // End-of-line labels, moved apart where two lines end close together.
  labels.sort((a, b) => a.y - b.y);
  labels.forEach((l, i) => {
    if (i > 0) l.y = Math.max(l.y, labels[i - 1]!.y + LABEL_GAP);
    out.push(
      `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" font-size="10" fill="${l.colour}">${l.text}</text>`,
    );
  });
  return out;
}

export function scalingSvg(runs: RoundsResult[]): string {
  const width = PANEL.left + DEPTHS.length * (PANEL.width + PANEL.gap);
  const height = PANEL.top + PANEL.height + 60;
  const body = DEPTHS.flatMap((depth, i) => panel(runs, depth, PANEL.left + i * (PANEL.width + PANEL.gap)));
  const legendY = height - 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    `<text x="${PANEL.left}" y="${legendY}" font-size="10" fill="#444">solid: p50, dashed: p99; in-process wall time per query, pooled over the interleaved rounds of bench:bm25 (one thread per engine)</text>`,
    '</svg>',
    '',
  ].join('\n');
}

const [outPath, ...inputs] = process.argv.slice(2);
if (outPath === undefined || inputs.length === 0) {
  throw new Error('usage: plot.ts OUT.svg BENCH.json [BENCH.json …]');
}
const runs: RoundsResult[] = [];
for (const input of inputs) {
  const bench = JSON.parse(await readFile(input, 'utf8')) as { rounds?: RoundsResult[] };
  runs.push(...(bench.rounds ?? []));
}
await writeFile(outPath, scalingSvg(runs));
console.error(`${outPath}: ${runs.map((r) => r.docs).join(', ')} documents`);
