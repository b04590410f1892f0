/**
 * Compounds through their parts: a word the lexicon lacks, that the index does not hold and that
 * names no index term, is split into the fewest parts the lexicon knows and searched as their
 * translations; words of non-compounding languages in letters are never split.
 */
import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import {
  AnalysedLexicon,
  CrossLingualSearcher,
  LexiconCatalog,
  Searcher,
  DECOMPOUND_MAX_PARTS,
  NameMatcher,
  decompose,
  translateQuery,
} from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { lexicon, termIn } from './lexicon.js';

const de = termIn('de');
const en = termIn('en');

describe('decompose', () => {
  const deEn = AnalysedLexicon.fromLexicon(
    lexicon('de', 'en', [
      ['Amazonas', 'Amazon', 1],
      ['Wald', 'forest', 1],
      ['Arbeit', 'work', 1],
      ['Markt', 'market', 1],
      ['Regen', 'rain', 1],
    ]),
  );

  it('splits a German compound into the parts the lexicon knows, across a linking s', () => {
    // Act / Assess
    expect(decompose('Regenwald', deEn)).toEqual([de('Regen'), de('Wald')]);
    expect(decompose('Arbeitsmarkt', deEn)).toEqual([de('Arbeit'), de('Markt')]);
  });

  it('leaves a word whole where its parts are unknown, too short or too many', () => {
    // Act / Assess
    expect(decompose('Regenschirm', deEn)).toBeUndefined(); // "Schirm" is not in the lexicon
    expect(DECOMPOUND_MAX_PARTS).toBe(2);
    expect(decompose('Regenwaldmarkt', deEn)).toBeUndefined(); // three parts
    expect(decompose('Regen', deEn)).toBeUndefined(); // one part is no compound
  });

  it('splits Chinese words into characters, and no word of a non-compounding language in letters', () => {
    // Prepare
    const zhEn = AnalysedLexicon.fromLexicon(
      lexicon('zh', 'en', [
        ['雨', 'rain', 1],
        ['林', 'forest', 1],
      ]),
    );
    const ruEn = AnalysedLexicon.fromLexicon(
      lexicon('ru', 'en', [
        ['лют', 'fierce', 1],
        ['ра', 'ra', 1],
      ]),
    );
    // Act / Assess
    expect(decompose('雨林', zhEn)).toEqual(['雨', '林']);
    expect(decompose('Лютера', ruEn)).toBeUndefined();
  });
});

describe('translateQuery with compounds', () => {
  const deEn = AnalysedLexicon.fromLexicon(
    lexicon('de', 'en', [
      ['Regen', 'rain', 1],
      ['Wald', 'forest', 3],
      ['Wald', 'wood', 1],
    ]),
  );

  it('searches an untranslated compound as its parts’ translations, the word shared among them', () => {
    // Prepare: the English index holds neither "regenwald" nor a name like it.
    const matcher = NameMatcher.fromTerms([en('rain'), en('forest'), en('wood')]);
    // Act
    const { groups, compounds, untranslated } = translateQuery('Regenwald', deEn, {
      sourceTerms: false,
      names: matcher,
    });
    // Assess: rain ½; forest ½·¾, wood ½·¼.
    expect(untranslated).toEqual([de('Regenwald')]);
    expect(compounds).toEqual([{ word: 'Regenwald', parts: [de('Regen'), de('Wald')] }]);
    expect(groups).toEqual([
      {
        weight: 1,
        terms: [
          { term: en('rain'), weight: 0.5 },
          { term: en('forest'), weight: 0.375 },
          { term: en('wood'), weight: 0.125 },
        ],
      },
    ]);
  });

  it('passes the word through where the index holds it, or where no vocabulary says it does not', () => {
    // Prepare
    const holding = NameMatcher.fromTerms([en('Regenwald')]);
    // Act
    const held = translateQuery('Regenwald', deEn, { sourceTerms: false, names: holding });
    const unknown = translateQuery('Regenwald', deEn, { sourceTerms: false });
    // Assess
    for (const result of [held, unknown]) {
      expect(result.compounds).toEqual([]);
      expect(result.groups).toEqual([{ weight: 1, terms: [{ term: en('Regenwald'), weight: 1 }] }]);
    }
  });
});

describe('CrossLingualSearcher with compounds', () => {
  it('finds the English passage for a German compound no lexicon lists, and reports the split', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(
        asRecords([
          { id: 'forest', lang: 'en', text: 'The rain falls on the forest every day.' },
          { id: 'desert', lang: 'en', text: 'The desert stays dry all year.' },
        ]),
        store,
      );
      const searcher = new Searcher(await IndexReader.open(store));
      const catalog = LexiconCatalog.fromLexicons([
        lexicon('de', 'en', [
          ['Regen', 'rain', 1],
          ['Wald', 'forest', 1],
          ['Wüste', 'desert', 1],
        ]),
      ]);
      // Act
      const result = await new CrossLingualSearcher(searcher, catalog).search('Regenwald', {
        queryLang: 'de',
        docLangs: ['en'],
      });
      // Assess
      expect(result.hits.map((h) => h.docId)).toEqual(['forest']);
      expect(result.languages[0]!.compounds).toEqual([
        { word: 'Regenwald', parts: [de('Regen'), de('Wald')] },
      ]);
    });
  });
});
