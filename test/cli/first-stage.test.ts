import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { withTempDir } from '../helpers/corpus.js';
import { captureCliOutput } from '../helpers/cli-output.js';

const FIXTURES = fileURLToPath(new URL('../datasets/fixtures/', import.meta.url));
const XQUAD = join(FIXTURES, 'xquad-r');

const { stdout, stderr } = captureCliOutput();

/** A two-language index and a folder with an en→de lexicon. */
async function fixture(dir: string): Promise<{ index: string; lexicons: string }> {
  const corpus = join(dir, 'corpus.jsonl');
  const docs = [
    { id: 'en1', lang: 'en', text: 'The dog sleeps in the house.' },
    { id: 'de1', lang: 'de', text: 'Der Hund schläft.' },
    { id: 'de2', lang: 'de', text: 'Die Katze schläft.' },
  ];
  await writeFile(corpus, docs.map((d) => JSON.stringify(d)).join('\n'));
  const index = join(dir, 'idx');
  expect(await main(['index', 'build', '--input', corpus, '--out', index, '--workers', '1'])).toBe(0);
  const lexicons = join(dir, 'lexicons');
  await mkdir(lexicons);
  await writeFile(join(lexicons, 'en-de.tsv'), 'dog\tHund\t1\n');
  stdout.length = 0;
  return { index, lexicons };
}

describe('xlir search --first-stage', () => {
  it('psq finds documents in every language of the index', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { index, lexicons } = await fixture(dir);
      // Act
      const code = await main([
        'search',
        '--index',
        index,
        '--query',
        'dog',
        '--query-lang',
        'en',
        '--first-stage',
        'psq',
        '--lexicons',
        lexicons,
        '--format',
        'trec',
      ]);
      // Assess
      expect(code).toBe(0);
      const docids = stdout
        .join('')
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[2]);
      expect(docids.sort()).toEqual(['de1', 'en1']);
    });
  });

  it('says which lexicon is missing (exit 1) and that psq needs --lexicons (exit 2)', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { index, lexicons } = await fixture(dir);
      // Act
      const missing = await main([
        'search',
        '--index',
        index,
        '--query',
        'Hund',
        '--query-lang',
        'es',
        '--first-stage',
        'psq',
        '--lexicons',
        lexicons,
      ]);
      const noFolder = await main(['search', '--index', index, '--query', 'dog', '--first-stage', 'psq']);
      const badKind = await main(['search', '--index', index, '--query', 'dog', '--first-stage', 'dense']);
      // Assess
      expect([missing, noFolder, badKind]).toEqual([1, 2, 2]);
      expect(stderr[0]).toBe(`xlir: error: no lexicon for es→en: add es-en.tsv or en-es.tsv`);
      expect(stderr[1]).toContain('--first-stage psq needs --lexicons URI');
      expect(stderr[2]).toContain('--first-stage must be auto, bm25 or psq');
    });
  });
});

describe('xlir experiment', () => {
  it('runs XQuAD-R with the BM25 first stage and writes its reports', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const out = join(dir, 'out');
      // Act
      const code = await main([
        'experiment',
        'xquad-r',
        '--data',
        XQUAD,
        '--out',
        out,
        '--langs',
        'en,de',
        '--first-stage',
        'bm25',
        '--settings',
        'moir,clir',
      ]);
      // Assess
      expect(code).toBe(0);
      await Promise.all(['results.md', 'results.json', 'chart.svg'].map((f) => access(join(out, f))));
      expect(stdout.join('')).toContain('evaluated 4 runs of 4 questions');
    });
  });

  it('rejects unknown experiments, settings and a PSQ run without lexicons', async () => {
    // Act
    const codes = [
      await main(['experiment', 'trec-covid', '--data', XQUAD, '--out', 'x']),
      await main(['experiment', 'xquad-r', '--data', XQUAD, '--out', 'x', '--settings', 'moir,dense']),
      await main(['experiment', 'xquad-r', '--data', XQUAD, '--out', 'x']),
      await main([
        'experiment',
        'xquad-r',
        '--data',
        XQUAD,
        '--out',
        'x',
        '--lexicons',
        'y',
        '--phrase-translation',
        'and',
      ]),
    ];
    // Assess
    expect(codes).toEqual([2, 2, 2, 2]);
    expect(stderr[2]).toContain('the psq first stage needs --lexicons DIR');
    expect(stderr[3]).toContain('--phrase-translation takes one of terms, conjunction; got "and"');
  });
});

describe('xlir dataset convert', () => {
  it('writes MIRACL as corpus JSONL, topics and qrels that search and eval read', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const miracl = join(FIXTURES, 'miracl');
      const out = join(dir, 'miracl');
      // Act
      const code = await main([
        'dataset',
        'convert',
        '--format',
        'miracl',
        '--lang',
        'de',
        '--out',
        out,
        '--corpus',
        join(miracl, 'corpus.jsonl'),
        '--topics',
        join(miracl, 'topics.tsv'),
        '--qrels',
        join(miracl, 'qrels.tsv'),
      ]);
      const indexed = await main([
        'index',
        'build',
        '--input',
        join(out, 'corpus.jsonl'),
        '--out',
        join(dir, 'idx'),
        '--workers',
        '1',
      ]);
      const searched = await main([
        'search',
        '--index',
        join(dir, 'idx'),
        '--topics',
        join(out, 'topics.tsv'),
        '--output',
        join(dir, 'run.trec'),
        '--query-lang',
        'de',
      ]);
      stdout.length = 0;
      const evaluated = await main([
        'eval',
        '--qrels',
        join(out, 'qrels.txt'),
        '--run',
        join(dir, 'run.trec'),
        '--metrics',
        'mrr@10',
      ]);
      // Assess
      expect([code, indexed, searched, evaluated]).toEqual([0, 0, 0, 0]);
      expect(await readFile(join(out, 'qrels.txt'), 'utf8')).toBe(
        '101#0 0 7#1 1\n101#0 0 7#2 0\n102#0 0 9#0 1\n',
      );
      expect(stdout.join('')).toMatch(/mrr@10\s+\tall\t1\.0000/);
    });
  });

  it('writes XQuAD-R per language with MoIR/CLIR and MLIR qrels', async () => {
    await withTempDir(async (dir) => {
      // Act
      const code = await main([
        'dataset',
        'convert',
        '--format',
        'xquad-r',
        '--data',
        XQUAD,
        '--langs',
        'en,de',
        '--out',
        dir,
      ]);
      // Assess
      expect(code).toBe(0);
      expect(await readFile(join(dir, 'topics-de.tsv'), 'utf8')).toContain('q1\tWer erfand das Telefon?');
      expect((await readFile(join(dir, 'qrels-mlir.txt'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(
        8,
      );
    });
  });
});
