import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashApiKey, parseApiKeys } from '../../lib/api/index.js';
import { main } from '../../lib/cli/main.js';
import { withTempDir } from '../helpers/corpus.js';

let stdout: string[];

beforeEach(() => {
  stdout = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void stdout.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

/** The key line and the entry line of `xlir api-key create`'s output. */
function printed(): { key: string; entry: Record<string, unknown> } {
  const key = stdout.map((l) => l.trim()).find((l) => l.startsWith('xlir_'))!;
  const entry = JSON.parse(stdout.map((l) => l.trim()).find((l) => l.startsWith('{'))!) as Record<
    string,
    unknown
  >;
  return { key, entry };
}

describe('xlir api-key create', () => {
  it('prints a new key once and the entry holding only its SHA-256', async () => {
    // Act
    const code = await main(['api-key', 'create', '--id', 'acme', '--quota', '500', '--rate', '60']);
    // Assess
    const { key, entry } = printed();
    expect(code).toBe(0);
    expect(entry).toEqual({ id: 'acme', hash: hashApiKey(key), quota: 500, rate_per_minute: 60 });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it('makes a different key every time', async () => {
    // Act
    await main(['api-key', 'create', '--id', 'a']);
    const first = printed().key;
    stdout = [];
    await main(['api-key', 'create', '--id', 'a']);
    // Assess
    expect(printed().key).not.toBe(first);
  });

  it('appends entries to a keys file the server can read, refusing a duplicate id', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const file = join(dir, 'keys.json');
      // Act
      const one = await main(['api-key', 'create', '--id', 'one', '--keys-file', file]);
      const two = await main(['api-key', 'create', '--id', 'two', '--keys-file', file]);
      const again = await main(['api-key', 'create', '--id', 'one', '--keys-file', file]);
      // Assess
      const entries = parseApiKeys(await readFile(file, 'utf8'), file);
      expect([one, two, again]).toEqual([0, 0, 2]);
      expect(entries.map((e) => e.id)).toEqual(['one', 'two']);
    });
  });

  it('rejects an id the server would not accept', async () => {
    // Act
    const code = await main(['api-key', 'create', '--id', 'has space']);
    // Assess
    expect(code).toBe(2);
  });
});
