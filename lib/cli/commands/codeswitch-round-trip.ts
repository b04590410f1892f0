/** `xlir codeswitch round-trip`: English examples switched into other languages and glossed back. */
import { basename } from 'node:path';
import { CodeSwitchError, Glosser, roundTripper } from '../../codeswitch/index.js';
import { JsonlWriter, openExamples } from '../../training-data/index.js';
import { openLexiconPackAt } from '../../search/node.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { LEXICON_OPTION, parseSeed, readLexicons, requireInputFile } from './training-args.js';

export const CODESWITCH_ROUND_TRIP = commandSpec({
  name: 'codeswitch round-trip',
  summary:
    'switch English examples into another language (every covered word) and gloss them back into English, for rerankers that read glosses',
  options: {
    input: { type: 'string', value: 'FILE', required: true, description: 'English training examples' },
    lexicon: {
      ...LEXICON_OPTION,
      required: true,
      description: 'an en→LANG lexicon to switch with; one per language',
    },
    glosses: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'the lexicon pack glossing back into English (what the server reads with --lexicons)',
    },
    seed: { type: 'string', value: 'S', default: '0', description: 'seed of the language and side draws' },
    out: { type: 'string', value: 'FILE.jsonl', required: true, description: 'the round-tripped examples' },
  },
  examples: [
    'xlir codeswitch round-trip --input train.jsonl --lexicon de=en-de.tsv --lexicon ru=en-ru.tsv --glosses ./pack --out rt.jsonl',
  ],
});

export async function codeswitchRoundTripCommand(
  args: CommandArgs<typeof CODESWITCH_ROUND_TRIP.options>,
): Promise<void> {
  const seed = parseSeed(args.seed);
  await requireInputFile(args.input);
  const lexicons = await readLexicons(args.lexicon);
  const glosser = new Glosser(await openLexiconPackAt(args.glosses));
  for (const lexicon of lexicons) {
    if (!(await glosser.covers(lexicon.tgtLang))) {
      throw new CodeSwitchError(
        `the pack at --glosses has no ${lexicon.tgtLang}-en or en-${lexicon.tgtLang} direction to gloss back with`,
      );
    }
  }
  const trip = roundTripper({ lexicons, glosser, seed, source: basename(args.input) });
  const source = await openExamples(args.input, 'auto', { squad: { seed } });
  const bar = progressBar('round trip');
  const writer = await JsonlWriter.open(args.out);
  const byLanguage = new Map<string, number>();
  try {
    let index = 0;
    for await (const example of source.examples) {
      const out = await trip(example, index);
      byLanguage.set(out.round_trip.lang, (byLanguage.get(out.round_trip.lang) ?? 0) + 1);
      await writer.write(out);
      index += 1;
      if (index % 1000 === 0) {
        const { done, total } = source.progress();
        bar.update(done, total, `${index.toLocaleString('en')} examples`);
      }
    }
  } finally {
    bar.finish();
    await writer.close();
  }
  const through = [...byLanguage].map(([lang, n]) => `${lang} ${n}`).join(', ');
  console.log(
    `round-tripped ${writer.count} examples from ${basename(args.input)} into ${args.out} (through ${through})`,
  );
}
