import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../../lib/lexicon/index.js';
import { evaluateBli } from '../../../lib/lexicon/node.js';
import { EN_DE } from '../helpers.js';

function ranked(): Lexicon {
  const lexicon = new Lexicon({ ...EN_DE, id: 'ranked' });
  // Decreasing scores fix the ranks: house -> Haus, Gebäude, Heim, ...
  ['Haus', 'Gebäude', 'Heim', 'Hof', 'Bau', 'Hütte'].forEach((t, r) => lexicon.add('house', t, 6 - r));
  ['Kater', 'Katze'].forEach((t, r) => lexicon.add('cat', t, 2 - r));
  ['Hund'].forEach((t) => lexicon.add('tree', t, 1));
  return lexicon;
}

describe('evaluateBli', () => {
  it('counts a hit at k when any gold translation is in the top k, over covered words only', () => {
    // Prepare: house hits at 1, cat at 2, tree misses, dog is not covered
    const gold = new Map([
      ['House', new Set(['Heim', 'Haus'])],
      ['cat', new Set(['Katze'])],
      ['tree', new Set(['Baum'])],
      ['dog', new Set(['Hund'])],
    ]);
    // Act
    const scores = evaluateBli(ranked(), gold);
    // Assess
    expect(scores).toEqual({
      precisionAt1: 1 / 3,
      precisionAt5: 2 / 3,
      coverage: 0.75,
      covered: 3,
      total: 4,
    });
  });

  it('ignores a gold translation ranked sixth', () => {
    const scores = evaluateBli(ranked(), new Map([['house', new Set(['Hütte'])]]));
    expect([scores.precisionAt1, scores.precisionAt5]).toEqual([0, 0]);
  });

  it('reports zeros, not NaN, when nothing is covered', () => {
    const scores = evaluateBli(ranked(), new Map([['dog', new Set(['Hund'])]]));
    expect(scores).toEqual({ precisionAt1: 0, precisionAt5: 0, coverage: 0, covered: 0, total: 1 });
    expect(evaluateBli(ranked(), new Map()).coverage).toBe(0);
  });
});
