/**
 * /healthz reports what requests found (indexes, models, lexicons), answers 503 when nothing can
 * serve, and recovers with them; failed lexicon opens are retried; errors and /v1/models name
 * indexes and models by id, never by where they are stored.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ApiApp } from '../../lib/api/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { fromTsv } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS } from '../helpers/corpus.js';
import { MODELS_DIR } from '../rerank/helpers.js';
import { getJson, postJson, testApp, useFixtureIndex, type ErrorJson } from './helpers.js';

const fixture = useFixtureIndex();

interface Component {
  state: string;
  reason: string | null;
  checked_at: string | null;
}

interface Health {
  status: string;
  indexes: Array<Component & { name: string }>;
  models: Component;
  lexicons: Component;
}

async function health(app: ApiApp): Promise<{ status: number; body: Health }> {
  const response = await app.request('/healthz');
  return { status: response.status, body: (await response.json()) as Health };
}

/** A routing table naming one fixture model, which may be broken. */
async function routingTo(dir: string, model: string): Promise<string> {
  const routing = join(dir, `routing-${model}.json`);
  const ref = join(MODELS_DIR, model);
  await writeFile(
    routing,
    JSON.stringify({ version: 1, models: { only: ref }, multilingual: 'only', zero_shot: 'only' }),
  );
  return routing;
}

describe('GET /healthz', () => {
  it('reports unknown before any request and ok once the index and the models were used', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const before = await health(app);
    await postJson(app, '/v1/search', { query: 'telephone', rerank: { depth: 3 } });
    const after = await health(app);
    // Assess
    expect(before).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        indexes: [{ name: 'fixture', state: 'unknown', reason: null }],
        models: { state: 'unknown' },
        lexicons: { state: 'off' },
      },
    });
    expect(after).toMatchObject({
      status: 200,
      body: { status: 'ok', indexes: [{ name: 'fixture', state: 'ok' }], models: { state: 'ok' } },
    });
    expect(Date.parse(after.body.indexes[0]!.checked_at!)).toBeGreaterThan(0);
  });

  it('answers 503 when no index opens and no model loads, says why without paths, and recovers', async () => {
    // Prepare: an index not built yet, a routing table not written yet.
    const indexDir = join(fixture.dir, 'later-index');
    const routing = join(fixture.dir, 'later-models', 'routing.json');
    const app = testApp(indexDir, { models: { routingUri: routing } });
    // Act
    const search = await postJson(app, '/v1/search', { query: 'telephone' });
    const rerank = await postJson(app, '/v1/rerank', { query: 'telephone', documents: ['a', 'b'] });
    const down = await health(app);
    await buildIndex(asRecords(ENGLISH_DOCS), openStore(indexDir), { shardDocs: 6 });
    const searchAgain = await postJson(app, '/v1/search', { query: 'telephone' });
    const partly = await health(app);
    // Assess
    expect([search.status, rerank.status, searchAgain.status]).toEqual([503, 503, 200]);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      indexes: [{ name: 'fixture', state: 'degraded' }],
      models: { state: 'degraded' },
    });
    expect(down.body.indexes[0]!.reason).toMatch(
      /^index fixture is unavailable: no index \(manifest.json not found\)/,
    );
    for (const text of [JSON.stringify(down.body), await search.text(), await rerank.text()]) {
      expect(text).not.toContain(fixture.dir);
    }
    // The index serves again; the models still cannot: degraded, and up.
    expect(partly.status).toBe(200);
    expect(partly.body).toMatchObject({
      status: 'degraded',
      indexes: [{ state: 'ok', reason: null }],
      models: { state: 'degraded' },
    });
  });

  it('reports a model that fails to load by its id, in the 503 and in /healthz', async () => {
    // Prepare: a routing table that opens, whose model scores NaN at load.
    const routing = await routingTo(fixture.dir, 'broken-nan-output');
    const app = testApp(fixture.indexDir, { models: { routingUri: routing } });
    // Act
    const rerank = await postJson(app, '/v1/rerank', { query: 'telephone', documents: ['a telephone', 'b'] });
    const after = await health(app);
    // Assess
    expect(rerank.status).toBe(503);
    const message = ((await rerank.json()) as ErrorJson).error.message;
    expect(message).toMatch(/^model only: /);
    expect(message).not.toContain(MODELS_DIR);
    // The index was not used, so it may serve: degraded, and up.
    expect(after.body).toMatchObject({ status: 'degraded', models: { state: 'degraded' } });
    expect(after.body.models.reason).toMatch(/^model only: /);
    expect(after.status).toBe(200);
  });
});

describe('lexicons that fail to open', () => {
  it('are opened again on the next query instead of answering 503 until a restart', async () => {
    // Prepare: XLIR_LEXICONS names a pack that is not written yet.
    const packDir = join(fixture.dir, 'pack-later');
    await mkdir(packDir, { recursive: true });
    const app = testApp(fixture.indexDir, { lexiconsDir: pathToFileURL(packDir).href });
    const query = { query: 'telephone', query_lang: 'en', doc_langs: ['de'] };
    // Act
    const missing = await postJson(app, '/v1/search', query);
    const whileMissing = await health(app);
    const lexicon = fromTsv('telephone\tTelefon\t0.9\n', { srcLang: 'en', tgtLang: 'de', id: 'en-de.tsv' });
    await writeLexiconPack(openStore(packDir), [{ lexicon }]);
    const written = await postJson(app, '/v1/search', query);
    const afterwards = await health(app);
    // Assess
    expect(missing.status).toBe(503);
    expect(await missing.text()).not.toContain(packDir);
    expect(whileMissing.body.lexicons.state).toBe('degraded');
    expect(whileMissing.body.lexicons.reason).not.toContain(packDir);
    expect(written.status).toBe(200);
    expect(((await written.json()) as { results: Array<{ doc_id: string }> }).results[0]!.doc_id).toBe('d16');
    expect(afterwards.body.lexicons.state).toBe('ok');
  });
});

describe('/v1/models', () => {
  it('names models by id and their routing, never their directories or routing.json location', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const text = await (await getJson(app, '/v1/models')).text();
    const body = JSON.parse(text) as { variants: Array<Record<string, unknown>> };
    // Assess
    expect(body.variants.length).toBeGreaterThan(0);
    expect(text).not.toContain(MODELS_DIR);
    expect(text).not.toContain('routing_uri');
    for (const variant of body.variants) expect(Object.keys(variant)).not.toContain('uri');
  });

  it('lists the models mixed lists score in place of routed ones, and their role', async () => {
    // Prepare: two ids for one fixture model, "text" standing in for "routed" in mixed lists.
    const routing = join(fixture.dir, 'routing-mixed-lists.json');
    const ref = join(MODELS_DIR, 'tiny');
    await writeFile(
      routing,
      JSON.stringify({
        version: 1,
        models: { routed: ref, text: ref },
        routes: [{ query_lang: 'en', doc_lang: 'de', model: 'routed' }],
        multilingual: 'text',
        zero_shot: 'text',
        mixed_lists: { routed: 'text' },
      }),
    );
    const app = testApp(fixture.indexDir, { models: { routingUri: routing } });
    // Act
    const body = (await (await getJson(app, '/v1/models')).json()) as {
      variants: Array<{ id: string; roles: string[] }>;
      routing: { mixed_lists: Record<string, string> };
    };
    // Assess
    expect(body.routing.mixed_lists).toEqual({ routed: 'text' });
    expect(body.variants.find((v) => v.id === 'text')!.roles).toContain("routed's pairs in mixed lists");
  });
});
