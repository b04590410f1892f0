import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidKeyError, assertValidKey, assertValidPrefix, sortKeys } from '../../lib/storage/index.js';

describe('key validation', () => {
  it('accepts ordinary relative keys', () => {
    // Prepare
    const keys = ['manifest.json', 'shards/en/0001.bin', 'a', 'é/ü', 'a..b/c..', '.hidden/x'];
    // Act / Assess
    for (const key of keys) expect(() => assertValidKey(key), key).not.toThrow();
  });

  it('rejects empty, absolute, dot-dot and otherwise aliasing keys with a clear message', () => {
    // Prepare
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['/etc/passwd', /absolute/],
      ['a/../../etc', /'\.\.' segment/],
      ['..', /'\.\.' segment/],
      ['a//b', /empty path segment/],
      ['./a', /'\.' segment/],
      ['a\\..\\b', /contains '\\'/],
      ['a\0b', /NUL/],
      ['x/y.xlir-partial', /reserved suffix/],
    ];
    // Act / Assess
    for (const [key, message] of cases) {
      expect(() => assertValidKey(key), JSON.stringify(key)).toThrow(InvalidKeyError);
      expect(() => assertValidKey(key), JSON.stringify(key)).toThrow(message);
    }
  });

  it('accepts partial and empty list prefixes but not escaping ones', () => {
    // Prepare / Act / Assess
    for (const prefix of ['', 'a', 'a/', 'shards/en/00', 'a/.b'])
      expect(() => assertValidPrefix(prefix)).not.toThrow();
    for (const prefix of ['/', '/a', '..', '../', 'a/..', 'a/../b', 'a//']) {
      expect(() => assertValidPrefix(prefix), prefix).toThrow(InvalidKeyError);
    }
  });

  it('never lets an accepted key resolve outside the store root (property)', () => {
    // Prepare
    const root = path.resolve('/srv/xlir-root');
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', '/', '\\', '..\\..', 'a', 'b.c'),
      fc.string({ maxLength: 6 }),
    );
    // Act / Assess
    fc.assert(
      fc.property(
        fc.array(fc.tuple(segment, fc.constantFrom('/', '')), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const key = parts.map(([seg, sep]) => seg + sep).join('');
          let accepted = true;
          try {
            assertValidKey(key);
          } catch {
            accepted = false;
          }
          if (accepted) {
            const resolved = path.join(root, ...key.split('/'));
            expect(resolved.startsWith(root + path.sep)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('sortKeys', () => {
  it('orders by UTF-8 bytes, as S3 lists', () => {
    // Prepare: in UTF-16 order the surrogate pair of U+1F600 (0xD83D...) sorts before U+FF5E.
    const keys = ['\u{1F600}', '\uFF5E', 'b', 'B', 'a/b', 'a'];
    // Act
    const sorted = sortKeys([...keys]);
    // Assess
    expect(sorted).toEqual(['B', 'a', 'a/b', 'b', '\uFF5E', '\u{1F600}']);
    expect([...keys].sort()).not.toEqual(sorted);
  });
});
