/**
 * A mistyped option or command fails in one line with exit 2 and, when a known one is close,
 * names it; a wild guess gets no suggestion, only where to look.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { editDistance, nearest } from '../../lib/cli/suggest.js';
import { COMMANDS } from '../../lib/cli/table.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';

const output = captureCliOutput();

describe('unknown options', () => {
  it.each([
    [['lexicon', 'build', '--lang', 'en,de', '--out', 'x'], "unknown option '--lang'; did you mean --langs?"],
    [
      ['search', '--index', 'x', '--query-language', 'en'],
      "unknown option '--query-language'; did you mean --query-lang?",
    ],
    [['search', '--index', 'x', '--topk', '3'], "unknown option '--topk'; did you mean --top-k?"],
    [
      ['search', '--index', 'x', '--rerank-stratgy', 'x'],
      "unknown option '--rerank-stratgy'; did you mean --rerank-strategy?",
    ],
    [['index', 'build', '--shard-doc=5'], "unknown option '--shard-doc'; did you mean --shard-docs?"],
    [['experiment', 'xquad-r', '--setting', 'moir'], "unknown option '--setting'; did you mean --settings?"],
    [['eval', '--hepl'], "unknown option '--hepl'; did you mean --help?"],
    [['search', '--index', 'x', '--bogus'], 'unknown option \'--bogus\'; see "xlir search --help"'],
    [['codeswitch', 'stats', '-x'], 'unknown option \'-x\'; see "xlir codeswitch stats --help"'],
  ])('%j: %s', async (argv, message) => {
    expectOneLineError(output, await main(argv), new RegExp(`^xlir: error: ${escape(message)}$`));
  });

  it('are refused by every command, with a pointer to its help', async () => {
    for (const { spec } of COMMANDS) {
      output.stderr.length = 0;
      const code = await main([...spec.name.split(' '), '--no-such-option-anywhere']);
      expectOneLineError(output, code, new RegExp(`see "xlir ${spec.name} --help"$`));
    }
  });

  it('that a sibling command has are still refused: lexicon stats takes no --format', async () => {
    const code = await main([
      'lexicon',
      'stats',
      '--lexicon',
      'x.tsv',
      '--src-lang',
      'en',
      '--tgt-lang',
      'de',
      '--format',
      'muse',
    ]);
    expectOneLineError(output, code, /unknown option '--format'/);
  });
});

describe('unknown commands', () => {
  it.each([
    [['serach'], 'unknown command "serach"; did you mean "xlir search"?'],
    [['lexicon', 'imprt'], 'unknown lexicon command "imprt"; did you mean "xlir lexicon import"?'],
    [
      ['models', 'rout', '--query-lang', 'en'],
      'unknown models command "rout"; did you mean "xlir models route"?',
    ],
    [['experiment', 'trec-covid'], 'unknown experiment command "trec-covid"; use xquad-r'],
    [['frobnicate'], 'unknown command "frobnicate"; run "xlir --help"'],
  ])('%j: %s', async (argv, message) => {
    expectOneLineError(output, await main(argv), new RegExp(`^xlir: error: ${escape(message)}$`));
  });
});

describe('nearest', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect([editDistance('lnags', 'langs'), editDistance('langs', 'lang'), editDistance('', 'ab')]).toEqual([
      1, 1, 2,
    ]);
  });

  it('suggests within a third of the word, or a completion of it, and nothing far away', () => {
    expect(nearest('out-dir', ['out', 'input'])).toBeUndefined();
    expect(nearest('rerank', ['rerank-strategy', 'models'])).toBe('rerank-strategy');
    expect(nearest('x', ['b', 'k1'])).toBeUndefined();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
