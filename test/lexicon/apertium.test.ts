/**
 * Apertium bilingual dictionaries through lt-expand: the output parser on text (so the test needs no
 * lttoolbox), and the runner against a stand-in script and a missing command.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexiconError } from '../../lib/lexicon/index.js';
import { importApertium, importApertiumText, parseLtExpand } from '../../lib/lexicon/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { writeApertiumPair, writeFakeLtExpand } from './build-fixtures.js';

const EN_ES = { srcLang: 'en', tgtLang: 'es' } as const;

describe('parseLtExpand', () => {
  it('strips tags and keeps lemmas, multiword parts and escaped characters', () => {
    const text = [
      'house<n><sg>:casa<n><f><sg>',
      'take<vblex># off:quitar<vblex>',
      'e\\:mail<n>:correo electrónico<n>',
      'go<vblex>+him<prn>:ir<vblex>',
    ].join('\n');
    expect(parseLtExpand(text).pairs).toEqual([
      ['house', 'casa'],
      ['take off', 'quitar'],
      ['e:mail', 'correo electrónico'],
      ['go', 'ir'],
    ]);
  });

  it('keeps left-to-right entries and skips right-to-left-only and unreadable lines', () => {
    const { pairs, skipped } = parseLtExpand('a<n>:>:b<n>\nc<n>:<:d<n>\nno colon here\n<n>:x<n>\n');
    expect(pairs).toEqual([['a', 'b']]);
    expect(skipped).toBe(3);
  });
});

describe('importApertium', () => {
  it('counts a lemma pair once however many tag variants list it', () => {
    const { lexicon } = importApertiumText(
      'house<n><sg>:casa<n><sg>\nhouse<n><pl>:casa<n><pl>\nhouse<n>:hogar<n>\n',
      EN_ES,
      'test',
    );
    expect(lexicon.translations('house')).toEqual([
      { tgt: 'casa', p: 0.5 },
      { tgt: 'hogar', p: 0.5 },
    ]);
  });

  it('runs lt-expand on the transducer', async () => {
    await withTempDir(async (dir) => {
      await writeApertiumPair(dir);
      const ltExpand = await writeFakeLtExpand(dir);
      const bin = join(dir, 'apertium-eng-spa', 'eng-spa.autobil.bin');
      const { lexicon } = await importApertium(bin, { ...EN_ES, ltExpand });
      expect(lexicon.top('house')?.tgt).toBe('casa');
    });
  });

  it('fails with one line naming lttoolbox when lt-expand is not installed', async () => {
    await withTempDir(async (dir) => {
      const attempt = importApertium(join(dir, 'x.bin'), {
        ...EN_ES,
        ltExpand: join(dir, 'missing-lt-expand'),
      });
      await expect(attempt).rejects.toThrow(LexiconError);
      await expect(attempt).rejects.toThrow(/lttoolbox/);
    });
  });
});
