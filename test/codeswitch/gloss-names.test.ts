/**
 * Names no lexicon lists, written in two scripts across a glossed pair, read the same on both
 * sides (lib/codeswitch/gloss-names.ts): the Latin form where a side has one, else one
 * romanisation for both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Glosser } from '../../lib/codeswitch/index.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { lexicon } from '../search/lexicon.js';

let dir: string;
let glosser: Glosser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlir-gloss-names-'));
  await writeLexiconPack(new FileStore(dir), [
    {
      lexicon: lexicon('ru', 'en', [
        ['очки', 'points', 1],
        ['набрали', 'scored', 1],
        ['дом', 'house', 1],
        // A word the lexicon translates is glossed, whatever its skeleton.
        ['Пастер', 'shepherd', 1],
      ]),
    },
    { lexicon: lexicon('ar', 'en', [['نقاط', 'points', 1]]) },
    {
      lexicon: lexicon('zh', 'en', [
        ['房子', 'house', 1],
        ['贾', 'merchant', 1],
        ['里', 'inside', 1],
        ['德', 'virtue', 1],
      ]),
    },
  ]);
  glosser = new Glosser(await openLexiconPack(new FileStore(dir)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const pair = async (query: string, queryLang: string, passage: string, passageLang: string) =>
  (await glosser.glossPairs({ text: query, lang: queryLang }, [{ text: passage, lang: passageLang }]))[0]!;

describe('names across scripts in glossed pairs', () => {
  it('writes a name in another script as the Latin name of the other side', async () => {
    // Act
    const glossed = await pair(
      'How many points did the Panthers score?',
      'en',
      'Пантерз набрали 308 очки.',
      'ru',
    );
    // Assess: Пантерз and Panthers share the skeleton PNTRS; the English side stays as written.
    expect(glossed).toEqual({
      query: 'How many points did the Panthers score?',
      passage: 'Panthers scored 308 points.',
    });
  });

  it('writes two non-Latin spellings of one name as one romanisation on both sides', async () => {
    // Act: البانثرز (with the article) and Пантерз.
    const glossed = await pair('كم نقاط البانثرز؟', 'ar', 'Пантерз набрали очки.', 'ru');
    // Assess: the passage's word romanised, on both sides.
    expect(glossed).toEqual({ query: 'كم points Panterz؟', passage: 'Panterz scored points.' });
  });

  it('leaves words alone that are not names or whose skeleton is too short to tell', async () => {
    // Act: a lowercase word of a cased script is not a name; Нил/Nile have two consonant classes.
    const lowercase = await pair(
      'How many points did the Panthers score?',
      'en',
      'пантерз набрали очки.',
      'ru',
    );
    const short = await pair('Where is the Nile?', 'en', 'Нил дом.', 'ru');
    const different = await pair(
      'How many points did the Broncos score?',
      'en',
      'Пантерз набрали очки.',
      'ru',
    );
    // Assess
    expect(lowercase.passage).toBe('пантерз scored points.');
    expect(short.passage).toBe('Нил house.');
    expect(different.passage).toBe('Пантерз scored points.');
  });

  it('does not rewrite a word the lexicon glosses', async () => {
    // Act: Пастер has the skeleton of Pasteur, but the lexicon lists it.
    const glossed = await pair('Who was Pasteur?', 'en', 'Пастер дом.', 'ru');
    // Assess
    expect(glossed.passage).toBe('shepherd house.');
  });

  it('writes a Han name spelled out character by character once, as the other side’s name', async () => {
    // Act: the segmenter cuts 贾里德 (Jared) into three characters the lexicon glosses one by one.
    const glossed = await pair('Where is the house of Jared?', 'en', '贾里德的房子', 'zh');
    const unmatched = await pair('Where is the house of Allen?', 'en', '贾里德的房子', 'zh');
    // Assess
    expect(glossed.passage).toMatch(/^Jared ?的 ?house$/);
    expect(unmatched.passage).toMatch(/^贾里德的 ?house$/);
  });

  it('glosses a text alone as before: names are matched only between the two sides of a pair', async () => {
    // Act / Assess
    expect(await glosser.gloss('Пантерз набрали очки.', 'ru')).toBe('Пантерз scored points.');
  });
});
