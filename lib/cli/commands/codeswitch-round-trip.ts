/** `xlir codeswitch round-trip`: English examples switched into other languages and glossed back. */
import { basename } from 'node:path';
import { CodeSwitchError, Glosser, roundTripper } from '../../codeswitch/index.js';
import { openExamples } from '../../training-data/index.js';
import { openLexicons } from '../../search/node.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import {
  LEXICON_OPTION,
  parseSeed,
  readLexicons,
  requireInputFile,
  transformExamples,
} from './training-args.js';

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
      description:
        'the lexicons glossing back into English, a pack or a folder of TSV files (what the server reads with --lexicons)',
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
  const glosser = new Glosser(await openLexicons(args.glosses));
  for (const lexicon of lexicons) {
    if (!(await glosser.covers(lexicon.tgtLang))) {
      throw new CodeSwitchError(
        `the lexicons at --glosses have no ${lexicon.tgtLang}-en or en-${lexicon.tgtLang} direction to gloss back with`,
      );
    }
  }
  const trip = roundTripper({ lexicons, glosser, seed, source: basename(args.input) });
  const source = await openExamples(args.input, 'auto', { squad: { seed } });
  const byLanguage = new Map<string, number>();
  const count = await transformExamples(source, args.out, 'round trip', async (example, index) => {
    const out = await trip(example, index);
    byLanguage.set(out.round_trip.lang, (byLanguage.get(out.round_trip.lang) ?? 0) + 1);
    return out;
  });
  const through = [...byLanguage].map(([lang, n]) => `${lang} ${n}`).join(', ');
  console.log(
    `round-tripped ${count} examples from ${basename(args.input)} into ${args.out} (through ${through})`,
  );
}
