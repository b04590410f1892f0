import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { buildIndex } from '../../lib/index/node.js';
import { DEFAULT_LAMBDA, releaseModels } from '../../lib/rerank/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';
import {
  copyFixtureModel,
  fixtureModel,
  ROUTING_FIXTURE,
  tinyKeepingFirstStage,
  writeRouting,
} from './helpers.js';
import { captureCliOutput } from '../helpers/cli-output.js';

const { stdout, stderr } = captureCliOutput();

/** One index for every search test: English documents, and a few German and Spanish ones. */
let indexDir: string;
let index: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'xlir-rerank-cli-'));
  index = join(indexDir, 'idx');
  await buildIndex(asRecords(ENGLISH_DOCS), openStore(index));
});
afterAll(async () => {
  await releaseModels();
  await rm(indexDir, { recursive: true, force: true });
});

const search = (...extra: string[]) =>
  main(['search', '--index', index, '--query', 'who invented the telephone', '--query-lang', 'en', ...extra]);
const rerank = (...extra: string[]) => search('--models', ROUTING_FIXTURE, '--rerank', ...extra);

describe('xlir search --rerank', () => {
  it('reranks the first DEPTH candidates and reports the variant that scored them', async () => {
    // Prepare
    await search('--doc-lang', 'en', '--top-k', '100');
    const firstStage = JSON.parse(stdout.join('')).hits.length as number;
    stdout.length = 0;
    // Act
    const code = await rerank('3', '--doc-lang', 'en', '--top-k', '2');
    // Assess
    expect(code).toBe(0);
    expect(firstStage).toBeGreaterThanOrEqual(3);
    const json = JSON.parse(stdout.join(''));
    expect(json.hits).toHaveLength(2);
    expect(json.rerank.models).toEqual([
      {
        doc_lang: 'en',
        model: 'mono-int8',
        rule: 'monolingual',
        reason: 'query and documents are both en',
        lambda: DEFAULT_LAMBDA,
      },
    ]);
    expect(json.rerank.partial).toBe(false);
    expect(json.rerank.counts).toMatchObject({ depth: 3, scored: 3 });
    const scores = json.hits.map((h: { score: number }) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const hit of json.hits) {
      expect(hit.rerank_score).toBeTypeOf('number');
      expect(hit.text).toBeUndefined();
    }
  });

  it('scores a candidate list in several languages with the multilingual variant when asked', async () => {
    // Act
    const code = await rerank('20', '--text', '--rerank-strategy', 'multilingual');
    // Assess
    expect(code).toBe(0);
    const json = JSON.parse(stdout.join(''));
    expect(new Set(json.hits.map((h: { lang: string }) => h.lang)).size).toBeGreaterThan(1);
    for (const choice of json.rerank.models)
      expect(choice).toMatchObject({ model: 'ml', rule: 'mixed-languages' });
    for (const hit of json.hits) expect(hit.text).toBeTypeOf('string');
  });

  it('writes a TREC run in first-stage order, and says so, when the deadline leaves nothing scored', async () => {
    // Prepare
    await search('--format', 'trec');
    const bm25Order = stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[2]);
    stdout.length = 0;
    // Act
    const code = await rerank(
      '10',
      '--format',
      'trec',
      '--deadline-ms',
      '0',
      '--rerank-strategy',
      'multilingual',
    );
    // Assess
    expect(code).toBe(0);
    const lines = stdout.join('').trim().split('\n');
    expect(lines.map((l) => l.split(' ')[2])).toEqual(bm25Order);
    expect(lines.map((l) => Number(l.split(' ')[4]))).toEqual(lines.map((_, i) => -(i + 1)));
    expect(stderr.join('\n')).toContain(`rerank deadline: 0 of ${bm25Order.length} candidates scored`);
  });

  it('keeps the first-stage order and scores for a pair routed to "none", and says so', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const routing = await writeRouting(dir, tinyKeepingFirstStage());
      await search('--doc-lang', 'en');
      const firstStage = JSON.parse(stdout.join('')).hits as Array<{ doc_id: string; score: number }>;
      stdout.length = 0;
      // Act
      const code = await search('--doc-lang', 'en', '--models', routing, '--rerank', '5');
      // Assess
      expect(code).toBe(0);
      expect(firstStage.length).toBeGreaterThan(1);
      expect(firstStage.every((h) => typeof h.doc_id === 'string' && typeof h.score === 'number')).toBe(true);
      const json = JSON.parse(stdout.join(''));
      expect(json.hits.map((h: { doc_id: string; score: number }) => [h.doc_id, h.score])).toEqual(
        firstStage.map((h) => [h.doc_id, h.score]),
      );
      expect(json.rerank.counts).toMatchObject({ depth: 0, scored: 0 });
      expect(json.rerank.models).toEqual([expect.objectContaining({ doc_lang: 'en', model: 'none' })]);
      expect(stderr.join('\n')).toContain(
        'no reranker is routed for en→en (routing.json); first-stage order kept',
      );
    });
  });

  it('glosses through the lexicons the first stage translates with, for a model that reads glosses', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const model = await copyFixtureModel('tiny', join(dir, 'models'));
      const manifestPath = join(model, 'xlir-model.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
      await writeFile(
        manifestPath,
        JSON.stringify({ ...manifest, languages: undefined, input: 'english-gloss' }),
      );
      const routing = await writeRouting(dir, {
        version: 1,
        models: { glosses: model },
        multilingual: 'glosses',
        zero_shot: 'glosses',
      });
      const lexicons = join(dir, 'lexicons');
      await mkdir(lexicons);
      await writeFile(join(lexicons, 'de-en.tsv'), 'Telefon\ttelephone\t1\nerfand\tinvented\t1\n');
      const german = ['search', '--index', index, '--query', 'Wer erfand das Telefon?', '--query-lang', 'de'];
      // Act
      const code = await main([
        ...german,
        '--doc-lang',
        'en',
        '--lexicons',
        lexicons,
        '--models',
        routing,
        '--rerank',
        '3',
      ]);
      // Assess
      expect(code).toBe(0);
      const json = JSON.parse(stdout.join(''));
      expect(json.rerank.models).toEqual([expect.objectContaining({ doc_lang: 'en', model: 'glosses' })]);
      expect(json.rerank.counts).toMatchObject({ depth: 3, scored: 3 });
    });
  });

  it('refuses rerank options without --rerank, and a λ outside [0, 1]', async () => {
    // Act
    const stray = await search('--lambda', '0.5');
    const badLambda = await rerank('5', '--lambda', '2');
    // Assess
    expect([stray, badLambda]).toEqual([2, 2]);
    expect(stderr.join('\n')).toMatch(/--lambda is only used with --rerank DEPTH/);
    expect(stderr.join('\n')).toMatch(/--lambda must be between 0 and 1, got 2/);
  });
});

describe('xlir models', () => {
  it('lists every model with its languages, calibration and role', async () => {
    // Act
    const code = await main(['models', 'list', '--models', ROUTING_FIXTURE]);
    // Assess
    expect(code).toBe(0);
    const line = stdout.find((l) => l.trim().startsWith('bl-cs-en-de'))!;
    expect(line).toContain(fixtureModel('bert-wordpiece'));
    expect(line).toContain('languages en,de');
    expect(line).toContain('calibration logistic(a=0.8, b=-0.2)');
    expect(line).toContain(`fusion λ ${DEFAULT_LAMBDA} (default)`);
    expect(line).toContain('used as route en→de');
    expect(stdout.find((l) => l.trim().startsWith('zs'))).toContain('route *→ar, zero-shot');
  });

  it('loads and checks every model with --check', async () => {
    // Act
    const code = await main(['models', 'list', '--models', ROUTING_FIXTURE, '--check']);
    // Assess
    expect(code).toBe(0);
    expect(stdout[0]).toMatch(/all loaded and checked/);
  });

  it('prints the variant a language pair routes to, and why', async () => {
    // Act
    const code = await main([
      'models',
      'route',
      '--models',
      ROUTING_FIXTURE,
      '--query-lang',
      'de',
      '--doc-lang',
      'fr',
    ]);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toEqual([
      'variant: zs',
      `uri: ${fixtureModel('bert-two-class')}`,
      'rule: zero-shot',
      'why: no route for de→fr, and the multilingual variant was not trained on fr',
    ]);
  });

  it('fails with one line and exit 1 for a routing table that is not there', async () => {
    await withTempDir(async (dir) => {
      // Act
      const code = await main(['models', 'list', '--models', join(dir, 'routing.json')]);
      // Assess
      expect(code).toBe(1);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/no model routing table at .*routing\.json/);
    });
  });

  it('fails with exit 1 for a model that does not load', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const routing = join(dir, 'routing.json');
      await writeFile(
        routing,
        JSON.stringify({
          version: 1,
          models: { nan: fixtureModel('broken-nan-output') },
          multilingual: 'nan',
          zero_shot: 'nan',
        }),
      );
      // Act
      const code = await main(['models', 'list', '--models', routing, '--check']);
      // Assess
      expect(code).toBe(1);
      expect(stderr[0]).toMatch(/broken-nan-output: the probe batch at load scored \[NaN, NaN\]/);
    });
  });
});
