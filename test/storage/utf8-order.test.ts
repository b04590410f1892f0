import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8, sortUtf8 } from '../../lib/storage/utf8-order.js';

const byBytes = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareUtf8', () => {
  it('orders strings as their UTF-8 bytes do', () => {
    // Act / Assess
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(byBytes(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts code points above U+FFFF after U+E000-U+FFFF, unlike UTF-16 order', () => {
    // Prepare
    const keys = ['\u{1F600}', '\uFFFD', '\uE000', 'z', 'é', 'Z', ''];
    // Act
    const sorted = sortUtf8([...keys]);
    // Assess
    expect(sorted).toEqual(['', 'Z', 'z', 'é', '\uE000', '\uFFFD', '\u{1F600}']);
    expect([...keys].sort()).not.toEqual(sorted);
  });
});
