import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeSwitchError, hashWords, switchBilingual, uniform } from '../../lib/codeswitch/index.js';
import { exampleIndex, lexiconOf, seed } from './helpers.js';

/** murmur3_x86_32 of four zero bytes, seed 0 (reference implementation). */
const MURMUR3_ZERO_WORD = 0x2362f9de;

describe('counter-based draws', () => {
  it('matches murmur3_32 on a reference vector', () => {
    // Act
    const h = hashWords([0]);
    // Assess
    expect(h).toBe(MURMUR3_ZERO_WORD);
  });

  it('gives the same draw for the same key and a different one for another side', () => {
    fc.assert(
      fc.property(seed, exampleIndex, fc.nat({ max: 10_000 }), (s, ex, pos) => {
        // Prepare
        const key = { seed: s, exampleIndex: ex, side: 'query' as const };
        // Act
        const a = uniform(key, pos, 0);
        const b = uniform({ ...key }, pos, 0);
        const other = [
          uniform({ ...key, side: 'passage' }, pos, 0),
          uniform(key, pos, 1),
          uniform(key, pos + 1, 0),
        ];
        // Assess
        expect(a).toBe(b);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThan(1);
        // 32-bit draws: a collision with all three neighbours would be a mixing bug, not chance.
        expect(other.every((u) => u === a)).toBe(false);
      }),
    );
  });

  it('is roughly uniform', () => {
    // Prepare
    const buckets = new Array<number>(10).fill(0);
    const draws = 50_000;
    // Act
    for (let i = 0; i < draws; i += 1) {
      const u = uniform({ seed: 7, exampleIndex: i % 97, side: 'passage' }, i, 0);
      const b = Math.floor(u * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    // Assess: 10 % ± 0.6 % is more than 4 standard deviations.
    for (const count of buckets) expect(Math.abs(count / draws - 0.1)).toBeLessThan(0.006);
  });

  it('rejects seeds that are not unsigned 32-bit integers', () => {
    // Prepare
    const lexicon = lexiconOf('en', 'de', [['a', 'b']]);
    // Act
    const bad = (s: number) => () =>
      switchBilingual('a', { lexicon, p: 0.5, seed: s, exampleIndex: 0, side: 'query' });
    // Assess
    expect(bad(-1)).toThrow(CodeSwitchError);
    expect(bad(2 ** 32)).toThrow(CodeSwitchError);
    expect(bad(1.5)).toThrow(CodeSwitchError);
  });
});
