import { describe, expect, it } from 'vitest';
import {
  modelRoles,
  parseRoutingTable,
  resolveRoute,
  RoutingError,
  type LanguagesOf,
} from '../../lib/rerank/index.js';

const TABLE = {
  version: 1,
  models: {
    'bl-cs-en-de': 'en-de',
    'bl-cs-en-ar': 'en-ar',
    'any-to-ar': 'x-ar',
    'en-to-any': 'en-x',
    mono: 'mono',
    ml: 'ml',
    zs: 'zs',
  },
  routes: [
    { query_lang: 'en', doc_lang: 'de', model: 'bl-cs-en-de' },
    { query_lang: 'en', doc_lang: 'ar', model: 'bl-cs-en-ar' },
    { query_lang: '*', doc_lang: 'ar', model: 'any-to-ar' },
    { query_lang: 'en', doc_lang: '*', model: 'en-to-any' },
  ],
  monolingual: 'mono',
  multilingual: 'ml',
  zero_shot: 'zs',
};

const parse = (json: unknown) => parseRoutingTable(JSON.stringify(json), 'routing.json');
const trained: Record<string, string[]> = { ml: ['en', 'de', 'es', 'zh'], mono: ['en', 'de'] };
const languagesOf: LanguagesOf = (id) => trained[id];

describe('routing (query language, document language) to a variant', () => {
  const table = parse(TABLE);

  it.each([
    ['en', 'de', 'bl-cs-en-de', 'exact'],
    ['en', 'ar', 'bl-cs-en-ar', 'exact'],
    ['de', 'de', 'mono', 'monolingual'],
    ['es', 'es', 'ml', 'multilingual'],
    ['de', 'ar', 'any-to-ar', 'wildcard'],
    ['en', 'ru', 'en-to-any', 'wildcard'],
    ['de', 'es', 'ml', 'multilingual'],
    ['de', 'ru', 'zs', 'zero-shot'],
    ['EN', 'zh-Hant', 'en-to-any', 'wildcard'],
    ['zh-CN', 'de-AT', 'ml', 'multilingual'],
  ])('routes %s→%s to %s (%s)', (q, d, model, rule) => {
    // Act
    const route = resolveRoute(table, q, d, languagesOf);
    // Assess
    expect(route).toMatchObject({ model, rule });
    expect(route.reason.length).toBeGreaterThan(0);
  });

  it('says which languages sent a pair to zero-shot', () => {
    // Act
    const route = resolveRoute(table, 'de', 'ru', languagesOf);
    // Assess
    expect(route.reason).toMatch(/not trained on ru/);
  });

  it('sends everything without a route to the multilingual variant when it declares no languages', () => {
    // Act
    const route = resolveRoute(table, 'fi', 'sw', () => undefined);
    // Assess
    expect(route.rule).toBe('multilingual');
  });

  it('takes the first wildcard route in file order when both sides could match', () => {
    // Prepare
    const reordered = parse({ ...TABLE, routes: [TABLE.routes[3], TABLE.routes[2]] });
    // Act
    const route = resolveRoute(reordered, 'en', 'ar', languagesOf);
    // Assess
    expect(route.model).toBe('en-to-any');
  });

  it('skips the monolingual variant for a language it was not trained on', () => {
    // Act
    const route = resolveRoute(table, 'ru', 'ru', languagesOf);
    // Assess
    expect(route.rule).toBe('zero-shot');
  });
});

describe('routing.json validation', () => {
  it.each([
    [{ ...TABLE, version: 2 }, /version must be 1/],
    [{ ...TABLE, zero_shot: 'nope' }, /zero_shot names "nope", which is not in models/],
    [{ ...TABLE, multilingual: undefined }, /multilingual names undefined/],
    [{ ...TABLE, zeroshot: 'zs' }, /unknown key\(s\) zeroshot/],
    [{ ...TABLE, models: {} }, /models must be a non-empty object/],
    [{ ...TABLE, routes: [{ query_lang: '*', doc_lang: '*', model: 'ml' }] }, /"\*" on both sides/],
    [{ ...TABLE, routes: [TABLE.routes[0], TABLE.routes[0]] }, /a second route for en→de/],
    [{ ...TABLE, routes: [{ query_lang: 'e n', doc_lang: 'de', model: 'ml' }] }, /routes\[0\]\.query_lang/],
    [{ ...TABLE, routes: [{ query_lang: 'en', doc_lang: 'de', model: 'ml', weight: 1 }] }, /unknown key/],
    [{ ...TABLE, mixed_lists: ['ml'] }, /mixed_lists must be an object of model id -> model id/],
    [{ ...TABLE, mixed_lists: { nope: 'ml' } }, /mixed_lists.nope: "nope" is not in models/],
    [{ ...TABLE, mixed_lists: { mono: 'none' } }, /mixed_lists.mono names "none", which is not in models/],
    [{ ...TABLE, mixed_lists: { mono: 'mono' } }, /mixed_lists.mono names the model itself/],
    [
      { ...TABLE, mixed_lists: { mono: 'ml', ml: 'zs' } },
      /mixed_lists.mono names ml, which mixed_lists replaces/,
    ],
  ])('rejects %j', (json, message) => {
    // Act / Assess
    expect(() => parse(json)).toThrow(RoutingError);
    expect(() => parse(json)).toThrow(message);
  });

  it('reads mixed_lists as model id -> model id, empty when absent, and names the role', () => {
    // Act
    const table = parse({ ...TABLE, mixed_lists: { 'bl-cs-en-de': 'ml' } });
    // Assess
    expect({ ...table.mixedLists }).toEqual({ 'bl-cs-en-de': 'ml' });
    expect({ ...parse(TABLE).mixedLists }).toEqual({});
    expect(modelRoles(table, 'ml')).toEqual(['multilingual', "bl-cs-en-de's pairs in mixed lists"]);
  });

  it('rejects text that is not JSON', () => {
    // Act / Assess
    expect(() => parseRoutingTable('{', 'models/routing.json')).toThrow(
      /models\/routing.json: not valid JSON/,
    );
  });
});
