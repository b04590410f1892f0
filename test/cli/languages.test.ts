/**
 * Every CLI flag that names a language holds it to the HTTP API's rule (lib/text isKnownLanguage):
 * an unknown or malformed tag fails in one line with exit 2 before any work starts; a known
 * language without a dedicated analyzer runs, as the API runs it, with a warning on stderr. The
 * flags come from the command table, so a new language flag is covered here without an edit.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LanguageTag } from '../../lib/api/schemas/common.js';
import { checkLanguage, type LanguageKind } from '../../lib/cli/languages.js';
import { main } from '../../lib/cli/main.js';
import { COMMANDS } from '../../lib/cli/table.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';

const output = captureCliOutput();
const { stdout, stderr } = output;

/** A value of each kind whose one language is not a language: "german" is a name, not a tag. */
const BAD: Record<LanguageKind, string> = {
  tag: 'german',
  list: 'en,german',
  pairs: 'en-german',
  lexicon: 'german=en-de.tsv',
};

const LANGUAGE_FLAGS = COMMANDS.flatMap(({ spec }) =>
  Object.entries(spec.options)
    .filter(([, o]) => o.language !== undefined)
    .map(([flag, o]) => [spec.name, flag, o.language!] as const),
);

describe('language flags', () => {
  it('are every flag whose name says it takes a language, and each is checked', () => {
    // Assess: a flag named like a language flag but without a check would take "german" silently.
    const named = COMMANDS.flatMap(({ spec }) =>
      Object.entries(spec.options)
        .filter(([flag]) => /(^|-)langs?$|^pairs$/.test(flag))
        .map(([flag, o]) => [spec.name, flag, o.language !== undefined]),
    );
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter(([, , checked]) => !checked)).toEqual([]);
    expect(LANGUAGE_FLAGS.map(([name, flag]) => `${name} --${flag}`)).toEqual(
      expect.arrayContaining([
        'index build --lang',
        'search --query-lang',
        'search --doc-lang',
        'lexicon build --langs',
        'lexicon import --src-lang',
        'lexicon import --tgt-lang',
        'experiment xquad-r --pairs',
        'codeswitch --lexicon',
        'codeswitch stats --lexicon',
        'models route --query-lang',
        'dataset convert --lang',
      ]),
    );
  });

  it.each(LANGUAGE_FLAGS)('%s --%s (%s) refuses a language name in one line', async (name, flag, kind) => {
    // Act
    const code = await main([...name.split(' '), `--${flag}`, BAD[kind]]);
    // Assess
    expectOneLineError(
      output,
      code,
      new RegExp(`--${flag} "german" is not a known language .*; did you mean de \\(German\\)\\?$`),
    );
  });

  it.each([
    [
      ['index', 'build', '--input', 'c.jsonl', '--out', 'idx', '--lang', 'german'],
      /--lang "german" is not a known/,
    ],
    [
      ['search', '--index', 'idx', '--query', 'q', '--query-lang', 'xx'],
      /--query-lang "xx" is not a known language/,
    ],
    [['search', '--index', 'idx', '--query', 'q', '--query-lang', 'en_US'], /--query-lang: .*'-', not '_'/],
    [
      ['search', '--index', 'idx', '--query', 'q', '--doc-lang', 'en,,und'],
      /--doc-lang "und" is not a known/,
    ],
    [['models', 'route', '--query-lang', 'x-klingon', '--doc-lang', 'de'], /--query-lang: .*private-use/],
    [
      ['experiment', 'xquad-r', '--data', 'd', '--out', 'o', '--pairs', 'en'],
      /--pairs takes query-doc .* got "en"$/,
    ],
    [
      ['codeswitch', 'stats', '--input', 'x.jsonl', '--lexicon', 'de'],
      /--lexicon takes LANG=FILE\.tsv, got "de"$/,
    ],
    [['lexicon', 'build', '--langs', ',', '--out', 'x'], /--langs needs at least one language, got ","$/],
  ])('%j fails with one line, exit 2', async (argv, pattern) => {
    expectOneLineError(output, await main(argv), pattern);
  });

  it('accepts a known language without an analyzer, as the API does, and warns on stderr', async () => {
    await withTempDir(async (dir) => {
      // Prepare: Azerbaijani, which CLDR knows and xlir has no stemmer or stopwords for
      const lexicon = join(dir, 'az-en.tsv');
      await writeFile(lexicon, 'ev\thouse\t1\n');
      // Act
      const code = await main([
        'lexicon',
        'stats',
        '--lexicon',
        lexicon,
        '--src-lang',
        'az',
        '--tgt-lang',
        'en',
      ]);
      // Assess
      expect(code).toBe(0);
      expect(stdout.join('\n')).toContain('1 entries, 1 pairs');
      expect(stderr).toEqual([
        'warning: --src-lang az: xlir has no analyzer for Azerbaijani; the generic one (no stopwords, no stemming) reads it',
      ]);
    });
  });

  it('accepts exactly the tags the HTTP API accepts', () => {
    // Prepare
    const tags = ['en', 'EN-us', 'zh-Hant-TW', 'pt-BR', 'iw', 'az', 'sw', 'tlh', 'mul'];
    tags.push('xx', 'und', 'qaa', 'german', 'klingon', 'en_US', 'x-private', 'de ', '');
    const cli = (tag: string): boolean => {
      try {
        checkLanguage(tag, '--lang');
        return true;
      } catch {
        return false;
      }
    };
    // Act
    const verdicts = tags.map((tag) => [tag, cli(tag)]);
    // Assess
    expect(verdicts).toEqual(tags.map((tag) => [tag, LanguageTag.safeParse(tag).success]));
    expect(verdicts.filter(([, ok]) => ok)).toHaveLength(9);
  });
});
