import fc from 'fast-check';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { createStemmer } from '../../lib/text/stemmers.js';

// English is stemmed by porter2 (lib/text/stemmers.ts) because snowball-stemmers is slow; the
// two must give the same stems, or indexes built before the switch would stop matching queries.
const reference = snowball.newStemmer('english');
const english = createStemmer('english');

/** Pieces of English words whose joins reach every step of Porter2: its suffix lists, y, 's. */
const STARTS = ['', 'y', 'un', 're', 'gener', 'commun', 'arsen', 'past', 'sky', 'be', 'a', 'ee', 'at'];
const STEMS = ['gener', 'nation', 'happ', 'cry', 'hop', 'fizz', 'tap', 'fil', 'luxur', 'sens', 'bak', 'ow'];
const SUFFIXES = [
  'ational',
  'tional',
  'enci',
  'anci',
  'izer',
  'bli',
  'alli',
  'entli',
  'eli',
  'ousli',
  'ization',
  'ation',
  'ator',
  'alism',
  'iveness',
  'fulness',
  'ousness',
  'aliti',
  'iviti',
  'biliti',
  'logi',
  'fulli',
  'lessli',
  'li',
  'icate',
  'ative',
  'alize',
  'iciti',
  'ical',
  'ful',
  'ness',
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'sion',
  'tion',
  'e',
  'l',
  'eed',
  'eedly',
  'ed',
  'edly',
  'ing',
  'ingly',
  'sses',
  'ied',
  'ies',
  'us',
  'ss',
  's',
  "'s",
  "'s'",
  "'",
  'y',
  'ly',
];

describe('English stemming (porter2) against snowball-stemmers', () => {
  it('gives the same stems on words joined from English pieces', () => {
    const word = fc
      .tuple(
        fc.constantFrom(...STARTS),
        fc.constantFrom(...STEMS),
        fc.array(fc.constantFrom(...SUFFIXES), { maxLength: 3 }),
      )
      .map(([start, stem, suffixes]) => start + stem + suffixes.join(''));
    fc.assert(
      fc.property(word, (w) => english(w) === reference.stem(w)),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it('gives the same stems on arbitrary lowercase strings, letters beyond ASCII included', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyz', 'é', 'ï', "'", 'y', 'e', 's'];
    const word = fc.array(fc.constantFrom(...letters), { maxLength: 14 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(word, (w) => english(w) === reference.stem(w)),
      { numRuns: 20_000, seed: 29 },
    );
  });

  it('keeps the exceptional forms Porter2 lists apart', () => {
    for (const w of [
      'skies',
      'dying',
      'lying',
      'tying',
      'news',
      'howe',
      'atlas',
      'cosmos',
      'bias',
      'andes',
      'gently',
      'early',
      'only',
      'singly',
      'innings',
      'outing',
      'canning',
      'herring',
      'earring',
      'proceed',
      'exceed',
      'succeed',
      'generate',
      'communism',
      'arsenal',
    ]) {
      expect(english(w), w).toBe(reference.stem(w));
    }
  });
});
