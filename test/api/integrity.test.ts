/**
 * Integrity end to end: a damaged index manifest.json or lexicons.json reaches the client as the
 * 503 a corrupt shard gets, saying what is wrong and never where the server keeps it; a damaged
 * manifest.json published under a running server leaves the last whole build in service.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp, AppDeps } from '../../lib/api/index.js';
import { MANIFEST_KEY } from '../../lib/index/index.js';
import { fromTsv, PACK_MANIFEST_KEY } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { buildFixtureIndex, type ErrorJson, memoryLog, postJson, tempDir, testApp } from './helpers.js';

type Json = Record<string, unknown>;

let dir: { dir: string; remove: () => Promise<void> };
let fresh = 0;

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

/** No models: these tests never rerank. */
const NO_MODELS: Partial<AppDeps> = { models: { unavailable: 'not needed here' } };

/** A folder of its own under the test's temporary folder. */
function freshDir(name: string): string {
  return join(dir.dir, `${name}-${++fresh}`);
}

async function editJson(path: string, edit: (json: Json) => Json): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Json;
  await writeFile(path, JSON.stringify(edit(json), null, 2));
}

/** Builds an index, damages its manifest.json with `edit`, and searches it through the API. */
async function searchDamagedIndex(
  edit: (manifest: Json) => Json,
): Promise<{ response: Response; where: string }> {
  const where = await buildFixtureIndex(freshDir('index'));
  await editJson(join(where, MANIFEST_KEY), edit);
  const app = testApp(where, NO_MODELS);
  return { response: await postJson(app, '/v1/search', { query: 'tea', query_lang: 'en' }), where };
}

async function expectUnavailable(response: Response, where: string, mentions: RegExp): Promise<string> {
  const body = (await response.json()) as ErrorJson;
  expect(response.status).toBe(503);
  expect(body.error.type).toBe('unavailable');
  expect(body.error.message).toMatch(mentions);
  expect(body.error.message).not.toContain(where);
  expect(body.error.message).not.toContain(dir.dir);
  return body.error.message;
}

describe('a damaged index manifest through the API', () => {
  it('answers 503 for one flipped digit, naming the manifest and not the store', async () => {
    const { response, where } = await searchDamagedIndex((m) => ({
      ...m,
      totalTerms: (m.totalTerms as number) + 1,
    }));
    const message = await expectUnavailable(
      response,
      where,
      /manifest\.json is corrupt: .*fails its checksum/,
    );
    expect(message).toBe(
      'index fixture is unavailable: index object manifest.json is corrupt: the manifest fails its checksum: it was damaged or edited after it was published',
    );
  });

  it('answers 503 for a removed shard entry rather than searching the other shards', async () => {
    const { response, where } = await searchDamagedIndex((m) => ({
      ...m,
      shards: (m.shards as unknown[]).slice(1),
    }));
    await expectUnavailable(response, where, /manifest\.json is corrupt/);
  });

  it('answers 503 for a manifest without a checksum', async () => {
    const { response, where } = await searchDamagedIndex(({ checksum: _checksum, ...rest }) => rest);
    await expectUnavailable(response, where, /manifest\.json is corrupt: the manifest has no checksum/);
  });

  it('answers 503 for a manifest of another version, saying to rebuild, without the path', async () => {
    const { response, where } = await searchDamagedIndex((m) => ({ ...m, version: 1 }));
    await expectUnavailable(response, where, /index format version 1; this xlir reads version 4\. Rebuild/);
  });

  it('lists the damaged index as unavailable in /v1/indexes, with the reason and no path', async () => {
    // Prepare
    const where = await buildFixtureIndex(freshDir('index'));
    await editJson(join(where, MANIFEST_KEY), (m) => ({ ...m, docCount: (m.docCount as number) * 10 }));
    const app = testApp(where, NO_MODELS);
    // Act
    const response = await app.request('/v1/indexes', {
      headers: { authorization: 'Bearer xlir_test-good-key' },
    });
    // Assess
    const body = (await response.json()) as { indexes: Array<{ available: boolean; reason: string }> };
    expect(response.status).toBe(200);
    expect(body.indexes[0]!.available).toBe(false);
    expect(body.indexes[0]!.reason).toMatch(/manifest\.json is corrupt/);
    expect(body.indexes[0]!.reason).not.toContain(where);
  });

  it('keeps serving the build it has when manifest.json is damaged under it, and logs why', async () => {
    // Prepare
    const where = await buildFixtureIndex(freshDir('index'));
    const log = memoryLog();
    const app: ApiApp = testApp(where, { ...NO_MODELS, indexRefreshMs: 0, log });
    const search = () => postJson(app, '/v1/search', { query: 'tea', query_lang: 'en' });
    const before = (await (await search()).json()) as { meta: { index: { build_id: string } } };
    // Act
    await editJson(join(where, MANIFEST_KEY), (m) => ({ ...m, buildId: `${m.buildId as string}x` }));
    const after = await search();
    // Assess
    expect(after.status).toBe(200);
    expect(((await after.json()) as typeof before).meta.index.build_id).toBe(before.meta.index.build_id);
    // The check runs in the background of the request that started it.
    await expect
      .poll(() =>
        log.lines.some(
          (l) =>
            l.level === 'warn' &&
            /could not check for a new build: .*manifest\.json is corrupt/.test(l.message),
        ),
      )
      .toBe(true);
    const later = await search();
    expect(((await later.json()) as typeof before).meta.index.build_id).toBe(before.meta.index.build_id);
  });
});

describe('a damaged lexicon pack manifest through the API', () => {
  /** A pack of en-de, its lexicons.json changed by `edit`, and a search that needs it. */
  async function searchWithDamagedPack(
    edit: (manifest: Json) => Json,
  ): Promise<{ response: Response; where: string }> {
    const indexDir = await buildFixtureIndex(freshDir('index'));
    const packDir = freshDir('pack');
    const lexicon = fromTsv('telephone\tTelefon\t0.9\n', { srcLang: 'en', tgtLang: 'de', id: 'en-de.tsv' });
    await writeLexiconPack(new FileStore(packDir), [{ lexicon }]);
    await editJson(join(packDir, PACK_MANIFEST_KEY), edit);
    const app = testApp(indexDir, { ...NO_MODELS, lexiconsDir: packDir });
    const response = await postJson(app, '/v1/search', {
      query: 'telephone',
      query_lang: 'en',
      doc_langs: ['de'],
    });
    return { response, where: packDir };
  }

  it('answers 503 for one flipped digit in lexicons.json', async () => {
    const { response, where } = await searchWithDamagedPack((m) => ({
      ...m,
      directions: (m.directions as Json[]).map((d) => ({ ...d, pairs: (d.pairs as number) + 1 })),
    }));
    await expectUnavailable(response, where, /^lexicon pack: lexicons\.json fails its checksum/);
  });

  it('answers 503 for a removed direction entry', async () => {
    const { response, where } = await searchWithDamagedPack((m) => ({ ...m, directions: [] }));
    await expectUnavailable(response, where, /^lexicon pack: lexicons\.json fails its checksum/);
  });

  it('answers 503 for a lexicons.json without a checksum', async () => {
    const { response, where } = await searchWithDamagedPack(({ checksum: _checksum, ...rest }) => rest);
    await expectUnavailable(response, where, /^lexicon pack: lexicons\.json has no checksum/);
  });
});
