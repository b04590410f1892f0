import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../lib/cli/commands/index-gc.js';
import { main } from '../../lib/cli/main.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';
import { ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

const output = captureCliOutput();

async function buildTwice(dir: string): Promise<string> {
  const input = join(dir, 'corpus.jsonl');
  await writeFile(input, ENGLISH_DOCS.map((d) => JSON.stringify(d)).join('\n'));
  const index = join(dir, 'idx');
  for (let i = 0; i < 2; i++) {
    expect(await main(['index', 'build', '--input', input, '--out', index, '--shard-docs', '9'])).toBe(0);
  }
  output.stdout.length = 0;
  return index;
}

describe('xlir index gc', () => {
  it('prints what it would remove on a dry run, then removes it and the bytes freed', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const index = await buildTwice(dir);
      const builds = await readdir(join(index, 'builds'));
      // Act
      const dry = await main([
        'index',
        'gc',
        '--index',
        index,
        '--keep',
        '1',
        '--grace-hours',
        '0',
        '--dry-run',
      ]);
      const dryOut = output.stdout.join('\n');
      const afterDry = await readdir(join(index, 'builds'));
      output.stdout.length = 0;
      const real = await main(['index', 'gc', '--index', index, '--keep', '1', '--grace-hours', '0']);
      const realOut = output.stdout.join('\n');
      const left = await readdir(join(index, 'builds'));
      // Assess
      expect([dry, real]).toEqual([0, 0]);
      expect(builds).toHaveLength(2);
      expect(afterDry).toEqual(builds);
      expect(dryOut).toMatch(/would remove +\S+ +published; unreferenced 0\.0 h +\(5 objects, [\d.]+ KiB\)/);
      expect(dryOut).toMatch(/dry run: would free [\d.]+ KiB in 5 objects of 1 build\(s\); kept 1/);
      expect(left).toHaveLength(1);
      expect(realOut).toContain(`current build ${left[0]}`);
      expect(realOut).toMatch(new RegExp(`kept +${left[0]} +current`));
      expect(realOut).toMatch(/^freed [\d.]+ KiB in 5 objects of 1 build\(s\); kept 1$/m);
    });
  });

  it('keeps a replaced build within the default grace period', async () => {
    await withTempDir(async (dir) => {
      const index = await buildTwice(dir);
      expect(await main(['index', 'gc', '--index', index, '--keep', '1'])).toBe(0);
      expect(output.stdout.join('\n')).toMatch(/within the 24 h grace period/);
      expect(await readdir(join(index, 'builds'))).toHaveLength(2);
    });
  });

  it('refuses a negative --keep as a usage error', async () => {
    const code = await main(['index', 'gc', '--index', '/nowhere', '--keep=-1']);
    expectOneLineError(output, code, /--keep must be between 0 and Infinity/);
  });

  it('formats byte counts in binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 ** 3)]).toEqual([
      '512 B',
      '1.5 KiB',
      '3.0 GiB',
    ]);
  });
});
