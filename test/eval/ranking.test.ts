import { describe, expect, it } from 'vitest';
import { compareBytes, compareQids, rankEntries } from '../../lib/eval/index.js';

describe('compareBytes', () => {
  it('orders like strcmp on the UTF-8 encodings', () => {
    // Prepare
    const ids = ['b', 'a', '', 'ab', 'B', 'é', '\uFF21', '\u{1F600}', 'z'];
    // Act
    const ours = [...ids].sort(compareBytes);
    const bytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')));
    // Assess
    expect(ours).toEqual(bytes);
    expect(ours.indexOf('\uFF21')).toBeLessThan(ours.indexOf('\u{1F600}'));
    // JavaScript's default order puts U+1F600 (0xD83D…) before U+FF21: the case we must not follow.
    expect([...ids].sort().indexOf('\u{1F600}')).toBeLessThan([...ids].sort().indexOf('\uFF21'));
  });
});

describe('compareQids', () => {
  it('puts numeric qids first by value, then the others byte-wise', () => {
    // Act
    const sorted = ['10', 'q2', '2', 'q10', '1a', '007', '7'].sort(compareQids);
    // Assess
    expect(sorted).toEqual(['2', '007', '7', '10', '1a', 'q10', 'q2']);
  });
});

describe('rankEntries', () => {
  it('sorts by score descending, then docid descending, without touching the input', () => {
    // Prepare
    const entries = [
      { docid: 'a', score: 1 },
      { docid: 'c', score: 1 },
      { docid: 'b', score: 2 },
      { docid: 'b2', score: 1 },
      { docid: 'z', score: -0 },
      { docid: 'y', score: 0 },
    ];
    const copy = structuredClone(entries);
    // Act
    const ranked = rankEntries(entries).map((e) => e.docid);
    // Assess: the 1.0 tie c > b2 > a; 0 and -0 tie too (trec_eval compares with < and >)
    expect(ranked).toEqual(['b', 'c', 'b2', 'a', 'z', 'y']);
    expect(entries).toEqual(copy);
  });
});
