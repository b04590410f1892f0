import { describe, expect, it } from 'vitest';
import { cleanTitle, importWikititles } from '../../lib/lexicon/node.js';
import { EN_DE, fixture, withTempFiles } from './helpers.js';

describe('cleanTitle', () => {
  it('drops namespaces and disambiguators and turns underscores into spaces', () => {
    expect(cleanTitle('Mercury_(planet)')).toBe('Mercury');
    expect(cleanTitle('Kategorie:Merkur (Planet)')).toBe('Merkur');
    expect(cleanTitle('Wikipedia_talk:About')).toBe('About');
    expect(cleanTitle('Star Wars: A New Hope')).toBe('Star Wars: A New Hope');
    expect(cleanTitle('(disambiguation)')).toBe('');
  });
});

describe('wikititles importer', () => {
  it('cleans both sides and keys phrase entries on the cleaned source', async () => {
    // Act
    const { lexicon, skipped } = await importWikititles(fixture('wikititles-en-de.txt'), EN_DE);
    // Assess
    expect(skipped).toBe(2);
    expect(lexicon.translations('mercury')).toEqual([
      { tgt: 'Merkur', p: 0.5 },
      { tgt: 'Quecksilber', p: 0.5 },
    ]);
    expect(lexicon.top('rivers')?.tgt).toBe('Fluss');
    expect(lexicon.longestMatch(['in', 'new', 'york', 'city'], 1)?.entry.translations[0]?.tgt).toBe(
      'New York City',
    );
    expect(lexicon.has('star wars: a new hope')).toBe(true);
  });

  it('rejects a file without title pairs', async () => {
    await withTempFiles(async (write) => {
      const path = await write('titles.txt', 'just one column\n');
      await expect(importWikititles(path, EN_DE)).rejects.toThrow(/no entries read from .*wikititles/);
    });
  });
});
