import { describe, expect, it } from 'vitest';
import { fromTsv, Lexicon, LexiconError, toTsv } from '../../lib/lexicon/index.js';
import { EN_DE } from './helpers.js';

const INFO = { ...EN_DE, id: 'tsv-test' };

describe('lexicon TSV', () => {
  it('round-trips entries, phrases and awkward scores exactly', () => {
    // Prepare
    const lexicon = new Lexicon(INFO);
    lexicon.add('bank', 'Ufer', 0.1);
    lexicon.add('bank', 'Bank', 0.2);
    lexicon.add('bank', 'Bank', 1 / 3);
    lexicon.add('new york', 'New York', 1e-7);
    // Act
    const text = toTsv(lexicon);
    const back = fromTsv(text, INFO);
    // Assess
    expect(text).toBe('bank\tBank\t0.5333333333333333\nbank\tUfer\t0.1\nnew york\tNew York\t1e-7\n');
    expect([...back.entries()]).toEqual([...lexicon.entries()]);
    expect(toTsv(back)).toBe(text);
  });

  it('skips blank lines and accepts CRLF', () => {
    const lexicon = fromTsv('a\tb\t1\r\n\r\nc\td\t2\r\n', INFO);
    expect(lexicon.size).toBe(2);
  });

  it('rejects bad lines with their line number', () => {
    expect(() => fromTsv('a\tb\t1\na\tb\n', INFO)).toThrow(/^tsv-test:2: expected src<TAB>tgt<TAB>score/);
    expect(() => fromTsv('a\tb\tx\n', INFO)).toThrow(/tsv-test:1: score must be a number > 0, got "x"/);
    expect(() => fromTsv('\n\na\tb\t-1\n', INFO)).toThrow(/tsv-test:3:/);
    expect(() => fromTsv(' \tb\t1\n', INFO)).toThrow(LexiconError);
  });
});
