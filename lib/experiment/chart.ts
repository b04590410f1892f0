/** A grouped bar chart of one metric per language pair and system, as standalone SVG. */
import { pairLabel } from './report.js';
import type { ExperimentResults } from './types.js';

const BAR = 9;
const GROUP_GAP = 10;
const HEIGHT = 220;
const TOP = 40;
const LEFT = 44;
const LABEL_SPACE = 72;
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function svgChart(data: ExperimentResults, metric: string): string {
  const systems = [...new Set(data.results.map((r) => r.system))];
  const groups: Array<{ label: string; values: Array<{ system: number; value: number }> }> = [];
  for (const r of data.results) {
    const label = `${r.setting} ${pairLabel(r)}`;
    let group = groups.find((g) => g.label === label);
    if (!group) groups.push((group = { label, values: [] }));
    group.values.push({ system: systems.indexOf(r.system), value: r.mean[metric] ?? 0 });
  }
  const groupWidth = (g: (typeof groups)[number]) => g.values.length * BAR + GROUP_GAP;
  const width = LEFT + groups.reduce((w, g) => w + groupWidth(g), 0) + 20;
  const height = TOP + HEIGHT + LABEL_SPACE + 20 + systems.length * 14;
  // Two decimals: the chart stays readable as text and diffs well.
  const y = (v: number) => Math.round((TOP + HEIGHT - v * HEIGHT) * 100) / 100;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">`,
    `<text x="${LEFT}" y="20" font-size="13">${escape(`${data.config.dataset.toUpperCase()}: ${metric} per language pair`)}</text>`,
  ];
  for (let t = 0; t <= 10; t += 2) {
    const v = t / 10;
    parts.push(`<line x1="${LEFT}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(v) + 3}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  let x = LEFT + GROUP_GAP / 2;
  for (const g of groups) {
    for (const [i, { system, value }] of g.values.entries()) {
      const colour = COLOURS[system % COLOURS.length]!;
      const title = `${escape(g.label)} ${escape(systems[system]!)}: ${value.toFixed(4)}`;
      parts.push(
        `<rect x="${x + i * BAR}" y="${y(value)}" width="${BAR - 1}" height="${Math.round((TOP + HEIGHT - y(value)) * 100) / 100}" fill="${colour}"><title>${title}</title></rect>`,
      );
    }
    const cx = x + (g.values.length * BAR) / 2;
    parts.push(
      `<text transform="translate(${cx + 3},${TOP + HEIGHT + 6}) rotate(60)">${escape(g.label)}</text>`,
    );
    x += groupWidth(g);
  }
  systems.forEach((s, i) => {
    const ly = TOP + HEIGHT + LABEL_SPACE + 14 + i * 14;
    parts.push(
      `<rect x="${LEFT}" y="${ly - 9}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
    );
    parts.push(`<text x="${LEFT + 16}" y="${ly}">${escape(s)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
