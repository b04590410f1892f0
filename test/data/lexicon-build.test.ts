/**
 * `buildLexicons` for en, de and ru on the real shared dictionaries (and FreeDict/Ding where their
 * Debian packages are installed): the natural directions exist, no wiki or HTML markup survives, and
 * common words translate as a dictionary says they should.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Lexicon } from '../../lib/lexicon/index.js';
import { buildLexicons, type BuildResult } from '../../lib/lexicon/node.js';
import { sharedPath } from './shared-data.js';

const DICTD = '/usr/share/dictd';
const MARKUP_RE = /'''|\[\[|\]\]|\{\{|\}\}|&(?:amp|lt|gt|quot|#\d+);/;
const BUILD_TIMEOUT_MS = 600_000;

function lexiconOf(result: BuildResult, name: string): Lexicon {
  const found = result.directions.find((d) => `${d.srcLang}-${d.tgtLang}` === name);
  if (found === undefined) throw new Error(`direction ${name} was not built`);
  return found.lexicon;
}

function topTargets(lexicon: Lexicon, word: string, k: number): string[] {
  return lexicon
    .translations(word)
    .slice(0, k)
    .map((t) => t.tgt.toLocaleLowerCase(lexicon.tgtLang));
}

describe('xlir lexicon build on the shared dictionaries (en, de, ru)', async () => {
  const started = performance.now();
  const result = await buildLexicons({
    langs: ['en', 'de', 'ru'],
    dataDir: sharedPath('lexicons'),
    dictdDir: DICTD,
  });
  const seconds = (performance.now() - started) / 1000;
  const built = result.directions.map((d) => `${d.srcLang}-${d.tgtLang}`);
  console.log(`built ${built.join(' ')} in ${seconds.toFixed(0)} s`);
  for (const d of result.directions) {
    const sources = d.sources.map((s) => `${s.id}*${s.weight}`).join(' ');
    console.log(`${d.srcLang}-${d.tgtLang}: ${d.lexicon.size} entries, ${d.lexicon.pairs} pairs; ${sources}`);
  }
  for (const warning of result.warnings) console.log(`warning: ${warning}`);

  it(
    'builds en-de, en-ru and de-ru from OMW and xling, and de-en where FreeDict or Ding is installed',
    () => {
      expect(built).toEqual(expect.arrayContaining(['en-de', 'en-ru', 'de-ru']));
      const hasGermanEnglish =
        existsSync(`${DICTD}/freedict-deu-eng.index`) || existsSync(`${DICTD}/german-english.index`);
      expect(built.includes('de-en')).toBe(hasGermanEnglish);
      // Natural directions only: nothing has a Russian headword dictionary here.
      expect(built.filter((d) => d.startsWith('ru-'))).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it('leaves no wiki or HTML markup in any key or translation', () => {
    for (const { lexicon } of result.directions) {
      const marked: string[] = [];
      for (const entry of lexicon.entries()) {
        if (MARKUP_RE.test(entry.src)) marked.push(entry.src);
        for (const { tgt } of entry.translations) if (MARKUP_RE.test(tgt)) marked.push(tgt);
      }
      expect(marked.slice(0, 5)).toEqual([]);
    }
  });

  it('translates common words as a dictionary does', () => {
    expect(topTargets(lexiconOf(result, 'en-de'), 'dog', 5)).toContain('hund');
    expect(topTargets(lexiconOf(result, 'en-de'), 'house', 5)).toContain('haus');
    expect(topTargets(lexiconOf(result, 'en-ru'), 'water', 5)).toContain('вода');
    // de-ru: OMW's German and Russian wordnets joined on the synset, xling (which has the genitive
    // воды) and FreeDict deu-rus.
    expect(topTargets(lexiconOf(result, 'de-ru'), 'Wasser', 5).some((t) => t.startsWith('вод'))).toBe(true);
  });
});
