import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeDictdNumber, importFreedict, parseDictdEntry } from '../../lib/lexicon/node.js';
import { encodeDictdNumber } from './build-fixtures.js';
import { EN_DE, withTempFiles } from './helpers.js';

const encode = encodeDictdNumber;

const ENTRIES: ReadonlyArray<readonly [string, string]> = [
  ['00-database-info', '00-database-info\nA test dictionary.\n'],
  ['cat', 'cat /kæt/ <n>\n1. Katze <fem, n, sg>, Mieze\n2. Kater <masc, n, sg>\n   see: kitten\n'],
  ['house', 'house <n>\nHaus; Gebäude\n'],
  ['mute', 'mute /mjuːt/\n"an example, not a translation"\n'],
];

/** A .index and a gzipped .dict for ENTRIES, plus index lines that cannot be read. */
function buildDictd(extraIndexLines: readonly string[]): { index: string; dict: Buffer } {
  const parts: Buffer[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const [headword, text] of ENTRIES) {
    const bytes = Buffer.from(text, 'utf8');
    lines.push(`${headword}\t${encode(offset)}\t${encode(bytes.length)}`);
    parts.push(bytes);
    offset += bytes.length;
  }
  return { index: [...lines, ...extraIndexLines].join('\n') + '\n', dict: gzipSync(Buffer.concat(parts)) };
}

describe('dictd base64', () => {
  it('decodes most significant digit first', () => {
    expect([decodeDictdNumber('A'), decodeDictdNumber('BA'), decodeDictdNumber('//')]).toEqual([0, 64, 4095]);
    expect(decodeDictdNumber('a=')).toBeUndefined();
    expect(encode(4095)).toBe('//');
  });
});

describe('FreeDict importer', () => {
  it('parses numbered and unnumbered senses, weighting earlier senses higher', () => {
    expect(parseDictdEntry('cat /kæt/\n1. Katze, Mieze\n2. Kater')).toEqual([
      { tgt: 'Katze', rank: 1 },
      { tgt: 'Mieze', rank: 1 },
      { tgt: 'Kater', rank: 2 },
    ]);
  });

  it('reads entries through the index, skipping metadata and bad index lines', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const { index, dict } = buildDictd(['no tabs here', 'dog\t!!\tB', 'far\tzzzz\tB']);
      const indexPath = await write('freedict-eng-deu.index', index);
      const dictPath = await write('freedict-eng-deu.dict.dz', dict);
      // Act
      const { lexicon, skipped } = await importFreedict(indexPath, dictPath, EN_DE);
      // Assess: cat = Katze 1, Mieze 1, Kater 1/2 -> 0.4, 0.4, 0.2; mute has no translation
      expect(skipped).toBe(4);
      expect(lexicon.translations('cat')).toEqual([
        { tgt: 'Katze', p: 0.4 },
        { tgt: 'Mieze', p: 0.4 },
        { tgt: 'Kater', p: 0.2 },
      ]);
      expect(lexicon.translations('house')).toEqual([
        { tgt: 'Gebäude', p: 0.5 },
        { tgt: 'Haus', p: 0.5 },
      ]);
      expect(lexicon.has('00-database-info')).toBe(false);
    });
  });

  it('fails clearly when the index yields nothing', async () => {
    await withTempFiles(async (write) => {
      const indexPath = await write('x.index', '00-database-info\tA\tB\nnonsense\n');
      const dictPath = await write('x.dict.dz', gzipSync('00-database-info\n'));
      await expect(importFreedict(indexPath, dictPath, EN_DE)).rejects.toThrow(
        `no entries read from ${indexPath}: is it a dictd .index`,
      );
    });
  });
});
