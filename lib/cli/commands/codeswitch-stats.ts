/** `xlir codeswitch stats`: switch ratios and lexicon coverage of a code-switched JSONL file. */
import { openExamples, SwitchStats, type SideStats, type SwitchStatsReport } from '../../codeswitch/index.js';
import { parseCommandArgs, requireString } from '../args.js';
import { progressBar } from '../progress.js';
import { readLexicons, requireInputFile, SOURCE_LANG } from './training-args.js';

export const CODESWITCH_STATS_USAGE =
  'xlir codeswitch stats --input FILE.jsonl [--lexicon LANG=FILE.tsv ...] [--json]';

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function sideLine(s: SideStats): string {
  const alone = s.lang === SOURCE_LANG && s.switched === 0 && s.covered === 0;
  const cells = alone
    ? ['left alone', '', '', '']
    : [
        percent(s.switched, s.tokens),
        percent(s.switched, s.covered),
        percent(s.covered, s.tokens),
        percent(s.tokens - s.covered, s.tokens),
      ];
  return [
    s.side.padEnd(8),
    s.lang.padEnd(5),
    String(s.texts).padStart(9),
    String(s.tokens).padStart(11),
    ...cells.map((c) => c.padStart(10)),
  ].join(' ');
}

function printReport(report: SwitchStatsReport): void {
  console.log(`${report.examples} examples, ${report.switchedExamples} with switch counts`);
  if (report.sides.length > 0) {
    console.log(
      [
        'side'.padEnd(8),
        'lang'.padEnd(5),
        'texts'.padStart(9),
        'tokens'.padStart(11),
        ...['switched', 'of covered', 'coverage', 'OOV'].map((h) => h.padStart(10)),
      ].join(' '),
    );
    for (const side of report.sides) console.log(sideLine(side));
  }
  for (const t of report.types) {
    console.log(
      `types (${SOURCE_LANG} words left unswitched) vs ${SOURCE_LANG}→${t.lang} ${t.lexicon}: ${t.types} types, coverage ${percent(t.covered, t.types)}, OOV ${percent(t.types - t.covered, t.types)}`,
    );
  }
}

export async function statsCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    { input: { type: 'string' }, lexicon: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    CODESWITCH_STATS_USAGE,
  );
  const input = requireString(args.input, '--input', CODESWITCH_STATS_USAGE);
  await requireInputFile(input);
  const stats = new SwitchStats(await readLexicons(args.lexicon ?? []));
  const source = await openExamples(input, 'jsonl');
  const bar = progressBar('stats');
  try {
    for await (const example of source.examples) {
      stats.add(example);
      const { done, total } = source.progress();
      bar.update(done, total, '');
    }
  } finally {
    bar.finish();
  }
  const report = stats.report();
  if (args.json === true) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}
