import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AnalysedLexicon,
  LEXICON_EVIDENCE_WEIGHTS,
  LexiconCatalog,
  MAX_SOURCE_PHRASE_TERMS,
  MissingLexiconError,
  MixtureTranslator,
  NULL_TRANSLATION,
  PHRASE_TERM_SEPARATOR,
  PHRASE_TRANSLATION,
  PivotTranslator,
  pruneTranslations,
} from '../../lib/search/index.js';
import { catalogFromDirectory } from '../../lib/search/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { lexicon, termIn } from './lexicon.js';

const en = termIn('en');
const de = termIn('de');

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

  it("keeps a phrase translation as one conjunction of its terms ('conjunction'), with its full probability", () => {
    // Prepare
    const lex = lexicon('en', 'de', [
      ['telephone', 'Telefon', 1],
      ['telephone', 'Fernsprech Apparat Apparat', 1],
    ]);
    // Act
    const table = AnalysedLexicon.fromLexicon(lex, { phraseTranslation: 'conjunction' });
    // Assess: the repeated term appears once in the conjunction.
    const conjunction = `${de('Fernsprech')}${PHRASE_TERM_SEPARATOR}${de('Apparat')}`;
    expect(table.translate(en('telephone'))).toEqual([
      { term: conjunction, p: 0.5 },
      { term: de('Telefon'), p: 0.5 },
    ]);
  });

  it('shares a phrase translation among its terms (the default), drops stopword translations, keys phrase sources', () => {
    // Prepare
    const lex = lexicon('en', 'de', [
      ['telephone', 'Telefon', 1],
      ['telephone', 'Fernsprech Apparat', 1],
      ['telephone', 'der', 1],
      ['ice cream', 'Eis', 1],
    ]);
    // Act
    expect(PHRASE_TRANSLATION).toBe('terms');
    const table = AnalysedLexicon.fromLexicon(lex);
    // Assess: Telefon 1, Fernsprech ½, Apparat ½, and "der" (a stopword) 1 to the NULL
    // translation, of 3 → ⅓, ⅙, ⅙, ⅓.
    const byTerm = new Map(table.translate(en('telephone')).map((t) => [t.term, t.p]));
    const expected = new Map([
      [de('Telefon'), 1 / 3],
      [de('Fernsprech'), 1 / 6],
      [de('Apparat'), 1 / 6],
      [NULL_TRANSLATION, 1 / 3],
    ]);
    expect([...byTerm.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [term, p] of expected) expect(byTerm.get(term)).toBeCloseTo(p, 12);
    // "ice cream" analyses to two terms: a phrase key of both, never a key of either alone.
    expect(table.size).toBe(2);
    expect(table.maxPhraseTerms).toBe(2);
    expect(table.translate(`${en('ice')} ${en('cream')}`)).toEqual([{ term: de('Eis'), p: 1 }]);
    expect(table.translate(en('ice'))).toEqual([]);
  });

  it('leaves out source phrases longer than MAX_SOURCE_PHRASE_TERMS', () => {
    // Act: 'la' and 'yo' have the generic analyzer, one term per word.
    const table = AnalysedLexicon.fromLexicon(
      lexicon('la', 'yo', [
        ['a b c', 'x', 1],
        ['a b c d', 'y', 1],
      ]),
    );
    // Assess
    expect(MAX_SOURCE_PHRASE_TERMS).toBe(3);
    expect(table.translate('a b c')).toEqual([{ term: 'x', p: 1 }]);
    expect(table.translate('a b c d')).toEqual([]);
    expect(table.maxPhraseTerms).toBe(3);
  });
});

describe('MixtureTranslator', () => {
  const first = AnalysedLexicon.fromLexicon(
    lexicon('la', 'yo', [
      ['a', 'x', 1],
      ['b', 'y', 1],
    ]),
  );
  const second = AnalysedLexicon.fromLexicon(
    lexicon('la', 'yo', [
      ['a', 'z', 1],
      ['c', 'w', 1],
    ]),
  );

  it('sums weighted distributions of the translators that know a term, renormalised', () => {
    // Act
    const mixture = new MixtureTranslator([
      { translator: first, weight: 3 },
      { translator: second, weight: 1 },
    ]);
    // Assess: a is known to both: x ¾, z ¼. b and c keep their only translator's distribution.
    expect(mixture.translate('a')).toEqual([
      { term: 'x', p: 0.75 },
      { term: 'z', p: 0.25 },
    ]);
    expect(mixture.translate('b')).toEqual([{ term: 'y', p: 1 }]);
    expect(mixture.translate('c')).toEqual([{ term: 'w', p: 1 }]);
    expect(mixture.translate('d')).toEqual([]);
  });

  it('refuses translators of different directions and weights that are not positive', () => {
    // Prepare
    const other = AnalysedLexicon.fromLexicon(lexicon('yo', 'la', [['x', 'a', 1]]));
    // Act / Assess
    expect(
      () =>
        new MixtureTranslator([
          { translator: first, weight: 1 },
          { translator: other, weight: 1 },
        ]),
    ).toThrow('directions differ');
    expect(() => new MixtureTranslator([{ translator: first, weight: 0 }])).toThrow('> 0');
    expect(() => new MixtureTranslator([])).toThrow('at least one');
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

  it('passes a function-word share of the first leg through as the NULL translation', () => {
    // Prepare: like Arabic "كم", 'la' "quot" is mostly "how many" (English stopwords) and once
    // "sleeve" ('la' has the generic analyzer: the word is its own key).
    const first = AnalysedLexicon.fromLexicon(
      lexicon('la', 'en', [
        ['quot', 'how many', 3],
        ['quot', 'sleeve', 1],
      ]),
    );
    const second = AnalysedLexicon.fromLexicon(lexicon('en', 'de', [['sleeve', 'Ärmel', 1]]));
    const key = 'quot';
    // Act
    const pivot = new PivotTranslator(first, second);
    // Assess: the sleeve keeps its quarter; it does not inherit the function words' share.
    expect(pivot.translate(key)).toEqual([
      { term: NULL_TRANSLATION, p: 0.75 },
      { term: de('Ärmel'), p: 0.25 },
    ]);
  });
});

describe('PivotTranslator with conjunctions', () => {
  it('translates a pivot conjunction as the phrase the second lexicon knows, else term by term', () => {
    // Prepare: 'la' "a" is the 'yo' phrase "x y" (known to the second lexicon) half of the time,
    // and "x z" (unknown as a phrase) the other half.
    const first = AnalysedLexicon.fromLexicon(
      lexicon('la', 'yo', [
        ['a', 'x y', 1],
        ['a', 'x z', 1],
      ]),
      { phraseTranslation: 'conjunction' },
    );
    const second = AnalysedLexicon.fromLexicon(
      lexicon('yo', 'haw', [
        ['x y', 'p', 1],
        ['x', 'm', 1],
        ['z', 'n', 1],
      ]),
    );
    // Act
    const pivot = new PivotTranslator(first, second);
    // Assess: p = ½ (the phrase); "x z" shares its ½ between x → m and z → n.
    expect(pivot.translate('a')).toEqual([
      { term: 'p', p: 0.5 },
      { term: 'm', p: 0.25 },
      { term: 'n', p: 0.25 },
    ]);
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

  it('names the files that would help when no lexicon covers a direction, never its location', async () => {
    // Prepare
    const catalog = LexiconCatalog.fromLexicons([enDe], '/srv/secret/lexicons/');
    // Act
    const attempt = catalog.translator('ar', 'ru');
    // Assess
    await expect(attempt).rejects.toThrow(MissingLexiconError);
    await expect(attempt).rejects.toThrow(
      'no lexicon for ar→ru: add ar-ru.tsv or ru-ar.tsv, or ar-en and en-ru to pivot through English',
    );
    await expect(attempt).rejects.not.toThrow('/srv');
  });

  it('combines a direct lexicon, the inverted reverse one and the pivot per term', async () => {
    // Prepare: a small direct de-ru that knows "Hund" only; the pivot knows "Katze" too.
    const catalog = LexiconCatalog.fromLexicons([
      lexicon('en', 'de', [
        ['dog', 'Hund', 1],
        ['cat', 'Katze', 1],
      ]),
      lexicon('en', 'ru', [
        ['dog', 'пёс', 1],
        ['cat', 'кошка', 1],
      ]),
      lexicon('de', 'ru', [['Hund', 'собака', 1]]),
      lexicon('ru', 'de', [['собака', 'Hund', 1]]),
    ]);
    const ru = termIn('ru');
    // Act
    const translator = await catalog.translator('de', 'ru');
    // Assess: direct and inverted both say собака, the pivot says пёс.
    const { direct, inverted, pivot } = LEXICON_EVIDENCE_WEIGHTS;
    expect(translator.id).toBe(
      `mix(de-ru*${direct}, invert(ru-de)*${inverted}, pivot(invert(en-de), en-ru)*${pivot})`,
    );
    const [first, second] = translator.translate(de('Hund'));
    expect(first!.term).toBe(ru('собака'));
    expect(first!.p).toBeCloseTo((direct + inverted) / (direct + inverted + pivot), 12);
    expect(second!.term).toBe(ru('пёс'));
    expect(second!.p).toBeCloseTo(pivot / (direct + inverted + pivot), 12);
    // The word the small dictionary lacks is still translated through the pivot.
    expect(translator.translate(de('Katze'))).toEqual([{ term: ru('кошка'), p: 1 }]);
  });

  it('uses the direction and the inverted reverse direction together where both exist', async () => {
    // Prepare
    const catalog = LexiconCatalog.fromLexicons([
      lexicon('en', 'de', [['dog', 'Hund', 1]]),
      lexicon('de', 'en', [
        ['Rüde', 'dog', 1],
        ['Hund', 'hound', 1],
      ]),
    ]);
    // Act
    const translator = await catalog.translator('en', 'de');
    // Assess: en-de says Hund; inverted de-en adds Rüde for dog, and hound → Hund.
    expect(translator.translate(en('dog'))).toEqual([
      { term: de('Hund'), p: 0.5 },
      { term: de('Rüde'), p: 0.5 },
    ]);
    expect(translator.translate(en('hound'))).toEqual([{ term: de('Hund'), p: 1 }]);
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
      const catalog = await catalogFromDirectory(folder);
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
