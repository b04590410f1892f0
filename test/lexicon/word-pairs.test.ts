import { describe, expect, it } from 'vitest';
import { LexiconError } from '../../lib/lexicon/index.js';
import { importMuse, importXling } from '../../lib/lexicon/node.js';
import { EN_DE, fixture, withTempFiles } from './helpers.js';

describe('MUSE importer', () => {
  it('reads space- or tab-separated pairs with equal weights per source', async () => {
    // Act
    const { lexicon, skipped } = await importMuse(fixture('muse-en-de.txt'), EN_DE);
    // Assess
    expect(skipped).toBe(2);
    expect(lexicon.translations('the').map((t) => t.p)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(lexicon.translations('house')).toEqual([{ tgt: 'Haus', p: 1 }]);
    expect(lexicon.id).toBe(`muse:${fixture('muse-en-de.txt')}`);
  });

  it('says which format it expected when nothing could be read', async () => {
    await withTempFiles(async (write) => {
      const path = await write('empty.txt', 'one-word-lines\nonly\n');
      const result = importMuse(path, EN_DE);
      await expect(result).rejects.toBeInstanceOf(LexiconError);
      await expect(importMuse(path, EN_DE)).rejects.toThrow(
        `no entries read from ${path}: is it a MUSE dictionary ("src tgt" per line) file? (2 line(s) skipped)`,
      );
    });
  });
});

describe('xling/yacle importer', () => {
  it('reads tab-separated pairs and skips other lines', async () => {
    // Act
    const { lexicon, skipped } = await importXling(fixture('xling-en-de.tsv'), EN_DE);
    // Assess
    expect(skipped).toBe(2);
    expect(lexicon.translations('cat')).toEqual([
      { tgt: 'Kater', p: 0.5 },
      { tgt: 'Katze', p: 0.5 },
    ]);
    expect(lexicon.has('bank')).toBe(false);
  });

  it('rejects a space-separated file', async () => {
    await withTempFiles(async (write) => {
      const path = await write('spaces.txt', 'dog Hund\ncat Katze\n');
      await expect(importXling(path, EN_DE)).rejects.toThrow(
        /no entries read from .*: is it a xling\/yacle TSV .* file\? \(2 line\(s\) skipped\)/,
      );
    });
  });
});
