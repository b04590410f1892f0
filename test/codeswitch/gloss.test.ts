/**
 * Glossing text into English through a lexicon pack: the dictionaries' form first, the stem
 * second, function words and unknown words as written, and the directions a pack lacks derived by
 * inverting English's own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Glosser, roundTripper, segmentText } from '../../lib/codeswitch/index.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { FileStore } from '../../lib/storage/node.js';
import { lexicon } from '../search/lexicon.js';
import { lexiconOf } from './helpers.js';

let dir: string;
let glosser: Glosser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlir-gloss-'));
  const store = new FileStore(dir);
  await writeLexiconPack(store, [
    {
      lexicon: lexicon('de', 'en', [
        ['Haus', 'house', 0.8],
        ['Haus', 'home', 0.2],
        ['Punkte', 'score', 0.6],
        ['Punkte', 'points', 0.4],
        ['Punkt', 'point', 1],
        ['alt', 'old', 1],
        ['die', 'who', 1],
        ['Gebäude', 'edifice', 0.55],
        ['Gebäude', 'building', 0.45],
      ]),
    },
    // No ru-en direction: Russian is glossed through the inverted en-ru.
    { lexicon: lexicon('en', 'ru', [['house', 'дом', 1]]) },
    // No fr-en either, and en-fr is one-way: French is not glossed.
    { lexicon: lexicon('en', 'fr', [['house', 'maison', 1]]), oneWay: true },
    {
      lexicon: lexicon('zh', 'en', [
        ['房子', 'house', 1],
        ['买', 'buy', 1],
        ['贾', 'merchant', 1],
        ['里', 'inside', 1],
        ['德', 'virtue', 1],
      ]),
    },
  ]);
  glosser = new Glosser(await openLexiconPack(store));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Glosser', () => {
  it('replaces each word by its most probable translation, keeping function words and unknown words as written', async () => {
    // Act
    const glossed = await glosser.gloss('Die Punkte, das Haus: alt und Zebrastreifen 1876.', 'de');
    // Assess
    expect(glossed).toBe('Die score, das house: old und Zebrastreifen 1876.');
  });

  it('prefers, among close translations, the English word that is common', async () => {
    // Act
    const glossed = await glosser.gloss('Gebäude', 'de');
    // Assess: edifice is listed first, but building is far more common in English (SQuAD train).
    expect(glossed).toBe('building');
  });

  it('looks an inflected word up by its stem, choosing the translation summed over the stem', async () => {
    // Act: "Hauses" and "Punkten" are not entries; their stems are.
    const glossed = await glosser.gloss('Hauses Punkten', 'de');
    // Assess: Punkt + Punkte share a stem: point 1, score 0.6, points 0.4 -> point.
    expect(glossed).toBe('house point');
  });

  it('inverts English’s own direction where the pack has none into English', async () => {
    // Act
    const glossed = await glosser.gloss('Этот дом', 'ru');
    // Assess
    expect(glossed).toBe('Этот house');
    expect(await glosser.covers('ru')).toBe(true);
  });

  it('does not invert a direction the pack marks one-way', async () => {
    // Act
    const glossed = await glosser.gloss('La maison', 'fr');
    // Assess
    expect(glossed).toBe('La maison');
    expect(await glosser.covers('fr')).toBe(false);
  });

  it('segments unspaced scripts and spaces the glosses apart', async () => {
    // Act
    const glossed = await glosser.gloss('我的房子', 'zh');
    // Assess
    expect(glossed).toMatch(/^我的? ?house$/);
    expect(glossed.replace(/ /g, '').replace('house', '房子')).toBe('我的房子');
  });

  it('keeps a run of single Han characters (a name the segmenter spelled out) as written', async () => {
    // Act
    const name = await glosser.gloss('贾里德的房子', 'zh');
    const word = await glosser.gloss('我买房子', 'zh');
    // Assess: 贾里德 (Jared) is not merchant, inside, virtue; 买 alone before a longer word is glossed.
    expect(name).toMatch(/^贾里德的 ?house$/);
    expect(word).toMatch(/^我 ?buy house$/);
  });

  it('glosses a pair for each other: each side writes the translation the other side may stand for', async () => {
    // Act: score is Punkte's best gloss, points the one a text about points can match.
    const toEnglish = await glosser.glossPairs({ text: 'How many points?', lang: 'en' }, [
      { text: 'Die Punkte des Hauses', lang: 'de' },
    ]);
    const fromGerman = await glosser.glossPairs({ text: 'Wie viele Punkte?', lang: 'de' }, [
      { text: 'The points of the home', lang: 'en' },
      { text: 'A dog in the street', lang: 'en' },
    ]);
    // Assess: the query is glossed once per passage, for that passage.
    expect(toEnglish).toEqual([{ query: 'How many points?', passage: 'Die points des house' }]);
    expect(fromGerman).toEqual([
      { query: 'Wie viele points?', passage: 'The points of the home' },
      { query: 'Wie viele score?', passage: 'A dog in the street' },
    ]);
  });

  it('matches glosses of two languages through English, both sides glossed', async () => {
    // Act: Haus → house or home; дом → house (the inverted en-ru).
    const pairs = await glosser.glossPairs({ text: 'дом', lang: 'ru' }, [{ text: 'Das Haus', lang: 'de' }]);
    const terms = await glosser.englishTerms('Das Haus', 'de');
    // Assess
    expect(pairs).toEqual([{ query: 'house', passage: 'Das house' }]);
    expect([...terms].sort()).toEqual(['home', 'hous']);
  });

  it('passes English and languages the pack cannot reach through unchanged', async () => {
    // Act / Assess
    expect(await glosser.gloss('The old house', 'en')).toBe('The old house');
    expect(await glosser.gloss('La casa vieja', 'es')).toBe('La casa vieja');
    expect(await glosser.covers('es')).toBe(false);
    expect(await glosser.covers('en')).toBe(true);
  });
});

describe('round-trip code-switching', () => {
  const example = (i: number) => ({
    id: `q${i}`,
    query: 'Where is the old house?',
    pos: ['The old house stands here.'],
    neg: ['A dog in the street.', 'The house of art.'],
    query_lang: 'en',
    doc_lang: 'en',
  });

  it('switches the drawn sides into the drawn language and glosses them back', async () => {
    // Prepare
    const de = lexiconOf('en', 'de', [
      ['house', 'Haus'],
      ['old', 'alt'],
      ['the', 'die'],
    ]);
    const ru = lexiconOf('en', 'ru', [['house', 'дом']]);
    const trip = roundTripper({ lexicons: [de, ru], glosser, seed: 7, source: 'test' });
    // Act
    const outs = await Promise.all(Array.from({ length: 60 }, (_, i) => trip(example(i), i)));
    // Assess: both languages and all three side choices are drawn
    expect(new Set(outs.map((o) => o.round_trip.lang))).toEqual(new Set(['de', 'ru']));
    expect(new Set(outs.map((o) => o.round_trip.sides))).toEqual(new Set(['passages', 'query', 'both']));
    for (const out of outs) {
      const { lang, sides } = out.round_trip;
      const original = example(Number(out.id.slice(1)));
      // A side not drawn is left as it was; a drawn side went through the language and back:
      // "the" became German "die", a function word, which the gloss keeps as written.
      const expected = (text: string) =>
        lang === 'de' ? text.replace(/\bthe\b/g, 'die').replace(/\bThe\b/g, 'Die') : text;
      expect(out.query).toBe(sides === 'passages' ? original.query : expected(original.query));
      expect(out.pos).toEqual(sides === 'query' ? original.pos : original.pos.map(expected));
      expect(out.neg).toEqual(sides === 'query' ? original.neg : original.neg.map(expected));
      expect(out.provenance).toMatchObject({ method: 'rt-cs', p: 1, languages: ['de', 'ru'], seed: 7 });
    }
    // The same seed draws the same way
    expect(await trip(example(3), 3)).toEqual(outs[3]);
  });

  it('glosses each passage against the query, and the query against all the example’s passages', async () => {
    // Prepare: points → Punkte; the pack glosses Punkte as score (0.6) or points (0.4).
    const de = lexiconOf('en', 'de', [['points', 'Punkte']]);
    const trip = roundTripper({ lexicons: [de], glosser, seed: 7, source: 'test' });
    const scored = (i: number) => ({
      id: `q${i}`,
      query: 'How many points?',
      pos: ['Ten points.'],
      neg: ['Some points here.'],
      query_lang: 'en',
      doc_lang: 'en',
    });
    // Act
    const outs = await Promise.all(Array.from({ length: 30 }, (_, i) => trip(scored(i), i)));
    // Assess: a side glossed against English reads "points", the sense the other side stands for;
    // with both sides German, both read the best sense they share, "score": the same on both sides.
    expect(new Set(outs.map((o) => o.round_trip.sides))).toEqual(new Set(['passages', 'query', 'both']));
    for (const out of outs) {
      const sense = out.round_trip.sides === 'both' ? 'score' : 'points';
      expect([out.query, ...out.pos, ...out.neg]).toEqual([
        `How many ${sense}?`,
        `Ten ${sense}.`,
        `Some ${sense} here.`,
      ]);
    }
    expect(await glosser.gloss('Ten Punkte.', 'de')).toBe('Ten score.');
  });

  it('keeps every word it does not gloss, byte for byte', async () => {
    // Prepare
    const text = 'Zebrastreifen, 1876 — und?';
    // Act
    const glossed = await glosser.gloss(text, 'de');
    // Assess
    const words = (s: string) =>
      segmentText(s)
        .filter((x) => x.kind === 'word')
        .map((x) => x.text);
    expect(words(glossed)).toEqual(words(text));
  });
});
