/**
 * A server whose routing sends a pair to a model that reads English glosses: with XLIR_LEXICONS
 * naming a pack or a folder of TSV files it glosses through them and answers; with lexicons that
 * cannot be opened, or none at all, reranking is refused as the models' state (503) without naming
 * a server path.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA } from '../../lib/rerank/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { lexicon } from '../search/lexicon.js';
import { copyFixtureModel, TEST_THREADS, writeRouting } from '../rerank/helpers.js';
import { type ErrorJson, getJson, postJson, testApp, useFixtureIndex } from './helpers.js';

const fixture = useFixtureIndex();
let routingUri: string;
let packDir: string;
let tsvDir: string;

beforeAll(async () => {
  const model = await copyFixtureModel('tiny', path.join(fixture.dir, 'models'));
  const manifestPath = path.join(model, 'xlir-model.json');
  const { languages: _english, ...manifest } = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<
    string,
    unknown
  >;
  await writeFile(manifestPath, JSON.stringify({ ...manifest, input: 'english-gloss' }));
  routingUri = await writeRouting(fixture.dir, {
    version: 1,
    models: { glosses: model },
    multilingual: 'glosses',
    zero_shot: 'glosses',
  });
  packDir = path.join(fixture.dir, 'pack');
  await writeLexiconPack(new FileStore(packDir), [
    { lexicon: lexicon('de', 'en', [['Telefon', 'telephone', 1]]) },
  ]);
  tsvDir = path.join(fixture.dir, 'tsv');
  await mkdir(tsvDir);
  await writeFile(path.join(tsvDir, 'de-en.tsv'), 'Telefon\ttelephone\t1\n');
});

const request = {
  query: 'Wer erfand das Telefon?',
  documents: ['Das Telefon erfand Bell.', 'Die Stadt und der Fluss.'],
  model: 'glosses',
};

describe('models that read English glosses, served', () => {
  it.each([
    ['a pack', () => packDir],
    ['a folder of TSV files', () => tsvDir],
  ])('rerank through %s XLIR_LEXICONS names', async (_, lexiconsDir) => {
    // Prepare
    const app = testApp(fixture.indexDir, {
      models: { routingUri, threads: TEST_THREADS },
      lexiconsDir: lexiconsDir(),
    });
    // Act
    const response = await postJson(app, '/v1/rerank', request);
    const body = (await response.json()) as { results: Array<{ index: number; relevance_score: number }> };
    // Assess
    expect(response.status).toBe(200);
    expect(body.results.map((r) => r.index).sort()).toEqual([0, 1]);
    const models = (await (await getJson(app, '/v1/models')).json()) as {
      variants: Array<{ id: string; input: string }>;
    };
    expect(models.variants).toEqual([
      expect.objectContaining({ id: 'glosses', input: 'english-gloss', fusion_lambda: DEFAULT_LAMBDA }),
    ]);
  });

  it('answers each glossed document’s document_match in the xlir block, as /v1/search fuses it', async () => {
    // Prepare
    const app = testApp(fixture.indexDir, {
      models: { routingUri, threads: TEST_THREADS },
      lexiconsDir: packDir,
    });
    // Act
    const response = await postJson(app, '/v1/rerank', {
      ...request,
      xlir: { query_lang: 'de', doc_langs: ['de', 'de'], first_stage_scores: [2, 1] },
    });
    const body = (await response.json()) as {
      xlir: { results: Array<{ index: number; document_match?: number }> };
    };
    // Assess: the passage glossed with "telephone" matches the glossed query; the other nothing.
    expect(response.status).toBe(200);
    const match = Object.fromEntries(body.xlir.results.map((r) => [r.index, r.document_match]));
    expect(match[0]).toBeGreaterThan(0);
    expect(match[1]).toBe(0);
  });

  it.each([
    ['no lexicons', false],
    ['lexicons that cannot be opened', true],
  ])('are refused with 503 naming no path, given %s', async (_, missing) => {
    // Prepare
    const app = testApp(fixture.indexDir, {
      models: { routingUri, threads: TEST_THREADS },
      ...(missing ? { lexiconsDir: path.join(fixture.dir, 'no-such-folder') } : {}),
    });
    // Act
    const response = await postJson(app, '/v1/rerank', request);
    const body = (await response.json()) as ErrorJson;
    // Assess
    expect(response.status).toBe(503);
    expect(body.error.message).toMatch(/English glosses/);
    expect(body.error.message).not.toContain(fixture.dir);
  });
});
