/** `xlir codeswitch stats`: switch ratios and lexicon coverage of a code-switched JSONL file. */
import { SwitchStats, type SideStats, type SwitchStatsReport } from '../../codeswitch/index.js';
import { openExamples } from '../../training-data/index.js';
import { cliJson } from '../json.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { LEXICON_OPTION, readLexicons, requireInputFile, SOURCE_LANG } from './training-args.js';

export const CODESWITCH_STATS = commandSpec({
  name: 'codeswitch stats',
  summary: 'switch ratios and lexicon coverage of a code-switched JSONL file',
  options: {
    input: { type: 'string', value: 'FILE.jsonl', required: true, description: 'what xlir codeswitch wrote' },
    lexicon: {
      ...LEXICON_OPTION,
      description: 'an en→LANG lexicon to measure coverage of the unswitched English words with',
    },
    json: { type: 'boolean', description: 'print the report as JSON instead of a table' },
  },
  examples: [
    'xlir codeswitch stats --input bl-en-de.jsonl',
    'xlir codeswitch stats --input ml.jsonl --lexicon de=en-de.tsv --json',
  ],
});

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

export async function codeswitchStatsCommand(
  args: CommandArgs<typeof CODESWITCH_STATS.options>,
): Promise<void> {
  const { input } = args;
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
  if (args.json === true) console.log(cliJson(report, 2));
  else printReport(report);
}
