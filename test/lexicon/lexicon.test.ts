import { describe, expect, it } from 'vitest';
import { Lexicon, LexiconError, lexiconStats } from '../../lib/lexicon/index.js';
import { EN_DE, total } from './helpers.js';

function cityLexicon(): Lexicon {
  const lexicon = new Lexicon({ ...EN_DE, id: 'test' });
  lexicon.add('New York', 'New York', 1);
  lexicon.add('new york city', 'New York City', 1);
  lexicon.add('new', 'neu', 2);
  lexicon.add('new', 'Neu-', 1);
  lexicon.add('art', 'Kunst', 1);
  return lexicon;
}

describe('Lexicon', () => {
  it('normalises scores per entry into probabilities that sum to 1', () => {
    // Prepare
    const lexicon = new Lexicon({ srcLang: 'EN-us', tgtLang: 'de', id: 'test' });
    // Act
    lexicon.add('Bank', 'Bank', 2);
    lexicon.add('bank', 'Ufer', 1);
    lexicon.add('BANK', 'Bank', 1);
    // Assess
    expect(lexicon.srcLang).toBe('en');
    expect(lexicon.translations('bank')).toEqual([
      { tgt: 'Bank', p: 0.75 },
      { tgt: 'Ufer', p: 0.25 },
    ]);
    expect(total(lexicon.translations('bank'))).toBe(1);
    expect(lexicon.top('Bank')).toEqual({ tgt: 'Bank', p: 0.75 });
    expect([lexicon.size, lexicon.pairs]).toEqual([1, 2]);
  });

  it('orders equal probabilities by target and keeps target casing', () => {
    const lexicon = new Lexicon({ ...EN_DE, id: 'test' });
    lexicon.add('run', 'rennen', 1);
    lexicon.add('run', 'Lauf', 1);
    expect(lexicon.translations('RUN').map((t) => t.tgt)).toEqual(['Lauf', 'rennen']);
  });

  it('folds keys with NFKC and the source locale', () => {
    // Prepare
    const turkish = new Lexicon({ srcLang: 'tr', tgtLang: 'en', id: 'test' });
    const english = new Lexicon({ ...EN_DE, id: 'test' });
    // Act
    turkish.add('İstanbul', 'Istanbul', 1);
    english.add('ﬁle  name', 'Dateiname', 1);
    // Assess
    expect(turkish.has('istanbul')).toBe(true);
    expect(english.has('file name')).toBe(true);
    expect([...english.entries()].map((e) => e.src)).toEqual(['file name']);
  });

  it('rejects empty keys and non-positive scores', () => {
    const lexicon = new Lexicon({ ...EN_DE, id: 'test' });
    expect(() => lexicon.add('  ', 'x', 1)).toThrow(LexiconError);
    expect(() => lexicon.add('a', 'b', 0)).toThrow(/score must be a finite number > 0/);
    expect(() => lexicon.add('a', 'b', Number.NaN)).toThrow(LexiconError);
  });

  it('finds the longest phrase starting at a token', () => {
    // Prepare
    const lexicon = cityLexicon();
    const tokens = ['in', 'New', 'York', 'City', 'today'];
    // Act
    const longest = lexicon.longestMatch(tokens, 1);
    const capped = lexicon.longestMatch(tokens, 1, 2);
    // Assess
    expect(longest?.length).toBe(3);
    expect(longest?.entry.src).toBe('new york city');
    expect(longest?.entry.translations).toEqual([{ tgt: 'New York City', p: 1 }]);
    expect(capped?.entry.src).toBe('new york');
    expect(lexicon.longestMatch(tokens, 0)).toBeUndefined();
    expect(lexicon.maxPhraseWords).toBe(3);
  });

  it('matches whole words only', () => {
    const lexicon = cityLexicon();
    expect(lexicon.longestMatch(['party'], 0)).toBeUndefined();
    expect(lexicon.longestMatch(['newyork'], 0)).toBeUndefined();
    expect(lexicon.longestMatch(['new', 'yorker'], 0)?.entry.src).toBe('new');
    expect(lexicon.longestMatch(['Art'], 0)?.entry.translations[0]?.tgt).toBe('Kunst');
    expect(lexicon.longestMatch(['art'], 5)).toBeUndefined();
  });

  it('reports statistics', () => {
    expect(lexiconStats(cityLexicon())).toEqual({
      entries: 4,
      pairs: 5,
      phraseEntries: 2,
      meanTranslationsPerEntry: 1.25,
    });
  });
});
