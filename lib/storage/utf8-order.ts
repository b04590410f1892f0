/*
 * UTF-8 byte order without Buffer, for the stores that run inside Cloudflare Workers. UTF-8 bytes
 * sort as code points do; JavaScript compares UTF-16 code units, which agree with code points
 * except that a surrogate (U+D800-U+DFFF, half of a code point above U+FFFF) must sort after
 * U+E000-U+FFFF. Shifting the two bands past each other fixes that without decoding anything.
 */

function rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` by UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** `keys` sorted in place by UTF-8 bytes (S3's and R2's list order), and returned. */
export function sortUtf8(keys: string[]): string[] {
  return keys.sort(compareUtf8);
}
