import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSegments, segmentText, type Segment } from '../../lib/codeswitch/index.js';

function words(segments: readonly Segment[]): string[] {
  return segments.filter((s) => s.kind === 'word').map((s) => s.text);
}

/** Single UTF-16 code units, so lone surrogates appear too. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
});

describe('segmentText', () => {
  it('keeps inner apostrophes and hyphens and leaves quotes and punctuation as separators', () => {
    // Prepare
    const text = `Don't stop: the "well-known" l’homme's art-party!`;
    // Act
    const segments = segmentText(text);
    // Assess
    expect(words(segments)).toEqual(["Don't", 'stop', 'the', 'well-known', "l’homme's", 'art-party']);
    expect(segments.filter((s) => s.kind === 'other').map((s) => s.text)).toEqual([
      ' ',
      ': ',
      ' "',
      '" ',
      ' ',
      '!',
    ]);
    expect(joinSegments(segments)).toBe(text);
  });

  it('drops leading and trailing quotes and hyphens from words', () => {
    // Prepare
    const text = "'quoted' -x- a--b";
    // Act
    const segmented = words(segmentText(text));
    // Assess
    expect(segmented).toEqual(['quoted', 'x', 'a', 'b']);
  });

  it('splits Chinese, Japanese and Thai runs into words', () => {
    // Prepare
    const chinese = '我爱北京天安门。Hello';
    const thai = 'ภาษาไทยง่ายนิดเดียว';
    // Act
    const zh = words(segmentText(chinese));
    const th = words(segmentText(thai));
    // Assess
    expect(zh).toContain('北京');
    expect(zh).toContain('Hello');
    expect(zh.length).toBeGreaterThan(2);
    expect(th.length).toBeGreaterThan(1);
    expect(th.join('')).toBe(thai);
  });

  it('round-trips long unspaced runs that are segmented in chunks', () => {
    // Prepare
    const text = '北京大学'.repeat(200) + '𠀀'.repeat(300);
    // Act
    const segments = segmentText(text);
    // Assess
    expect(joinSegments(segments)).toBe(text);
    expect(words(segments)).toContain('北京');
  });

  it('reproduces any string exactly, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), codeUnitString), (text) => {
        // Act
        const segments = segmentText(text);
        // Assess
        expect(joinSegments(segments)).toBe(text);
        expect(segments.every((s) => s.text !== '')).toBe(true);
      }),
    );
  });

  it('never puts two separators side by side', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // Act
        const segments = segmentText(text);
        // Assess
        for (let i = 1; i < segments.length; i += 1) {
          expect(segments[i - 1]?.kind === 'other' && segments[i]?.kind === 'other').toBe(false);
        }
      }),
    );
  });
});
