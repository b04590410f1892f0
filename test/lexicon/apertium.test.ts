/**
 * Apertium bilingual dictionaries through lt-print: the walk of its AT&T text (so most tests need no
 * lttoolbox), the runner against a stand-in script and a missing command, and one dictionary compiled
 * by the real lt-comp and read back by the real lt-print where lttoolbox-dev is installed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LexiconError, type Lexicon } from '../../lib/lexicon/index.js';
import {
  APERTIUM_STEP_BUDGET,
  importApertium,
  importApertiumText,
  walkLtPrint,
} from '../../lib/lexicon/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { ENG_SPA_LT_PRINT, PATTERN_LEVELS, writeApertiumPair, writeFakeLtPrint } from './build-fixtures.js';

const EN_ES = { srcLang: 'en', tgtLang: 'es' } as const;
/** Enough for the fixture's word sections (under 50 steps each), far below its pattern section. */
const SMALL_BUDGET = 100;
const LT_COMP = '/usr/bin/lt-comp';
const LT_PRINT = '/usr/bin/lt-print';
const HAS_LTTOOLBOX = existsSync(LT_COMP) && existsSync(LT_PRINT);

/** Every key with its targets, as the lexicon holds them. */
function table(lexicon: Lexicon): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of lexicon.entries()) out[entry.src] = entry.translations.map((t) => t.tgt);
  return out;
}

/** A transducer section of `levels` levels, each reading a or b: 2^levels paths in 2^(levels+1)-2 steps. */
function patternSection(levels: number): string {
  const lines: string[] = [];
  for (let level = 0; level < levels; level++) {
    lines.push(`${level}\t${level + 1}\ta\ta\t0.000000\t`, `${level}\t${level + 1}\tb\tb\t0.000000\t`);
  }
  lines.push(`${levels}\t0.000000`);
  return lines.join('\n');
}

/** Words the fixture's lt-print text holds, keyed as a lexicon keys them. */
const ENG_SPA_WORDS = {
  house: ['casa', 'hogar'],
  i: ['yo'],
  sheep: ['oveja'],
  table: ['mesa'],
  'take off': ['quitar'],
};

describe('walkLtPrint', () => {
  it('reads every path from state 0 to a final state, input and output concatenated separately', () => {
    const { pairs, skipped, patternSections } = walkLtPrint(ENG_SPA_LT_PRINT, SMALL_BUDGET);
    // Tag variants repeat (house<sg>, house<pl>); cycles, digits, $ and a lemma-less side are not
    // walked or not kept; section 1 starts again at its own state 0; section 2 is over budget.
    expect(pairs).toEqual([
      ['house', 'casa'],
      ['house', 'casa'],
      ['house', 'hogar'],
      ['take off', 'quitar'],
      ['sheep', 'oveja'],
      ['I', 'yo'],
      ['table', 'mesa'],
    ]);
    expect(patternSections).toBe(1);
    expect(skipped).toBe(2); // z<n> → <n>, and the pattern section
  });

  it('skips a section over the step budget whole, never a part of it', () => {
    const text = `0\t1\tc\tg\t0.000000\t\n1\t2\ta\ta\t0.000000\t\n2\t3\tt\tt\t0.000000\t\n3\t0.000000\n--\n${patternSection(3)}\n`;
    // Three levels: 2 + 4 + 8 = 14 steps for 8 paths.
    const within = walkLtPrint(text, 14);
    expect(within.pairs).toHaveLength(9);
    expect(within.pairs).toContainEqual(['bab', 'bab']);
    expect(within.patternSections).toBe(0);
    const over = walkLtPrint(text, 13);
    expect(over.pairs).toEqual([['cat', 'gat']]);
    expect(over.patternSections).toBe(1);
  });

  it('skips the fixture pattern section at the default budget', () => {
    expect(2 ** (PATTERN_LEVELS + 1) - 2).toBeGreaterThan(APERTIUM_STEP_BUDGET);
    const { pairs, patternSections } = walkLtPrint(ENG_SPA_LT_PRINT);
    expect(pairs.some(([left]) => /^[ab]+$/.test(left))).toBe(false);
    expect(patternSections).toBe(1);
  });

  it('drops tags, turns the multiword mark into a space and a +clitic analysis away', () => {
    const arcs = [
      ['0', '1', 'g', 'i'],
      ['1', '2', 'o', 'r'],
      ['2', '3', '<vblex>', '<vblex>'],
      ['3', '4', '+', 'ε'],
      ['4', '5', 'i', 'ε'],
      ['5', '6', 't', 'ε'],
      ['6', '7', '<prn>', 'ε'],
    ];
    const text = `${arcs.map((arc) => `${arc.join('\t')}\t0.000000\t`).join('\n')}\n7\t0.000000\n`;
    expect(walkLtPrint(text).pairs).toEqual([['go', 'ir']]);
  });
});

describe('importApertium', () => {
  it('counts a lemma pair once however many tag variants list it', () => {
    const { lexicon, patternSections } = importApertiumText(
      ENG_SPA_LT_PRINT,
      { ...EN_ES, stepBudget: SMALL_BUDGET },
      'test',
    );
    expect(table(lexicon)).toEqual(ENG_SPA_WORDS);
    expect(lexicon.translations('house')).toEqual([
      { tgt: 'casa', p: 0.5 },
      { tgt: 'hogar', p: 0.5 },
    ]);
    expect(patternSections).toBe(1);
  });

  it('fails naming the format when only pattern sections are left', () => {
    expect(() => importApertiumText(patternSection(3), { ...EN_ES, stepBudget: 13 }, 'x.bin')).toThrow(
      /no entries read from x\.bin: is it a compiled lttoolbox dictionary/,
    );
  });

  it('runs lt-print on the transducer', async () => {
    await withTempDir(async (dir) => {
      await writeApertiumPair(dir);
      const ltPrint = await writeFakeLtPrint(dir);
      const bin = join(dir, 'apertium-eng-spa', 'eng-spa.autobil.bin');
      const { lexicon, patternSections } = await importApertium(bin, { ...EN_ES, ltPrint });
      expect(table(lexicon)).toEqual(ENG_SPA_WORDS);
      expect(patternSections).toBe(1);
    });
  });

  it('fails with one line naming lttoolbox-dev when lt-print is not installed', async () => {
    await withTempDir(async (dir) => {
      const attempt = importApertium(join(dir, 'x.bin'), {
        ...EN_ES,
        ltPrint: join(dir, 'missing-lt-print'),
      });
      await expect(attempt).rejects.toThrow(LexiconError);
      await expect(attempt).rejects.toThrow(/not found: install the Debian package lttoolbox-dev/);
    });
  });
});

const REAL_TITLE = 'importApertium on a dictionary compiled by lt-comp';
describe.skipIf(!HAS_LTTOOLBOX)(
  HAS_LTTOOLBOX
    ? REAL_TITLE
    : `${REAL_TITLE} — SKIPPED: ${LT_COMP} or ${LT_PRINT} not found (Debian: apt-get install lttoolbox-dev)`,
  () => {
    it('reads the left-to-right entries back through the real lt-print', async () => {
      await withTempDir(async (dir) => {
        const dix = join(dir, 'en-es.dix');
        const bin = join(dir, 'en-es.autobil.bin');
        await writeFile(
          dix,
          [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<dictionary>',
            '  <alphabet/>',
            '  <sdefs><sdef n="n"/><sdef n="f"/><sdef n="m"/><sdef n="vblex"/><sdef n="num"/></sdefs>',
            '  <section id="main" type="standard">',
            '    <e><p><l>house<s n="n"/></l><r>casa<s n="n"/><s n="f"/></r></p></e>',
            '    <e><p><l>house<s n="n"/></l><r>hogar<s n="n"/><s n="m"/></r></p></e>',
            '    <e><p><l>sheep<s n="n"/></l><r>oveja<s n="n"/><s n="f"/></r></p></e>',
            '    <e><p><l>take<g><b/>off</g><s n="vblex"/></l><r>quitar<s n="vblex"/></r></p></e>',
            '    <e r="RL"><p><l>dog<s n="n"/></l><r>perro<s n="n"/></r></p></e>',
            '  </section>',
            '  <section id="numbers" type="standard">',
            '    <e><re>[0-9]+</re><p><l><s n="num"/></l><r><s n="num"/></r></p></e>',
            '  </section>',
            '</dictionary>',
            '',
          ].join('\n'),
        );
        await promisify(execFile)(LT_COMP, ['lr', dix, bin]);
        const { lexicon } = await importApertium(bin, { ...EN_ES, ltPrint: LT_PRINT });
        // dog is right-to-left only, so lt-comp lr leaves it out; the number regex (a cycle of
        // digits) gives nothing.
        expect(table(lexicon)).toEqual({
          house: ['casa', 'hogar'],
          sheep: ['oveja'],
          'take off': ['quitar'],
        });
      });
    });
  },
);
