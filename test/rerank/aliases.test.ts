/** routing.json's aliases: other APIs' model names mapped to a variant or to "auto", checked at load. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRoutingTable, resolveModelName, RoutingError } from '../../lib/rerank/index.js';

const BASE = {
  version: 1,
  models: { ml: 'ml', zs: 'zs' },
  multilingual: 'ml',
  zero_shot: 'zs',
};

const parse = (aliases: unknown) => parseRoutingTable(JSON.stringify({ ...BASE, aliases }), 'routing.json');

describe('model aliases', () => {
  it('map a vendor’s names to a variant or to "auto"; ids and "auto" mean themselves', () => {
    // Prepare
    const table = parse({ 'rerank-v3.5': 'ml', 'BAAI/bge-reranker-v2-m3': 'auto' });
    // Act
    const names = ['rerank-v3.5', 'BAAI/bge-reranker-v2-m3', 'zs', 'auto', undefined];
    const resolved = names.map((name) => resolveModelName(table, name));
    // Assess
    expect(resolved).toEqual(['ml', 'auto', 'zs', 'auto', 'auto']);
  });

  it('know nothing of other names, prototype names included', () => {
    // Prepare
    const table = parse({ 'rerank-v3.5': 'ml' });
    // Act
    const unknown = ['rerank-v3.0', 'RERANK-V3.5', 'constructor', '__proto__', 'toString', 'hasOwnProperty'];
    // Assess
    for (const name of unknown) expect(resolveModelName(table, name)).toBeUndefined();
  });

  it('are optional', () => {
    // Act
    const table = parseRoutingTable(JSON.stringify(BASE), 'routing.json');
    // Assess
    expect(table.aliases).toEqual({});
    expect(resolveModelName(table, 'rerank-v3.5')).toBeUndefined();
  });

  it.each([
    ['an array', ['ml'], /aliases must be an object/],
    ['an unknown target', { 'rerank-v3.5': 'nope' }, /aliases\.rerank-v3\.5 names "nope"/],
    ['a prototype name as target', { 'rerank-v3.5': 'constructor' }, /names "constructor"/],
    ['a number as target', { 'rerank-v3.5': 3 }, /names 3/],
    ['a name that shadows a model', { zs: 'ml' }, /would shadow the model "zs"/],
    ['a name that shadows auto', { auto: 'ml' }, /would shadow the model "auto"/],
    ['an empty name', { '': 'ml' }, /alias "" must be/],
    ['a name with spaces', { 'rerank v3': 'ml' }, /alias "rerank v3" must be/],
  ])('refuse %s, saying why', (_name, aliases, message) => {
    // Act
    const parsing = () => parse(aliases);
    // Assess
    expect(parsing).toThrow(RoutingError);
    expect(parsing).toThrow(message);
  });

  it('in the shipped routing.json name variants that exist', async () => {
    // Prepare
    const path = fileURLToPath(new URL('../../models/routing.json', import.meta.url));
    // Act
    const table = parseRoutingTable(await readFile(path, 'utf8'), path);
    // Assess
    expect(resolveModelName(table, 'rerank-v3.5')).toBe('ml-cs-fs');
    expect(resolveModelName(table, 'rerank-multilingual-v3.0')).toBe('ml-cs-fs');
    expect(resolveModelName(table, 'rerank-english-v3.0')).toBe('zero-shot');
  });
});
