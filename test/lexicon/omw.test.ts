import { describe, expect, it } from 'vitest';
import { LexiconError } from '../../lib/lexicon/index.js';
import { importOmw } from '../../lib/lexicon/node.js';
import { EN_DE, fixture, withTempFiles } from './helpers.js';

describe('OMW Wiktionary importer', () => {
  it('scores pairs by shared synsets and normalises per source', async () => {
    // Act
    const { lexicon, skipped } = await importOmw(fixture('omw-eng.tab'), fixture('omw-deu.tab'), EN_DE);
    // Assess: bank shares synset 1 with Bank, 2 and 3 with Ufer (counted once), 3 with Gestade
    expect(skipped).toBe(2);
    expect(lexicon.translations('bank')).toEqual([
      { tgt: 'Ufer', p: 0.5 },
      { tgt: 'Bank', p: 0.25 },
      { tgt: 'Gestade', p: 0.25 },
    ]);
    expect(lexicon.translations('shore')).toEqual([{ tgt: 'Ufer', p: 1 }]);
    expect(lexicon.has('moon')).toBe(false);
  });

  it('refuses files of the wrong language', async () => {
    await expect(importOmw(fixture('omw-deu.tab'), fixture('omw-eng.tab'), EN_DE)).rejects.toThrow(
      /"deu:lemma" rows are not in the source language 'en'/,
    );
  });

  it('says when a file holds no lemmas or the two share no synset', async () => {
    await withTempFiles(async (write) => {
      const junk = await write('junk.tab', '# header only\nhello world\n');
      const lonely = await write('lonely.tab', '00000042-n\tdeu:lemma\tallein\n');
      await expect(importOmw(junk, fixture('omw-deu.tab'), EN_DE)).rejects.toThrow(
        `no entries read from ${junk}: is it an OMW wordnet .tab`,
      );
      await expect(importOmw(fixture('omw-eng.tab'), lonely, EN_DE)).rejects.toBeInstanceOf(LexiconError);
    });
  });
});
