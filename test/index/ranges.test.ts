import { describe, expect, it } from 'vitest';
import { groupRanges, groupSpan, withinGap } from '../../lib/index/read/ranges.js';

const ranges = (...pairs: Array<[number, number]>) => pairs.map(([start, end]) => ({ start, end }));

describe('groupRanges', () => {
  it('joins ranges separated by at most the gap, in start order', () => {
    // Prepare: given out of order on purpose
    const input = ranges([120, 130], [0, 10], [15, 20], [40, 50]);
    // Act
    const groups = groupRanges(input, withinGap(5));
    // Assess
    expect(groups.map((g) => g.map((r) => r.start))).toEqual([[0, 15], [40], [120]]);
    expect(groups.map(groupSpan)).toEqual(ranges([0, 20], [40, 50], [120, 130]));
  });

  it('keeps a range that contains the next one in the same group', () => {
    // Prepare
    const input = ranges([0, 100], [10, 20], [150, 160]);
    // Act
    const groups = groupRanges(input, withinGap(60));
    // Assess: the gap is measured from the group's end (100), not the last range's (20)
    expect(groups.map(groupSpan)).toEqual(ranges([0, 160]));
    expect(groupRanges(input, withinGap(40)).map(groupSpan)).toEqual(ranges([0, 100], [150, 160]));
  });

  it('returns no groups for no ranges', () => {
    expect(groupRanges([], withinGap(10))).toEqual([]);
  });
});
