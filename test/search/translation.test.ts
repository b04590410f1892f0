import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AnalysedLexicon,
  LexiconCatalog,
  MissingLexiconError,
  PivotTranslator,
  pruneTranslations,
} from '../../lib/search/index.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { lexicon } from './lexicon.js';

const en = (word: string) => getAnalyzer('en').analyze(word)[0]!;
const de = (word: string) => getAnalyzer('de').analyze(word)[0]!;

describe('AnalysedLexicon', () => {
  it('keys entries by analysed terms and pools the surface forms of one term', () => {
    // Prepare
    const lex = lexicon('en', 'de', [
      ['house', 'Haus', 1],
      ['houses', 'Häuser', 1],
      ['houses', 'Gebäude', 1],
    ]);
    // Act
    const table = AnalysedLexicon.fromLexicon(lex);
    const translations = table.translate(en('houses'));
    // Assess: "house" gives Haus 1; "houses" gives Häuser ½ (the same German stem) and Gebäude ½.
    expect(en('house')).toBe(en('houses'));
    expect(de('Häuser')).toBe(de('Haus'));
    expect(translations).toEqual([
      { term: de('Haus'), p: 0.75 },
      { term: de('Gebäude'), p: 0.25 },
    ]);
  });

  it('shares a phrase translation among its terms, drops stopword translations and phrase sources', () => {
    // Prepare
    const lex = lexicon('en', 'de', [
      ['telephone', 'Telefon', 1],
      ['telephone', 'Fernsprech Apparat', 1],
      ['telephone', 'der', 1],
      ['ice cream', 'Eis', 1],
    ]);
    // Act
    const table = AnalysedLexicon.fromLexicon(lex);
    // Assess: Telefon 1, Fernsprech ½, Apparat ½ (of 2; "der" is a stopword) → ½, ¼, ¼.
    const byTerm = Object.fromEntries(table.translate(en('telephone')).map((t) => [t.term, t.p]));
    expect(byTerm).toEqual({ [de('Telefon')]: 0.5, [de('Fernsprech')]: 0.25, [de('Apparat')]: 0.25 });
    expect(table.size).toBe(1);
  });
});

describe('PivotTranslator', () => {
  it('composes p(t|q) = Σ_e p(e|q)·p(t|e) through the pivot language', () => {
    // Prepare: generic analyzers ('la', 'yo', 'haw') keep every word as it is.
    const first = AnalysedLexicon.fromLexicon(
      lexicon('la', 'yo', [
        ['a', 'x', 3],
        ['a', 'y', 1],
      ]),
    );
    const second = AnalysedLexicon.fromLexicon(
      lexicon('yo', 'haw', [
        ['x', 'm', 1],
        ['x', 'n', 1],
        ['y', 'n', 1],
      ]),
    );
    // Act
    const pivot = new PivotTranslator(first, second);
    // Assess: m = .75·.5; n = .75·.5 + .25·1.
    expect(pivot.translate('a')).toEqual([
      { term: 'n', p: 0.625 },
      { term: 'm', p: 0.375 },
    ]);
    expect(pivot.translate('unknown')).toEqual([]);
    expect([pivot.srcLang, pivot.tgtLang]).toEqual(['la', 'haw']);
  });
});

describe('pruneTranslations', () => {
  const list = [
    { term: 'a', p: 0.5 },
    { term: 'b', p: 0.3 },
    { term: 'c', p: 0.15 },
    { term: 'd', p: 0.05 },
  ];

  it('stops once the kept translations reach the cumulative threshold, and renormalises', () => {
    // Act
    const kept = pruneTranslations(list, { cumulativeProbability: 0.8, maxTranslations: 10 });
    // Assess
    expect(kept.map((t) => t.term)).toEqual(['a', 'b']);
    expect(kept[0]!.p).toBeCloseTo(0.625, 12);
    expect(kept[1]!.p).toBeCloseTo(0.375, 12);
  });

  it('keeps at most maxTranslations', () => {
    // Act
    const kept = pruneTranslations(list, { cumulativeProbability: 1, maxTranslations: 3 });
    // Assess
    expect(kept.map((t) => t.term)).toEqual(['a', 'b', 'c']);
    expect(kept.reduce((s, t) => s + t.p, 0)).toBeCloseTo(1, 12);
  });
});

describe('LexiconCatalog', () => {
  const enDe = lexicon('en', 'de', [['dog', 'Hund', 1]]);
  const enRu = lexicon('en', 'ru', [['dog', 'собака', 1]]);

  it('uses a direction directly, inverts the reverse one, and pivots through English otherwise', async () => {
    // Prepare
    const catalog = LexiconCatalog.fromLexicons([enDe, enRu]);
    // Act
    const direct = await catalog.translator('en', 'de');
    const inverted = await catalog.translator('de', 'en');
    const pivoted = await catalog.translator('de', 'ru');
    // Assess
    expect(direct.translate(en('dog'))).toEqual([{ term: de('Hund'), p: 1 }]);
    expect(inverted.translate(de('Hund'))).toEqual([{ term: en('dog'), p: 1 }]);
    expect(pivoted.id).toBe('pivot(invert(en-de), en-ru)');
    expect(pivoted.translate(de('Hund'))).toEqual([{ term: getAnalyzer('ru').analyze('собака')[0], p: 1 }]);
  });

  it('names the files that would help when no lexicon covers a direction', async () => {
    // Prepare
    const catalog = LexiconCatalog.fromLexicons([enDe], 'lexicons/');
    // Act
    const attempt = catalog.translator('ar', 'ru');
    // Assess
    await expect(attempt).rejects.toThrow(MissingLexiconError);
    await expect(attempt).rejects.toThrow(
      'no lexicon for ar→ru in lexicons/: add ar-ru.tsv or ru-ar.tsv, or ar-en and en-ru to pivot through English',
    );
  });

  it('reads src-tgt[.source].tsv files from a folder and merges those of one direction', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const folder = join(dir, 'lexicons');
      await mkdir(folder);
      await writeFile(join(folder, 'en-de.xling.tsv'), 'dog\tHund\t1\n');
      await writeFile(join(folder, 'en-de.omw.tsv'), 'dog\tRüde\t1\n');
      await writeFile(join(folder, 'README'), 'not a lexicon\n');
      // Act
      const catalog = await LexiconCatalog.fromDirectory(folder);
      const translator = await catalog.translator('en', 'de');
      // Assess
      expect(catalog.directions).toEqual(['en-de']);
      expect(translator.translate(en('dog'))).toEqual([
        { term: de('Hund'), p: 0.5 },
        { term: de('Rüde'), p: 0.5 },
      ]);
    });
  });
});
