/** Ding (dict-de-en) entries: translations on indented lines, labels, placeholders and "to" dropped. */
import { describe, expect, it } from 'vitest';
import { importDing, parseDingEntry } from '../../lib/lexicon/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { writeDictd } from './build-fixtures.js';

describe('parseDingEntry', () => {
  it('reads the indented translation lines, not the headword or its annotation line', () => {
    const entry = 'Aal\n {m} (auf der Speisekarte) [cook.]\n   Eel (on a menu); eel {n}\n';
    expect(parseDingEntry(entry)).toEqual(['Eel (on a menu)', 'eel']);
  });

  it('drops the infinitive "to" and object placeholders of both languages', () => {
    expect(parseDingEntry('aufgeben\n\n   to concede sth. (to); to give up\n')).toEqual([
      'concede (to)',
      'give up',
    ]);
    expect(parseDingEntry('abandon\n\n   jdn. im Stich lassen | etw. aufgeben {vt}\n')).toEqual([
      'im Stich lassen',
      'aufgeben',
    ]);
  });

  it('keeps "to" inside a phrase and returns nothing for an entry without translations', () => {
    expect(parseDingEntry('zu\n\n   next to\n')).toEqual(['next to']);
    expect(parseDingEntry('leer\n {adj}\n')).toEqual([]);
  });
});

describe('importDing', () => {
  it('adds every entry of a headword, the i-th translation of an entry scoring 1/i', async () => {
    await withTempDir(async (dir) => {
      await writeDictd(dir, 'german-english', [
        ['00-database-info', '00-database-info\nDing\n'],
        ['Haus', 'Haus\n {n}\n   house; home\n'],
        ['Haus', 'Haus\n {n} [pol.]\n   house\n'],
      ]);
      const { lexicon } = await importDing(`${dir}/german-english.index`, `${dir}/german-english.dict.dz`, {
        srcLang: 'de',
        tgtLang: 'en',
      });
      expect(lexicon.size).toBe(1);
      // house: 1 + 1, home: 1/2.
      expect(lexicon.translations('Haus')).toEqual([
        { tgt: 'house', p: 2 / 2.5 },
        { tgt: 'home', p: 0.5 / 2.5 },
      ]);
    });
  });
});
