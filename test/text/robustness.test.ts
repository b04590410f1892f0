import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAnalyzer, SUPPORTED_LANGUAGES } from '../../lib/text/index.js';
import { createStemmer } from '../../lib/text/stemmers.js';

const SAMPLE_LANGS: readonly string[] = ['en', 'ar', 'el', 'fa', 'hi', 'ja', 'th', 'tr', 'zh', 'xh'];

/** Deterministic pseudo-random generator so failures reproduce. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('robustness', () => {
  it('returns [] for the empty string in every supported language', () => {
    for (const lang of [...SUPPORTED_LANGUAGES, 'xh']) expect(getAnalyzer(lang).analyze('')).toEqual([]);
  });

  it('does not throw on lone surrogates', () => {
    // Prepare
    const text = 'a\uD800b \uDC00 北京\uD83D 대한\uDFFF';
    // Act / Assess
    for (const lang of SAMPLE_LANGS) {
      const out = getAnalyzer(lang).analyze(text);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it('never throws and only emits non-empty, whitespace-free terms (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLE_LANGS),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (lang, text) => {
          const out = getAnalyzer(lang).analyze(text);
          for (const term of out) {
            expect(term.length).toBeGreaterThan(0);
            expect(term).not.toMatch(/\s/u);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles 1 MB of mixed-script input quickly', () => {
    // Prepare: random characters from many scripts, punctuation, marks and surrogate halves
    const pool = [..."aé北京ภาษา안녕Ωλ١٢ab.,;!?-'’ İIкот"].concat([
      '\u200B',
      '\u0301',
      '\uD800',
      '\uDFFF',
      ' ',
      ' ',
    ]);
    const rnd = lcg(42);
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(pool[Math.floor(rnd() * pool.length)] as string);
    const text = parts.join('');
    // Act (a quadratic blow-up would run into the test timeout)
    const out = getAnalyzer('en').analyze(text);
    // Assess
    expect(out.length).toBeGreaterThan(50_000);
  });

  it('handles 1 MB of unbroken Chinese (a single segmenter run) in linear time', () => {
    // Prepare
    const text = '北京大学的学生'.repeat(150_000);
    // Act (unchunked, the segmenter is quadratic here and would run into the test timeout)
    const out = getAnalyzer('zh').analyze(text);
    // Assess: '的' is a stopword, so three terms per repetition
    expect(out.length).toBe(450_000);
  });

  it('drops absurdly long tokens instead of stemming them', () => {
    expect(getAnalyzer('en').analyze(`${'a'.repeat(100_000)} cats`)).toEqual(['cat']);
  });
});

describe('stemmers match Snowball (reference values from libstemmer 2.2)', () => {
  const golden: Record<string, [string, string][]> = {
    greek: [
      ['πολιτικα', 'πολιτ'],
      ['παιδων', 'παιδ'],
      ['αυτοκινητα', 'αυτοκινητ'],
      ['ανθρωπους', 'ανθρωπ'],
    ],
    hindi: [
      ['पढ़ते', 'पढ़'],
      ['लड़कियाँ', 'लड़क'],
      ['किताबें', 'किताब'],
      ['खेलना', 'खेल'],
    ],
    indonesian: [
      ['mempelajari', 'ajar'],
      ['menyapu', 'sapu'],
      ['bersepeda', 'sepeda'],
      ['makanannya', 'makan'],
      ['dipermainkan', 'main'],
    ],
    english: [
      ['generalizations', 'general'],
      ['knightly', 'knight'],
      ['consigned', 'consign'],
    ],
  };

  it.each(Object.keys(golden))('%s', (name) => {
    // Prepare
    const stem = createStemmer(name);
    // Act / Assess
    for (const [word, expected] of golden[name] ?? []) expect(stem(word)).toBe(expected);
  });

  it('rejects an unknown stemmer name', () => {
    expect(() => createStemmer('klingon')).toThrow(/unknown stemmer/);
  });
});
