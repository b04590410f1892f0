import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main.js';
import { writeVec } from '../../../lib/lexicon/node.js';
import { captureCliOutput } from '../../helpers/cli-output.js';
import { withTempFiles } from '../helpers.js';
import { aligned, syntheticPair } from './synthetic.js';

const { stdout, stderr } = captureCliOutput();

type Write = (name: string, content: string | Uint8Array) => Promise<string>;

const LANGS = ['--src-lang', 'en', '--tgt-lang', 'de'];

/** Aligned .vec files for 200 words (wi translates vi) and a gold file listing every pair. */
async function embeddingFiles(write: Write): Promise<{ src: string; tgt: string; gold: string }> {
  const pair = aligned(syntheticPair({ words: 200, dim: 16, noise: 0.2, seed: 21 }));
  const src = await write('src.vec', '');
  const tgt = await write('tgt.vec', '');
  await writeVec(src, pair.src);
  await writeVec(tgt, pair.tgt);
  const goldLines = [...pair.gold].map(([w, targets]) => `${w}\t${[...targets][0]}`);
  // MUSE files separate with a space; mix both, plus one line that is not a pair.
  goldLines[1] = goldLines[1]!.replace('\t', ' ');
  const gold = await write('gold.txt', `${goldLines.join('\n')}\nnot-a-pair\n`);
  return { src, tgt, gold };
}

/** `xlir lexicon induce` from `src` to `tgt` vectors into `out`, plus extra flags. */
function induce(src: string, tgt: string, out: string, ...extra: string[]): Promise<number> {
  return main(['lexicon', 'induce', '--src-vec', src, '--tgt-vec', tgt, ...LANGS, '--out', out, ...extra]);
}

function metric(name: string): number {
  const line = stdout.find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('xlir lexicon induce and eval', () => {
  it.each(['csls', 'nn'])(
    'induces with %s a lexicon that eval scores against the gold pairs',
    async (method) => {
      await withTempFiles(async (write) => {
        // Prepare
        const files = await embeddingFiles(write);
        const out = await write('induced.tsv', '');
        // Act
        const induced = await induce(files.src, files.tgt, out, '--method', method, '--top-k', '3');
        const evaluated = await main(['lexicon', 'eval', '--lexicon', out, '--gold', files.gold, ...LANGS]);
        // Assess
        expect([induced, evaluated]).toEqual([0, 0]);
        const rows = (await readFile(out, 'utf8')).trim().split('\n');
        expect(rows).toHaveLength(200 * 3);
        expect(rows.every((r) => /^w\d+\tv\d+\t[\d.e-]+$/.test(r))).toBe(true);
        expect(metric('P@1')).toBeGreaterThanOrEqual(0.95);
        expect(metric('P@5')).toBeGreaterThanOrEqual(metric('P@1'));
        expect(stdout).toContain('coverage 200/200 gold source words (100.0%)');
        expect(stderr).toEqual(['note: 1 gold line(s) could not be used']);
      });
    },
  );

  it('keeps only the first --max-vocab words of each side', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const files = await embeddingFiles(write);
      const out = await write('small.tsv', '');
      // Act
      const code = await induce(files.src, files.tgt, out, '--max-vocab', '50');
      // Assess: 50 source entries, and every target among the first 50 target words
      expect(code).toBe(0);
      const rows = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((r) => r.split('\t'));
      expect(new Set(rows.map((r) => r[0])).size).toBe(50);
      expect(rows.every((r) => Number(r[1]!.slice(1)) < 50)).toBe(true);
    });
  });

  it('fails with one line and exit code 2 for unusable input', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const files = await embeddingFiles(write);
      const glove = await write('glove.txt', 'the 0.1 0.2\n');
      const narrow = await write('narrow.vec', '1 3\nHaus 1 0 0\n');
      const empty = await write('empty.tsv', '');
      const lexicon = await write('lexicon.tsv', 'w1\tv1\t1\n');
      const out = await write('out.tsv', '');
      const induceWith = (src: string, tgt: string, ...extra: string[]) => induce(src, tgt, out, ...extra);
      // Act
      const codes = [
        await induceWith(`${files.src}.missing`, files.tgt),
        await induceWith(glove, files.tgt),
        await induceWith(files.src, narrow),
        await induceWith(files.src, files.tgt, '--method', 'cosine'),
        await induceWith(files.src, files.tgt, '--top-k', '6'),
        await main(['lexicon', 'eval', '--lexicon', empty, '--gold', files.gold, ...LANGS]),
        await main(['lexicon', 'eval', '--lexicon', lexicon, '--gold', glove, ...LANGS]),
      ];
      // Assess
      expect(codes).toEqual([2, 2, 2, 2, 2, 2, 2]);
      expect(stderr).toHaveLength(7);
      expect(stderr.every((line) => line.startsWith('xlir: error: ') && !line.includes('\n'))).toBe(true);
      expect(stderr[0]).toMatch(/cannot read input file .*src\.vec\.missing/);
      expect(stderr[1]).toMatch(/bad \.vec header in .*glove\.txt/);
      expect(stderr[2]).toMatch(/source has 16 dims but target has 3/);
      expect(stderr[3]).toMatch(/unknown --method "cosine"/);
      expect(stderr[4]).toMatch(/--top-k must be between 1 and 5/);
      expect(stderr[5]).toMatch(/lexicon .*empty\.tsv is empty/);
      expect(stderr[6]).toMatch(/no entries read from .*glove\.txt/);
    });
  });
});

describe('xlir lexicon merge', () => {
  it('mixes lexicons by weight where they overlap', async () => {
    await withTempFiles(async (write) => {
      // Prepare: both translate "house"; only the first knows "tree"
      const a = await write('a.tsv', 'house\tHaus\t1\ntree\tBaum\t1\n');
      const b = await write('b.tsv', 'house\tHeim\t1\n');
      const out = await write('merged.tsv', '');
      // Act
      const code = await main([
        'lexicon',
        'merge',
        '--input',
        `${a}:3`,
        '--input',
        b,
        ...LANGS,
        '--out',
        out,
      ]);
      const stats = await main(['lexicon', 'stats', '--lexicon', out, ...LANGS]);
      // Assess: p(Haus | house) = 3 / (3 + 1)
      expect([code, stats]).toEqual([0, 0]);
      const rows = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((r) => r.split('\t'));
      const house = rows.filter((r) => r[0] === 'house').map((r) => [r[1], Number(r[2])]);
      const total = house.reduce((sum, [, score]) => sum + (score as number), 0);
      expect(house.map(([tgt, score]) => [tgt, (score as number) / total])).toEqual([
        ['Haus', 0.75],
        ['Heim', 0.25],
      ]);
      expect(rows.filter((r) => r[0] === 'tree').map((r) => r[1])).toEqual(['Baum']);
      expect(stdout.at(-1)).toMatch(/: 2 entries, 3 pairs/);
    });
  });

  it('refuses a zero weight, a missing file and no inputs', async () => {
    await withTempFiles(async (write) => {
      const a = await write('a.tsv', 'house\tHaus\t1\n');
      const out = await write('merged.tsv', '');
      const codes = [
        await main(['lexicon', 'merge', '--input', `${a}:0`, ...LANGS, '--out', out]),
        await main(['lexicon', 'merge', '--input', `${a}.missing:2`, ...LANGS, '--out', out]),
        await main(['lexicon', 'merge', ...LANGS, '--out', out]),
      ];
      expect(codes).toEqual([2, 2, 2]);
      expect(stderr[0]).toMatch(/weight of --input .*a\.tsv:0 must be > 0/);
      expect(stderr[1]).toMatch(/cannot read input file .*a\.tsv\.missing$/);
      expect(stderr[2]).toMatch(/missing --input/);
    });
  });
});
