/** Markup cleaning of dictionary entries before the build merges them. */
import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../lib/lexicon/index.js';
import { cleanLexicon, cleanMarkup } from '../../lib/lexicon/node.js';

describe('cleanMarkup', () => {
  it.each([
    ["'''cardi'''", 'cardi'],
    ["Behold this pattern of thy '''butcheries'''", 'butcheries'],
    ["Italian '''stone pine'''", 'stone pine'],
    ["''italic''", 'italic'],
    ['[[Haus]]', 'Haus'],
    ['[[Haus|Häuser]]', 'Häuser'],
    ['Katze {{f}}', 'Katze'],
    ['A &amp; B', 'A & B'],
    ['x&#124;y', 'x|y'],
    ['a &constructor; b', 'a &constructor; b'],
    ['x &toString; y', 'x &toString; y'],
    ['Haus)', 'Haus'],
    ['(Haus', 'Haus'],
    ['Eel (on a menu)', 'Eel'],
    ['(to)', 'to'],
    ['क्षणिक~विराम', 'क्षणिक विराम'],
    ['анте́нна', 'антенна'],
    ['абака 2.', 'абака'],
    ['"quoted",', 'quoted'],
    ['U.S.', 'U.S.'],
    ['Haus', 'Haus'],
    ["'''", ''],
  ])('%s -> %s', (input, expected) => {
    expect(cleanMarkup(input)).toBe(expected);
  });

  it('keeps Greek accents, which are spelling, not stress marks', () => {
    expect(cleanMarkup('σκύλος')).toBe('σκύλος');
  });
});

describe('cleanLexicon', () => {
  it('keeps raw scores, adds up pairs that clean alike and drops glosses and wrong-script targets', () => {
    const lexicon = new Lexicon({ srcLang: 'de', tgtLang: 'ru', id: 'test' });
    lexicon.add('Hund', 'собака', 3);
    lexicon.add('Hund', '[[собака]]', 1);
    lexicon.add('Hund', 'пёс', 1);
    lexicon.add('Hund', 'ein Haustier aus der Familie der Hunde', 1); // German gloss, not Russian
    lexicon.add("'''Katze'''", 'кошка', 2);
    const { lexicon: cleaned, dropped } = cleanLexicon(lexicon);
    expect(cleaned.rawScores('hund')).toEqual(
      new Map([
        ['собака', 4],
        ['пёс', 1],
      ]),
    );
    expect(cleaned.top('Katze')?.tgt).toBe('кошка');
    expect(dropped).toBe(1);
  });
});
