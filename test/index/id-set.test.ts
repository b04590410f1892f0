import { describe, expect, it } from 'vitest';
import { DocIdSet } from '../../lib/index/build/id-set.js';

describe('DocIdSet', () => {
  it('accepts many distinct ids and recognises every repeat across table growth', () => {
    // Prepare
    const set = new DocIdSet();
    const ids = Array.from({ length: 200_000 }, (_, i) => `doc-${i}`);
    // Act
    const firstPass = ids.map((id) => set.add(id));
    const secondPass = ids.filter((_, i) => i % 997 === 0).map((id) => set.add(id));
    // Assess
    expect(firstPass.every(Boolean)).toBe(true);
    expect(secondPass.some(Boolean)).toBe(false);
    expect(set.size).toBe(ids.length);
  });

  it('treats ids that differ only in case or Unicode form as distinct', () => {
    const set = new DocIdSet();
    expect([set.add('A'), set.add('a'), set.add('é'), set.add('e\u0301'), set.add('')]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(set.add('e\u0301')).toBe(false);
  });
});
