/**
 * `xlir lexicon build`: writes a pack (default) or a TSV folder that `--lexicons` reads, prints the
 * per-direction table, reports missing sources as warnings, and fails on bad flags with one line.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { SOURCE_WEIGHTS } from '../../lib/lexicon/node.js';
import { buildIndex } from '../../lib/index/node.js';
import { openLexicons } from '../../lib/search/node.js';
import { openStore } from '../../lib/storage/node.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { type FixtureDirs, writeFixtureSources } from './build-fixtures.js';

const output = captureCliOutput();
const { stdout, stderr } = output;

function sourceFlags(dirs: FixtureDirs): string[] {
  return ['--data', dirs.data, '--dictd', dirs.dictd, '--apertium', dirs.apertium];
}

describe('xlir lexicon build', () => {
  it('writes a TSV folder and prints one table row per direction with sources, weights and coverage', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const out = join(root, 'out');
      const sample = join(root, 'sample.tsv');
      await writeFile(sample, 'en\thouses dogs cats\nde\tHund\n');
      const args = ['--langs', 'en,de,ru', '--out', out, '--format', 'tsv', '--coverage-words', sample];
      const code = await main(['lexicon', 'build', ...args, ...sourceFlags(dirs)]);
      expect(code).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['de-en.tsv', 'de-ru.tsv', 'en-de.tsv', 'en-ru.tsv']);
      const table = stdout.join('\n').split('\n');
      expect(table[0]).toMatch(/^direction\s+entries\s+pairs\s+sources \(weight\)\s+coverage$/);
      const enDe = table.find((line) => line.startsWith('en-de'));
      expect(enDe).toMatch(/omw:en-de\*0\.\d+ xling:en-de\*0\.\d+ freedict:eng-deu\*0\.\d+/);
      expect(enDe).toMatch(/66\.7% of 3$/); // hous, dog covered; cat not
      expect(table.find((line) => line.startsWith('en-ru'))).toMatch(/33\.3% of 3$/); // dog only
      expect(stdout.join('\n')).toContain('wrote 4 direction(s)');
      // Missing sources are warnings, one line each.
      expect(stderr.filter((l) => l.includes('dict-freedict-eng-rus'))).toHaveLength(1);
      for (const line of stderr) expect(line).toMatch(/^warning: [^\n]*$/);
      const catalog = await openLexicons(out);
      expect(catalog).toBeDefined();
    });
  });

  it("reports coverage of an index's passages per language with --coverage-index", async () => {
    await withTempDir(async (root) => {
      // Prepare: an index of one English and one German passage (index languages, not flags).
      const dirs = await writeFixtureSources(root);
      const index = join(root, 'index');
      await buildIndex(
        asRecords([
          { id: 'e1', lang: 'en', text: 'Houses, dogs and cats.' },
          { id: 'd1', lang: 'de', text: 'Hund und Katze' },
        ]),
        openStore(index),
      );
      const out = join(root, 'out');
      const args = ['--langs', 'en,de', '--out', out, '--format', 'tsv', '--coverage-index', index];
      // Act
      const code = await main(['lexicon', 'build', ...args, ...sourceFlags(dirs)]);
      // Assess: en "hous dog cat" → hous and dog covered; de "hund katz" → hund only.
      expect(code).toBe(0);
      const table = stdout.join('\n').split('\n');
      expect(table.find((line) => line.startsWith('en-de'))).toMatch(/66\.7% of 3$/);
      expect(table.find((line) => line.startsWith('de-en'))).toMatch(/50\.0% of 2$/);
    });
  });

  it('writes a lexicon pack by default, which --lexicons opens', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const out = join(root, 'pack');
      const code = await main(['lexicon', 'build', '--langs', 'en,de', '--out', out, ...sourceFlags(dirs)]);
      expect(code).toBe(0);
      expect(await readdir(out)).toContain('lexicons.json');
      const manifest = JSON.parse(await readFile(join(out, 'lexicons.json'), 'utf8')) as {
        directions: Array<{ src: string; tgt: string; sources: Array<{ id: string; weight: number }> }>;
      };
      expect(manifest.directions.map((d) => `${d.src}-${d.tgt}`)).toEqual(['de-en', 'en-de']);
      const enDe = manifest.directions.find((d) => d.src === 'en');
      expect(enDe?.sources).toEqual([
        { id: 'omw:en-de', weight: SOURCE_WEIGHTS.omw },
        { id: 'xling:en-de', weight: SOURCE_WEIGHTS.xling },
        { id: 'freedict:eng-deu', weight: SOURCE_WEIGHTS.freedict },
      ]);
      expect(await openLexicons(out)).toBeDefined();
      expect(stdout.join('\n')).toContain('(pack)');
    });
  });

  it('reads only the kinds of dictionary --sources names', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const out = join(root, 'pack');
      const args = ['--langs', 'en,de', '--out', out, '--sources', 'omw,xling', ...sourceFlags(dirs)];
      const code = await main(['lexicon', 'build', ...args]);
      expect(code).toBe(0);
      const manifest = JSON.parse(await readFile(join(out, 'lexicons.json'), 'utf8')) as {
        directions: Array<{ src: string; tgt: string; sources: Array<{ id: string }> }>;
      };
      // de-en comes only from FreeDict in the fixtures, so it is gone with FreeDict.
      expect(manifest.directions.map((d) => `${d.src}-${d.tgt}`)).toEqual(['en-de']);
      expect(manifest.directions[0]?.sources.map((s) => s.id)).toEqual(['omw:en-de', 'xling:en-de']);
    });
  });

  it.each([
    [['--langs', 'en,de', '--out', 'x', '--sources', 'omw,wiki'], /unknown --sources "wiki"/],
    [['--langs', 'en,de', '--out', 'x', '--sources', ','], /unknown --sources ","/],
    [['--langs', 'en', '--out', 'x'], /--langs needs at least two languages/],
    [['--langs', 'en,en', '--out', 'x'], /--langs names en twice/],
    [['--langs', 'en,de'], /missing --out/],
    [['--out', 'x'], /missing --langs/],
    [['--langs', 'en,de', '--out', 'x', '--format', 'zip'], /unknown --format "zip"/],
    [['--langs', 'en,de', '--out', 'x', '--data', '/no/such/dir'], /cannot read .*\/no\/such\/dir/],
    [['--langs', 'en,de', '--out', 'x', '--bogus'], /bogus/],
    [['--langs', 'en,!!', '--out', 'x'], /language tag/i],
    [
      ['--langs', 'en,de', '--out', 'x', '--coverage-words', 'package.json', '--coverage-index', 'x'],
      /--coverage-words or --coverage-index, not both/,
    ],
  ])('fails with one line for %j', async (args, pattern) => {
    const code = await main(['lexicon', 'build', ...args]);
    expectOneLineError(output, code, pattern);
  });

  it('fails with one line when no source exists for any direction', async () => {
    await withTempDir(async (root) => {
      const code = await main([
        'lexicon',
        'build',
        '--langs',
        'en,de',
        '--out',
        join(root, 'o'),
        '--dictd',
        root,
        '--apertium',
        root,
      ]);
      expect(code).not.toBe(0);
      const errors = stderr.filter((l) => l.startsWith('xlir: error:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/no dictionary found/);
    });
  });
});
