import { describe, expect, it } from 'vitest';
import {
  canonicalLanguage,
  getAnalyzer,
  InvalidLanguageTagError,
  isKnownLanguage,
  languageName,
} from '../../lib/text/index.js';

describe('canonicalLanguage', () => {
  it('reduces tags to the canonical primary language subtag', () => {
    // Prepare
    const cases: [string, string][] = [
      ['EN-us', 'en'],
      ['zh-Hant-TW', 'zh'],
      ['iw', 'he'],
      ['in', 'id'],
      ['pt-BR', 'pt'],
      ['sr-Latn-RS', 'sr'],
      ['qaa', 'qaa'],
    ];
    // Act
    const got = cases.map(([tag]) => canonicalLanguage(tag));
    // Assess
    expect(got).toEqual(cases.map(([, lang]) => lang));
  });

  it.each(['', 'en_US', 'e', '123', 'en-', 'x-private', 'en US', 'toolongsubtag'])(
    'throws InvalidLanguageTagError with a one-line message for %j',
    (tag) => {
      // Act
      let error: unknown;
      try {
        canonicalLanguage(tag);
      } catch (e) {
        error = e;
      }
      // Assess
      expect(error).toBeInstanceOf(InvalidLanguageTagError);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message.length).toBeGreaterThan(10);
    },
  );

  it('keeps "und" (undetermined), which ICU treats as the root locale', () => {
    // Act
    const tags = [canonicalLanguage('und'), canonicalLanguage('und-Latn')];
    // Assess
    expect(tags).toEqual(['und', 'und']);
  });

  it('explains an underscore separator', () => {
    expect(() => canonicalLanguage('en_US')).toThrow(/'-', not '_'/);
  });

  it('keeps the message on one line even for a multi-line tag', () => {
    expect(() => canonicalLanguage('en\nUS')).toThrow(/^[^\n]+$/);
  });
});

describe('getAnalyzer tag handling', () => {
  it('throws InvalidLanguageTagError for an invalid tag', () => {
    expect(() => getAnalyzer('not a tag')).toThrow(InvalidLanguageTagError);
  });

  it('returns the generic analyzer for a valid unknown tag', () => {
    expect(getAnalyzer('qaa').lang).toBe('xx');
    expect(getAnalyzer('xh').lang).toBe('xx');
  });
});

describe('canonicalLanguage, called again', () => {
  it('answers a remembered tag as the first time, and keeps refusing a malformed one', () => {
    // Prepare: many distinct valid tags, more than the memo keeps, then the first ones again.
    const tags = Array.from({ length: 1500 }, (_, i) => `de-x-t${i}`);
    const first = tags.map((t) => canonicalLanguage(t));
    // Act
    const again = [...tags].reverse().map((t) => canonicalLanguage(t));
    // Assess
    expect(new Set([...first, ...again])).toEqual(new Set(['de']));
    for (const tag of ['iw', 'IW', 'iw']) expect(canonicalLanguage(tag)).toBe('he');
    for (let i = 0; i < 2; i++) expect(() => canonicalLanguage('en_US')).toThrow(InvalidLanguageTagError);
  });
});

describe('isKnownLanguage', () => {
  it('accepts well-formed tags of languages CLDR names, with or without a dedicated analyzer', () => {
    expect(['en', 'EN-us', 'zh-Hant', 'pt-BR', 'iw', 'sw', 'az', 'tlh'].filter(isKnownLanguage)).toHaveLength(
      8,
    );
  });

  it('rejects malformed tags, placeholders and language names', () => {
    const tags = ['', 'en_US', 'x-private', 'xx', 'qaa', 'und', 'german', 'klingon'];
    expect(tags.filter(isKnownLanguage)).toEqual([]);
  });

  it('names known languages and nothing else', () => {
    expect([languageName('de-AT'), languageName('xx'), languageName('en_US')]).toEqual([
      'German',
      undefined,
      undefined,
    ]);
  });
});
