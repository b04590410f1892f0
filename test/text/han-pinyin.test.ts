/**
 * The generated Han reading table (lib/text/han-pinyin.ts): every character in it romanises to
 * Latin letters that compose character by character, and the committed module is what
 * scripts/gen-han-pinyin.mjs writes from the Unihan data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hanReadings } from '../../lib/text/han-pinyin.js';
import { nameSkeleton, romanize } from '../../lib/text/index.js';

const UNIHAN_READINGS = '/usr/share/unicode/Unihan_Readings.txt.bz2';
const SCRIPT = fileURLToPath(new URL('../../scripts/gen-han-pinyin.mjs', import.meta.url));
const MODULE = fileURLToPath(new URL('../../lib/text/han-pinyin.ts', import.meta.url));

/** The Unicode version the generated module's header names. */
function unicodeVersion(text: string): string | undefined {
  return /Unicode (?:version: )?(\d+\.\d+\.\d+)/.exec(text)?.[1];
}

function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('hanReadings', () => {
  const readings = hanReadings();
  const chars = [...readings.keys()];

  it('holds the 8,105 characters of the general standard table, with toneless pinyin', () => {
    // Assess
    expect(readings.size).toBe(8105);
    expect([...readings.values()].filter((s) => !/^[a-z]+$/.test(s))).toEqual([]);
    expect(['特', '斯', '拉', '尔', '绿', '女'].map((c) => readings.get(c))).toEqual([
      'te',
      'si',
      'la',
      'er',
      'lv',
      'nv',
    ]);
  });

  it('romanises every character of the table to ASCII letters only', () => {
    // Assess: each entry, not a sample.
    expect(chars.filter((c) => !/^[a-z]+$/.test(romanize(c)))).toEqual([]);
  });

  it('romanises a word of table characters syllable by syllable, with no digraph across syllables', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }), (word) => {
        // Act
        const skeletons = word.map(nameSkeleton).join('');
        // Assess
        expect(romanize(word.join(''))).toBe(word.map(romanize).join(''));
        expect(nameSkeleton(word.join(''))).toBe(skeletons.replace(/(.)\1+/g, '$1'));
      }),
    );
  });
});

describe('gen-han-pinyin.mjs', () => {
  it('generated the committed module from Unihan_Readings.txt', ({ skip }) => {
    // Prepare
    if (!existsSync(UNIHAN_READINGS)) skip(`${UNIHAN_READINGS} is missing (Debian package unicode-data)`);
    if (!hasCommand('bzcat')) skip('bzcat is missing, and the script reads the .bz2 through it');
    // Act
    const generated = execFileSync(process.execPath, [SCRIPT, '--stdout'], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const committed = readFileSync(MODULE, 'utf8');
    if (unicodeVersion(generated) !== unicodeVersion(committed)) {
      skip(
        `this machine has Unihan ${unicodeVersion(generated)}, the module was generated from ` +
          `${unicodeVersion(committed)}: npm run gen:han-pinyin updates it`,
      );
    }
    // Assess
    expect(generated).toBe(committed);
  });
});
