/** Writes an experiment's reports next to its cached data and indexes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { svgChart } from './chart.js';
import { CHART_METRIC } from './constants.js';
import { jsonReport, markdownReport } from './report.js';
import type { ExperimentResults } from './types.js';

export interface ReportPaths {
  markdown: string;
  json: string;
  svg: string;
}

export async function writeReports(outDir: string, data: ExperimentResults): Promise<ReportPaths> {
  await mkdir(outDir, { recursive: true });
  const paths = {
    markdown: join(outDir, 'results.md'),
    json: join(outDir, 'results.json'),
    svg: join(outDir, 'chart.svg'),
  };
  await writeFile(paths.markdown, markdownReport(data));
  await writeFile(paths.json, jsonReport(data));
  await writeFile(paths.svg, svgChart(data, CHART_METRIC));
  return paths;
}
