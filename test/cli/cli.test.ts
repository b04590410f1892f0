import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import { captureCliOutput } from '../helpers/cli-output.js';

const { stdout, stderr } = captureCliOutput();

async function corpusFile(dir: string): Promise<string> {
  const path = join(dir, 'corpus.jsonl');
  await writeFile(path, ENGLISH_DOCS.map((d) => JSON.stringify(d)).join('\n'));
  return path;
}

describe('xlir CLI', () => {
  it('builds an index and searches it, as JSON and as a TREC run', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await corpusFile(dir);
      const index = join(dir, 'idx');
      await writeFile(
        join(dir, 'topics.tsv'),
        'q1\twho invented the telephone\nq2\tGutenberg printing press\n',
      );
      // Act
      const built = await main(['index', 'build', '--input', input, '--out', index, '--shard-docs', '4']);
      const searched = await main([
        'search',
        '--index',
        index,
        '--query',
        'printing press',
        '--query-lang',
        'en',
      ]);
      const run = await main([
        'search',
        '--index',
        index,
        '--topics',
        join(dir, 'topics.tsv'),
        '--output',
        join(dir, 'run.trec'),
        '--query-lang',
        'en',
      ]);
      // Assess
      expect([built, searched, run]).toEqual([0, 0, 0]);
      expect(stdout.join('')).toContain('indexed 18 documents into 5 shard(s)');
      const json = JSON.parse(stdout.find((s) => s.startsWith('{'))!);
      expect(json.hits[0].doc_id).toBe('d09');
      // The API's snake_case keys, not the library's camelCase.
      expect(JSON.stringify(json)).not.toMatch(/"[a-z]+[A-Z]\w*":/);
      const lines = (await readFile(join(dir, 'run.trec'), 'utf8')).trim().split('\n');
      expect(lines[0]).toMatch(/^q1 Q0 d0[12] 1 \d+\.\d{6} xlir-bm25$/);
      expect(lines.some((l) => l.startsWith('q2 Q0 d09 1 '))).toBe(true);
    });
  });

  it('evaluates a run it wrote against qrels, trec_eval style', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const index = join(dir, 'idx');
      await main(['index', 'build', '--input', await corpusFile(dir), '--out', index]);
      await writeFile(
        join(dir, 'topics.tsv'),
        'q1\tGutenberg printing press\nq2\triver flowing into the sea\n',
      );
      await writeFile(join(dir, 'qrels'), 'q1 0 d09 1\nq2 0 d06 1\nq2 0 d14 1\nq3 0 d01 1\n');
      const run = join(dir, 'run.trec');
      await main([
        'search',
        '--index',
        index,
        '--topics',
        join(dir, 'topics.tsv'),
        '--output',
        run,
        '--query-lang',
        'en',
      ]);
      stdout.length = 0;
      // Act
      const code = await main([
        'eval',
        '--qrels',
        join(dir, 'qrels'),
        '--run',
        run,
        '--metrics',
        'mrr@10,recall@100',
        '--per-query',
      ]);
      // Assess: q3 is missing from the run and counts as zero (trec_eval -c)
      expect(code).toBe(0);
      const rows = stdout
        .join('')
        .trim()
        .split('\n')
        .map((l) => l.split('\t').map((c) => c.trim()));
      expect(rows).toContainEqual(['mrr@10', 'q1', '1.0000']);
      expect(rows).toContainEqual(['recall@100', 'q2', '1.0000']);
      expect(rows).toContainEqual(['mrr@10', 'q3', '0.0000']);
      expect(rows).toContainEqual(['num_q', 'all', '3']);
      const mean = Number(rows.find((r) => r[0] === 'recall@100' && r[1] === 'all')![2]);
      expect(mean).toBeCloseTo(2 / 3, 4);
    });
  });

  it('imports a lexicon to TSV and reports its statistics', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const out = join(dir, 'en-de.tsv');
      const common = ['--src-lang', 'en', '--tgt-lang', 'de'];
      // Act
      const imported = await main([
        'lexicon',
        'import',
        '--format',
        'muse',
        ...common,
        '--input',
        'test/lexicon/fixtures/muse-en-de.txt',
        '--out',
        out,
      ]);
      const stats = await main(['lexicon', 'stats', '--lexicon', out, ...common]);
      // Assess
      expect([imported, stats]).toEqual([0, 0]);
      const tsv = (await readFile(out, 'utf8')).trim().split('\n');
      expect(tsv.length).toBeGreaterThan(2);
      for (const line of tsv) expect(line).toMatch(/^[^\t]+\t[^\t]+\t[0-9.e-]+$/);
      expect(stdout.join('\n')).toMatch(new RegExp(`${out}: \\d+ entries, ${tsv.length} pairs`));
    });
  });

  it('refuses an import whose input is mostly not in --format, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a MUSE-style file ("src tgt") read as wikititles ("src<TAB>tgt"): the one line
      // that happens to hold a tab parses, the rest do not.
      const input = join(dir, 'muse.txt');
      const lines = ['house Haus', 'dog Hund', 'cat Katze', 'tree Baum', 'Berlin\tBerlin'];
      await writeFile(input, lines.join('\n') + '\n');
      const out = join(dir, 'out.tsv');
      // Act
      const code = await main([
        'lexicon',
        'import',
        '--format',
        'wikititles',
        '--src-lang',
        'en',
        '--tgt-lang',
        'de',
        '--input',
        input,
        '--out',
        out,
      ]);
      // Assess
      expect(code).toBe(2);
      expect(stderr.join('\n')).toMatch(
        /only \d+ pair\(s\) read and \d+ line\(s\) skipped .*is it really --format wikititles\? Nothing written/,
      );
      await expect(readFile(out, 'utf8')).rejects.toThrow();
    });
  });

  it.each([
    [
      [
        'lexicon',
        'import',
        '--format',
        'omw',
        '--src-lang',
        'en',
        '--tgt-lang',
        'de',
        '--input',
        'a',
        '--out',
        'b',
      ],
      /give --input 2 time/,
    ],
    [
      [
        'lexicon',
        'import',
        '--format',
        'muse',
        '--src-lang',
        'en',
        '--tgt-lang',
        'de',
        '--input',
        'nope.txt',
        '--out',
        'b',
      ],
      /cannot read input file nope.txt/,
    ],
    [
      ['lexicon', 'stats', '--lexicon', 'package.json', '--src-lang', 'en', '--tgt-lang', 'de'],
      /package.json:1/,
    ],
    [['eval', '--qrels', 'none.qrels', '--run', 'none.run'], /cannot read qrels file none.qrels/],
    [['eval', '--qrels', 'package.json', '--run', 'package.json'], /package.json:1: /],
    [['index', 'build', '--out', '/tmp/x'], /missing --input/],
    [['index', 'build', '--input', 'nope.jsonl', '--out', 'x'], /cannot read input nope.jsonl/],
    [['search', '--index', 'x'], /exactly one of --query or --topics/],
    [['search', '--index', 'x', '--query', 'a', '--top-k', 'ten'], /--top-k must be an integer/],
    [['search', '--index', 'x', '--query', 'a', '--top-k', '-3'], /ambiguous.*use '--top-k=-XYZ'/],
    [['search', '--index', 'x', '--query', 'a', '--top-k=-3'], /--top-k must be between 1 and/],
    [
      ['search', '--index', 'x', '--query', 'a', '--bogus'],
      /unknown option '--bogus'; see "xlir search --help"/,
    ],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['search', '--index', 'ftp://host/x', '--query', 'a'], /ftp/],
  ])('prints one line for user error %j and exits non-zero', async (argv, message) => {
    // Act
    const code = await main(argv as string[]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^xlir: error: /);
    expect(stderr[0]).toMatch(message);
    expect(stderr[0]).not.toMatch(/\n|\s+at /);
  });

  it('reports an unreachable object store in one line, without a stack trace', async () => {
    // Prepare: nothing listens on port 9 of the loopback interface
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_REGION: 'us-east-1',
    });
    try {
      await withTempDir(async (dir) => {
        // Act: a search reads on this thread; a build uploads from worker threads
        const searched = await main(['search', '--index', 's3://no-server/idx', '--query', 'x']);
        const built = await main([
          'index',
          'build',
          '--input',
          await corpusFile(dir),
          '--out',
          's3://no-server/idx',
          '--workers',
          '2',
        ]);
        // Assess
        expect([searched, built]).toEqual([1, 1]);
        expect(stderr).toHaveLength(2);
        for (const line of stderr)
          expect(line).toMatch(/^xlir: error: S3 .*ECONNREFUSED.*gave up after 4 attempts/);
      });
    } finally {
      process.env = saved;
    }
  });

  it('reports a missing index as a data error with a hint', async () => {
    await withTempDir(async (dir) => {
      const code = await main(['search', '--index', join(dir, 'none'), '--query', 'x']);
      expect(code).toBe(1);
      expect(stderr[0]).toMatch(/no index at .*xlir index build/);
    });
  });
});
