/**
 * `xlir search` and POST /v1/search run one pipeline (lib/retrieve): for the same request they
 * must return the same ranking, ids and scores, with and without a query language, with a
 * translated (PSQ) first stage and with a rerank. The 14 demo topics over the demo index and
 * lexicons, as `npm start` serves them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoIndexDir, demoLexiconsDir, openDemoIndex } from '../../lib/cli/commands/demo.js';
import { main } from '../../lib/cli/main.js';
import { packageRoot } from '../../lib/cli/paths.js';
import { postJson, testApp } from '../api/helpers.js';
import { captureCliOutput } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';
import { ROUTING_FIXTURE } from '../rerank/helpers.js';

const { stdout } = captureCliOutput();

interface Ranked {
  ids: string[];
  scores: number[];
  lang: string;
}

async function demoTopics(): Promise<Array<[string, string]>> {
  const text = await readFile(join(packageRoot(), 'samples', 'demo-topics.tsv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => line.split('\t') as [string, string]);
}

async function viaCli(index: string, query: string, flags: string[]): Promise<Ranked> {
  stdout.length = 0;
  const code = await main(['search', '--index', index, '--query', query, '--format', 'json', ...flags]);
  expect(code).toBe(0);
  const result = JSON.parse(stdout.join('')) as {
    hits: Array<{ doc_id: string; score: number }>;
    query: { lang: string };
  };
  return {
    ids: result.hits.map((h) => h.doc_id),
    scores: result.hits.map((h) => h.score),
    lang: result.query.lang,
  };
}

async function viaApi(app: ReturnType<typeof testApp>, body: Record<string, unknown>): Promise<Ranked> {
  const response = await postJson(app, '/v1/search', body);
  expect(response.status).toBe(200);
  const json = (await response.json()) as {
    results: Array<{ doc_id: string; score: number }>;
    meta: { query: { lang: string } };
  };
  return {
    ids: json.results.map((h) => h.doc_id),
    scores: json.results.map((h) => h.score),
    lang: json.meta.query.lang,
  };
}

function expectSameRanking(cli: Ranked, api: Ranked): void {
  expect(cli.lang).toBe(api.lang);
  expect(cli.ids).toEqual(api.ids);
  expect(cli.scores.length).toBe(api.scores.length);
  cli.scores.forEach((score, i) => expect(score).toBeCloseTo(api.scores[i]!, 9));
}

describe('xlir search and POST /v1/search rank alike', () => {
  it('on every demo topic: detected language, PSQ over the demo lexicons', async () => {
    await withTempDir(async (home) => {
      // Prepare
      await openDemoIndex(home);
      const index = demoIndexDir(home);
      const app = testApp(index, { lexiconsDir: demoLexiconsDir(), auth: { mode: 'off' } });
      const topics = await demoTopics();
      expect(topics).toHaveLength(14);
      for (const [, query] of topics) {
        // Act
        const cli = await viaCli(index, query, ['--top-k', '10', '--lexicons', demoLexiconsDir()]);
        const api = await viaApi(app, { query, top_k: 10 });
        // Assess
        expect(cli.ids.length).toBeGreaterThan(0);
        expectSameRanking(cli, api);
      }
    });
  });

  it('with a given query language, document languages and BM25 only', async () => {
    await withTempDir(async (home) => {
      // Prepare
      await openDemoIndex(home);
      const index = demoIndexDir(home);
      const app = testApp(index, { auth: { mode: 'off' } });
      // Act
      const cli = await viaCli(index, 'Wer erfand das Telefon', [
        '--query-lang',
        'de',
        '--doc-lang',
        'de,en',
      ]);
      const api = await viaApi(app, {
        query: 'Wer erfand das Telefon',
        query_lang: 'de',
        doc_langs: ['de', 'en'],
      });
      // Assess
      expect(cli.ids.length).toBeGreaterThan(0);
      expectSameRanking(cli, api);
    });
  });

  it('with a rerank of the first 20 candidates', async () => {
    await withTempDir(async (home) => {
      // Prepare
      await openDemoIndex(home);
      const index = demoIndexDir(home);
      const app = testApp(index, { lexiconsDir: demoLexiconsDir(), auth: { mode: 'off' } });
      const query = 'who invented the telephone';
      // Act
      const cli = await viaCli(index, query, [
        '--lexicons',
        demoLexiconsDir(),
        '--rerank',
        '20',
        '--models',
        ROUTING_FIXTURE,
        '--lambda',
        '0.5',
      ]);
      const api = await viaApi(app, { query, rerank: { depth: 20, lambda: 0.5 } });
      // Assess
      expect(cli.ids.length).toBe(10);
      expectSameRanking(cli, api);
    });
  });
});
