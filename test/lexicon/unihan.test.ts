/**
 * Unihan's character glosses as a zh→en source: which glosses become translations, the build's
 * one-way direction, and a pack that carries it so PSQ never inverts it (en→zh gets nothing from it).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildLexicons,
  importUnihan,
  unihanGlosses,
  UNIHAN_MAX_GLOSS_WORDS,
} from '../../lib/lexicon/node.js';
import { catalogFromPack, MissingLexiconError } from '../../lib/search/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { packOfBuild } from './helpers.js';

/** Unihan_Readings.txt lines: kDefinition for four characters, three of them in the common table. */
const READINGS = [
  '# Unihan_Readings.txt',
  'U+7897\tkDefinition\tbowl, small dish',
  'U+7897\tkTGHZ2013\t100.010:wǎn',
  'U+6797\tkDefinition\tforest, grove; surname',
  'U+6797\tkTGHZ2013\t100.020:lín',
  'U+5C14\tkDefinition\tyou; that, those; final particle',
  'U+5C14\tkTGHZ2013\t100.030:ěr',
  'U+3400\tkDefinition\t(same as U+4E18 丘) hillock or mound',
  '',
].join('\n');

describe('unihanGlosses', () => {
  it('keeps short glosses and drops notes, references and descriptions', () => {
    expect(unihanGlosses('forest, grove; surname')).toEqual(['forest', 'grove']);
    expect(unihanGlosses('(same as U+4E18 丘) hillock or mound')).toEqual(['hillock or mound']);
    expect(unihanGlosses('variant of 碗; radical number 112')).toEqual([]);
    expect(UNIHAN_MAX_GLOSS_WORDS).toBe(3);
    expect(unihanGlosses('a tribe of savages in South China')).toEqual([]);
    expect(unihanGlosses('bowl; bowl, dish')).toEqual(['bowl', 'dish']);
  });
});

describe('importUnihan', () => {
  it('reads the glosses of the common characters only', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const path = join(dir, 'Unihan_Readings.txt');
      await writeFile(path, READINGS);
      // Act
      const { lexicon } = await importUnihan(path, { srcLang: 'zh', tgtLang: 'en' });
      // Assess: U+3400 is not in the common table.
      expect([...(lexicon.rawScores('碗')?.keys() ?? [])]).toEqual(['bowl', 'small dish']);
      expect([...(lexicon.rawScores('林')?.keys() ?? [])]).toEqual(['forest', 'grove']);
      expect(lexicon.size).toBe(3);
    });
  });
});

describe('Unihan in the build and the pack', () => {
  it('builds a one-way zh-en direction that the catalog translates with but never inverts', async () => {
    await withTempDir(async (root) => {
      // Prepare
      const readings = join(root, 'Unihan_Readings.txt');
      await writeFile(readings, READINGS);
      const empty = join(root, 'none');
      const options = { langs: ['en', 'zh'], dictdDir: empty, apertiumDir: empty, cedict: null };
      // Act
      const built = await buildLexicons({ ...options, unihanReadings: readings });
      const missing = await buildLexicons({ ...options, unihanReadings: join(root, 'absent.txt.bz2') });
      const pack = await packOfBuild(join(root, 'pack'), built);
      const catalog = catalogFromPack(pack, 'pack');
      // Assess
      expect(built.directions.map((d) => [`${d.srcLang}-${d.tgtLang}`, d.oneWay])).toEqual([['zh-en', true]]);
      expect(missing.warnings).toContain(
        'unihan: zh-en character glosses not installed; apt-get install unicode-data',
      );
      expect(pack.manifest.directions[0]!.oneWay).toBe(true);
      const zhEn = await catalog.translator('zh', 'en');
      expect(zhEn.translate('碗').map((t) => t.term)).toContain('bowl');
      await expect(catalog.translator('en', 'zh')).rejects.toBeInstanceOf(MissingLexiconError);
    });
  });
});
