import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import type { CodeSwitchedExample, TrainingExample } from '../../lib/codeswitch/index.js';
import { captureCliOutput } from '../helpers/cli-output.js';
import {
  jsonl,
  JSONL_RECORDS,
  SQUAD_ARTICLES,
  squadJson,
  triplesTsv,
  withTempDir,
  writeFixture,
} from '../training-data/fixtures.js';
import { writeLexicons } from './fixtures.js';

const { stdout, stderr } = captureCliOutput();

async function readJsonl<T>(path: string): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

describe('xlir pairs squad', () => {
  it('writes training and held-out validation examples from disjoint articles', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await writeFixture(dir, 'train-v1.1.json', squadJson());
      const [train, valid] = [join(dir, 'train.jsonl'), join(dir, 'valid.jsonl')];
      // Act
      const code = await main(
        [
          'pairs',
          'squad',
          '--input',
          input,
          '--out',
          train,
          '--valid-out',
          valid,
          '--valid-articles',
          '1',
        ].concat(['--seed', '4']),
      );
      // Assess
      expect(code).toBe(0);
      const trainExamples = await readJsonl<TrainingExample>(train);
      const validExamples = await readJsonl<TrainingExample>(valid);
      const validArticles = new Set(validExamples.map((e) => e.article));
      expect(validArticles.size).toBe(1);
      expect(trainExamples.some((e) => validArticles.has(e.article))).toBe(false);
      expect(new Set([...trainExamples, ...validExamples].map((e) => e.article)).size).toBe(
        SQUAD_ARTICLES.length,
      );
      expect(stdout.join('\n')).toContain(`${trainExamples.length} training examples`);
      expect(stderr.join('\n')).toContain('skipped 1 question');
    });
  });

  it('stops after --limit examples', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await writeFixture(dir, 'train-v1.1.json', squadJson());
      const out = join(dir, 'train.jsonl');
      // Act
      const code = await main(['pairs', 'squad', '--input', input, '--out', out, '--limit', '3']);
      // Assess
      expect(code).toBe(0);
      expect(await readJsonl(out)).toHaveLength(3);
    });
  });

  it('writes first-stage scores with --first-stage-scores, kept through codeswitch, and refuses a depth of 0', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await writeFixture(dir, 'train-v1.1.json', squadJson());
      const [out, switched] = [join(dir, 'train.jsonl'), join(dir, 'bl.jsonl')];
      const [deLexicon] = await writeLexicons(dir, ['de']);
      // Act
      const code = await main([
        'pairs',
        'squad',
        '--input',
        input,
        '--out',
        out,
        '--first-stage-scores',
        '100',
      ]);
      const switchCode = await main(
        [
          'codeswitch',
          '--mode',
          'bl',
          '--input',
          out,
          '--out',
          switched,
          '--query-lang',
          'en',
          '--doc-lang',
          'de',
        ].concat(['--lexicon', deLexicon!, '--p', '1']),
      );
      const bad = await main(['pairs', 'squad', '--input', input, '--out', out, '--first-stage-scores', '0']);
      // Assess
      expect([code, switchCode, bad]).toEqual([0, 0, 2]);
      const examples = await readJsonl<TrainingExample>(out);
      const tops = examples.map((e) => [
        ...(e.pos_first_stage as number[]),
        ...(e.neg_first_stage as number[]),
      ]);
      expect(tops.every((scores, i) => scores.length === 1 + examples[i]!.neg.length)).toBe(true);
      expect(tops.flat().every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(tops.some((scores) => scores.includes(1))).toBe(true);
      const kept = await readJsonl<CodeSwitchedExample>(switched);
      expect(kept.map((e) => e.pos_first_stage)).toEqual(examples.map((e) => e.pos_first_stage));
      expect(stderr.join('\n')).toContain('--first-stage-scores');
    });
  });
});

describe('xlir codeswitch', () => {
  it('switches MS MARCO triples (format detected) with BL-CS and records the provenance', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await writeFixture(dir, 'triples.tsv', triplesTsv());
      const lexicons = (await writeLexicons(dir)).flatMap((spec) => ['--lexicon', spec]);
      const out = join(dir, 'bl.jsonl');
      // Act
      const code = await main(
        ['codeswitch', '--mode', 'bl', '--input', input, '--query-lang', 'en', '--doc-lang', 'de'].concat(
          lexicons,
          ['--p', '1', '--seed', '9', '--out', out],
        ),
      );
      // Assess
      expect(code).toBe(0);
      const examples = await readJsonl<CodeSwitchedExample>(out);
      expect(examples).toHaveLength(3);
      for (const e of examples) {
        expect(e).toMatchObject({ query_lang: 'en', doc_lang: 'de' });
        expect(e.provenance).toEqual({
          method: 'bl-cs',
          p: 1,
          languages: ['en', 'de'],
          lexicons: ['en-de.tsv'],
          seed: 9,
          source: 'triples.tsv',
        });
        expect(e.switches.neg).toHaveLength(e.neg.length);
      }
      expect(examples[2]!.neg[0]).toBe('Das groß Hund.');
      expect(stderr.join('\n')).toContain('unused lexicon');
    });
  });

  it('switches JSONL and SQuAD input with ML-CS and Wiki-CS, and reports statistics', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const lexicons = (await writeLexicons(dir)).flatMap((spec) => ['--lexicon', spec]);
      const inputs = {
        jsonl: await writeFixture(dir, 'in.jsonl', jsonl()),
        squad: await writeFixture(dir, 'squad.json', squadJson()),
      };
      const arabic = lexicons.find((spec) => spec.startsWith('ar='))!;
      // Act
      const codes = [
        await main(
          ['codeswitch', '--mode', 'ml', '--input', inputs.jsonl, '--langs', 'de,ru'].concat(lexicons, [
            '--out',
            join(dir, 'ml.jsonl'),
          ]),
        ),
        await main(
          ['codeswitch', '--mode', 'wiki', '--input', inputs.squad, '--input-format', 'squad'].concat(
            ['--langs', 'de,ar'],
            lexicons,
            ['--out', join(dir, 'wiki.jsonl')],
          ),
        ),
        await main(['codeswitch', 'stats', '--input', join(dir, 'ml.jsonl'), '--lexicon', arabic]),
      ];
      // Assess
      expect(codes).toEqual([0, 0, 0]);
      const ml = await readJsonl<CodeSwitchedExample>(join(dir, 'ml.jsonl'));
      const wiki = await readJsonl<CodeSwitchedExample>(join(dir, 'wiki.jsonl'));
      expect(ml.every((e) => e.query_lang === 'mul' && e.doc_lang === 'mul')).toBe(true);
      expect(ml[0]!.source).toBe('unit');
      expect(wiki.every((e) => ['de', 'ar'].includes(e.query_lang) && e.neg_sources !== undefined)).toBe(
        true,
      );
      const report = stdout.join('\n');
      expect(report).toMatch(/^query\s+mul\s+2\s/m);
      expect(report).toMatch(/types .* en→ar/);
    });
  });

  it.each([
    ['an unknown mode', ['--mode', 'xx'], 2, /unknown --mode "xx"/],
    ['an unknown input format', ['--input-format', 'csv'], 2, /unknown --input-format "csv"/],
    ['a missing input file', ['--input', 'MISSING'], 2, /cannot read .*nope\.tsv/],
    ['p outside [0, 1]', ['--p', '1.5'], 2, /--p must be between 0 and 1/],
    ['an empty lexicon', ['--lexicon', 'EMPTY'], 1, /lexicon .*empty\.tsv is empty/],
    ['a malformed input line', ['--input', 'BAD'], 1, /bad\.tsv:2: expected query<TAB>positive<TAB>negative/],
  ])('fails in one line for %s', async (_what, override, exitCode, message) => {
    await withTempDir(async (dir) => {
      // Prepare
      const files: Record<string, string> = {
        MISSING: join(dir, 'nope.tsv'),
        BAD: await writeFixture(dir, 'bad.tsv', 'q\tp\tn\nq2\tp2\n'),
        EMPTY: `de=${await writeFixture(dir, 'empty.tsv', '\n')}`,
      };
      const args: Record<string, string> = {
        '--mode': 'bl',
        '--input': await writeFixture(dir, 'triples.tsv', triplesTsv()),
        '--lexicon': (await writeLexicons(dir, ['de']))[0]!,
        '--query-lang': 'en',
        '--doc-lang': 'de',
        '--out': join(dir, 'out.jsonl'),
      };
      args[override[0]!] = files[override[1]!] ?? override[1]!;
      // Act
      const code = await main(['codeswitch', ...Object.entries(args).flat()]);
      // Assess
      expect(code).toBe(exitCode);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/^xlir: error: /);
      expect(stderr[0]).toMatch(message);
      expect(stderr[0]).not.toMatch(/\n|\s{4}at /);
    });
  });

  it('rejects pairs squad with --valid-out but no --valid-articles', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const input = await writeFixture(dir, 'squad.json', squadJson());
      // Act
      const code = await main([
        'pairs',
        'squad',
        '--input',
        input,
        '--out',
        join(dir, 'a'),
        '--valid-out',
        join(dir, 'b'),
      ]);
      // Assess
      expect(code).toBe(2);
      expect(stderr[0]).toMatch(/--valid-out and --valid-articles go together/);
    });
  });
});

describe('xlir codeswitch round-trip', () => {
  it('writes each example switched and glossed back, and refuses a language the lexicons cannot gloss', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the en-de lexicon switches; its inverse in a TSV folder glosses back
      const input = await writeFixture(dir, 'train.jsonl', jsonl());
      const lexicons = await writeLexicons(dir, ['de']);
      const glosses = join(dir, 'glosses');
      await mkdir(glosses);
      await writeFixture(glosses, 'en-de.tsv', await readFile(lexicons[0]!.split('=')[1]!, 'utf8'));
      const out = join(dir, 'rt.jsonl');
      const args = ['codeswitch', 'round-trip', '--input', input, '--out', out, '--seed', '3'];
      // Act
      const code = await main([...args, '--lexicon', lexicons[0]!, '--glosses', glosses]);
      const refused = await main([...args, '--lexicon', lexicons[0]!, '--glosses', join(dir, 'nowhere')]);
      // Assess
      expect(code).toBe(0);
      const written = await readJsonl<TrainingExample & { round_trip: { lang: string; sides: string } }>(out);
      expect(written).toHaveLength(JSONL_RECORDS.length);
      expect(written.every((e) => e.round_trip.lang === 'de')).toBe(true);
      expect(
        written.every((e) => e.provenance && (e.provenance as { method: string }).method === 'rt-cs'),
      ).toBe(true);
      expect(stdout.join('\n')).toContain(`round-tripped ${JSONL_RECORDS.length} examples`);
      expect(refused).not.toBe(0);
      expect(stderr.at(-1)).toMatch(/^xlir: error: /);
      expect(stderr.at(-1)).not.toContain('\n    at ');
    });
  });
});
