/**
 * Index and model names are data, never property names: a request naming "__proto__",
 * "constructor" or "toString" must get the 404 of any unknown name, not find Object.prototype's
 * members (which gave 5xx: any key holder could trip the 5xx alarm). Names an operator chose are
 * looked up as they are, whatever they are.
 */
import { describe, expect, it } from 'vitest';
import { MemoryUsageSink, parseIndexes } from '../../lib/api/index.js';
import { type ErrorJson, postJson, testApp, useFixtureIndex } from './helpers.js';

/** Members every plain object inherits, and the one JSON.parse and assignment treat specially. */
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

const fixture = useFixtureIndex();

async function expectNotFound(response: Response, name: string): Promise<void> {
  const body = (await response.json()) as ErrorJson;
  expect({ status: response.status, type: body.error?.type }, name).toEqual({
    status: 404,
    type: 'not_found',
  });
  expect(body.error.message).toContain(`"${name}"`);
}

describe('prototype names in requests', () => {
  it.each(PROTOTYPE_NAMES)('POST /v1/search with index %s is 404', async (name) => {
    const app = testApp(fixture.indexDir);
    await expectNotFound(await postJson(app, '/v1/search', { query: 'tea', index: name }), name);
  });

  it.each(PROTOTYPE_NAMES)('POST /v1/search reranking with model %s is 404', async (name) => {
    const app = testApp(fixture.indexDir);
    const response = await postJson(app, '/v1/search', {
      query: 'tea',
      query_lang: 'en',
      rerank: { depth: 5, model: name },
    });
    await expectNotFound(response, name);
  });

  it.each(PROTOTYPE_NAMES)('POST /v1/rerank with model %s is 404', async (name) => {
    const app = testApp(fixture.indexDir);
    const response = await postJson(app, '/v1/rerank', {
      model: name,
      query: 'tea',
      documents: ['green tea'],
    });
    await expectNotFound(response, name);
  });

  it('records every such request as a 404, never a 5xx', async () => {
    // Prepare
    const usage = new MemoryUsageSink();
    const app = testApp(fixture.indexDir, { usage });
    // Act
    for (const name of PROTOTYPE_NAMES) {
      await postJson(app, '/v1/search', { query: 'tea', index: name });
      await postJson(app, '/v1/search', {
        query: 'tea',
        query_lang: 'en',
        rerank: { depth: 5, model: name },
      });
      await postJson(app, '/v1/rerank', { model: name, query: 'tea', documents: ['green tea'] });
    }
    // Assess
    expect(usage.records).toHaveLength(PROTOTYPE_NAMES.length * 3);
    expect(new Set(usage.records.map((r) => r.status))).toEqual(new Set([404]));
  });
});

describe('prototype names an operator chose', () => {
  it('serves an index configured under such a name, and only that one', async () => {
    // Prepare
    const app = testApp(fixture.indexDir, {
      indexes: Object.fromEntries([
        ['constructor', fixture.indexDir],
        ['__proto__', fixture.indexDir],
      ]),
      defaultIndex: 'constructor',
    });
    // Act
    const named = await postJson(app, '/v1/search', { query: 'tea', query_lang: 'en', index: '__proto__' });
    const byDefault = await postJson(app, '/v1/search', { query: 'tea', query_lang: 'en' });
    const other = await postJson(app, '/v1/search', { query: 'tea', index: 'toString' });
    // Assess
    expect([named.status, byDefault.status]).toEqual([200, 200]);
    expect(((await named.json()) as { meta: { index: { name: string } } }).meta.index.name).toBe('__proto__');
    await expectNotFound(other, 'toString');
  });

  it('reads XLIR_INDEXES names as data, "__proto__" included', () => {
    // Act
    const listed = parseIndexes('__proto__=/data/a,constructor=/data/b');
    const json = parseIndexes('{"__proto__": "/data/a", "toString": "/data/b"}');
    // Assess
    expect(Object.entries(listed)).toEqual([
      ['__proto__', '/data/a'],
      ['constructor', '/data/b'],
    ]);
    expect(Object.entries(json)).toEqual([
      ['__proto__', '/data/a'],
      ['toString', '/data/b'],
    ]);
    expect(Object.getPrototypeOf(listed)).toBe(Object.prototype);
  });
});
