/**
 * `xlir lexicon pack`: a folder of TSV files becomes a pack that translates like the folder, with
 * its files recorded as sources; bad input fails with one line and a non-zero exit, no stack.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { openLexiconPack, toTsv } from '../../lib/lexicon/index.js';
import { openLexicons } from '../../lib/search/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';

const output = captureCliOutput();
const { stdout, stderr } = output;

async function folder(dir: string, files: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('xlir lexicon pack', () => {
  it('packs a folder: one merged lexicon per direction, its files as sources', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await folder(join(dir, 'in'), {
        'en-de.a.tsv': 'house\tHaus\t1\nhouse\tGebäude\t0.5\n',
        'en-de.b.tsv': 'house\tHeim\t1\ntree\tBaum\t1\n',
        'EN-ru.tsv': 'river\tрека\t1\n', // not a lexicon file name (upper case): ignored
        'en-ru.tsv': 'river\tрека\t1\n',
        'notes.txt': 'ignored',
      });
      const out = join(dir, 'out');
      // Act
      const code = await main(['lexicon', 'pack', '--input', input, '--out', `file://${out}`]);
      // Assess
      expect(code).toBe(0);
      expect(stdout.join('\n')).toContain('en-de: 2 entries, 4 pairs');
      expect(stdout.join('\n')).toContain('wrote a lexicon pack of 2 direction(s)');
      const pack = await openLexiconPack(new FileStore(out));
      expect(pack.directions).toEqual(['en-de', 'en-ru']);
      expect(pack.manifest.directions[0]!.sources).toEqual([
        { id: 'en-de.a.tsv', weight: 1 },
        { id: 'en-de.b.tsv', weight: 1 },
      ]);
      // The pack's en-de is what the folder's catalog merges from the two files.
      const fromFolder = await openLexicons(input);
      const fromPack = await openLexicons(out);
      expect((await fromPack.translator('en', 'de')).translate('hous')).toEqual(
        (await fromFolder.translator('en', 'de')).translate('hous'),
      );
      expect(toTsv(await pack.load('en', 'ru'))).toBe('river\tрека\t1\n');
    });
  });

  it('fails in one line on a missing folder, a folder without lexicons, bad TSV and missing flags', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      expectOneLineError(
        output,
        await main(['lexicon', 'pack', '--input', join(dir, 'absent'), '--out', out]),
        /cannot read the lexicon folder/,
      );
      stderr.length = 0;
      const empty = await folder(join(dir, 'empty'), { 'readme.md': '#' });
      expectOneLineError(
        output,
        await main(['lexicon', 'pack', '--input', empty, '--out', out]),
        /no lexicon files in .*: expected src-tgt\.tsv/,
      );
      stderr.length = 0;
      const bad = await folder(join(dir, 'bad'), { 'en-de.tsv': 'house\tHaus\n' });
      expectOneLineError(
        output,
        await main(['lexicon', 'pack', '--input', bad, '--out', out]),
        /en-de\.tsv:1: expected src<TAB>tgt<TAB>score/,
      );
      stderr.length = 0;
      expectOneLineError(
        output,
        await main(['lexicon', 'pack', '--input', bad]),
        /missing --out; usage: xlir lexicon pack/,
      );
      stderr.length = 0;
      expectOneLineError(
        output,
        await main(['lexicon', 'pack', '--input', bad, '--out', 'ftp://host/x']),
        /unsupported scheme 'ftp:'/,
      );
      expect(await new FileStore(out).list('')).toEqual([]);
    });
  });
});
