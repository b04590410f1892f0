import { describe, expect, it } from 'vitest';
import { invert, Lexicon, LexiconError, merge } from '../../lib/lexicon/index.js';
import { EN_DE } from './helpers.js';

function bankLexicon(): Lexicon {
  const lexicon = new Lexicon({ ...EN_DE, id: 'banks' });
  lexicon.add('bank', 'Bank', 3);
  lexicon.add('bank', 'Ufer', 1);
  lexicon.add('shore', 'Ufer', 1);
  return lexicon;
}

describe('invert', () => {
  it('sums p(t|s) over sources and renormalises per target', () => {
    // Act
    const inverted = invert(bankLexicon());
    // Assess: Ufer <- bank 0.25, shore 1  =>  0.2 / 0.8
    expect([inverted.srcLang, inverted.tgtLang, inverted.id]).toEqual(['de', 'en', 'invert(banks)']);
    expect(inverted.translations('ufer')).toEqual([
      { tgt: 'shore', p: 0.8 },
      { tgt: 'bank', p: 0.2 },
    ]);
    expect(inverted.translations('Bank')).toEqual([{ tgt: 'bank', p: 1 }]);
  });
});

describe('merge', () => {
  it('adds weighted probabilities and renormalises', () => {
    // Prepare
    const a = new Lexicon({ ...EN_DE, id: 'a' });
    a.add('bank', 'Bank', 1);
    const b = new Lexicon({ ...EN_DE, id: 'b' });
    b.add('bank', 'Bank', 1);
    b.add('bank', 'Ufer', 1);
    b.add('shore', 'Ufer', 5);
    // Act: Bank 1*1 + 3*0.5 = 2.5, Ufer 3*0.5 = 1.5
    const merged = merge([
      { lexicon: a, weight: 1 },
      { lexicon: b, weight: 3 },
    ]);
    // Assess
    expect(merged.translations('bank')).toEqual([
      { tgt: 'Bank', p: 0.625 },
      { tgt: 'Ufer', p: 0.375 },
    ]);
    expect(merged.translations('shore')).toEqual([{ tgt: 'Ufer', p: 1 }]);
    expect(merged.id).toBe('merge(a*1,b*3)');
  });

  it('refuses mismatched languages, bad weights and no input', () => {
    const enDe = bankLexicon();
    const enFr = new Lexicon({ srcLang: 'en', tgtLang: 'fr', id: 'fr' });
    enFr.add('bank', 'banque', 1);
    expect(() =>
      merge([
        { lexicon: enDe, weight: 1 },
        { lexicon: enFr, weight: 1 },
      ]),
    ).toThrow(/cannot merge fr \(en->fr\) with banks \(en->de\): languages differ/);
    expect(() => merge([{ lexicon: enDe, weight: 0 }])).toThrow(LexiconError);
    expect(() => merge([])).toThrow(/at least one lexicon/);
  });
});
