/**
 * `buildLexicons`: sources found in their natural directions only, markup cleaned, train splits read
 * and test splits not, weighted merge, and every missing source or failed import one warning line.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildLexicons,
  type BuildResult,
  coverageOf,
  readCoverageSample,
  SOURCE_WEIGHTS,
} from '../../lib/lexicon/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { writeApertiumPair, writeFakeLtPrint, writeFixtureSources } from './build-fixtures.js';

function direction(result: BuildResult, name: string) {
  const found = result.directions.find((d) => `${d.srcLang}-${d.tgtLang}` === name);
  if (found === undefined) throw new Error(`no direction ${name}`);
  return found;
}

function probability(result: BuildResult, name: string, src: string, tgt: string): number | undefined {
  return direction(result, name)
    .lexicon.translations(src)
    .find((t) => t.tgt === tgt)?.p;
}

describe('buildLexicons', () => {
  it('builds each source in its natural direction only, never a derived one', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const result = await buildLexicons({
        langs: ['en', 'de', 'ru'],
        dataDir: dirs.data,
        dictdDir: dirs.dictd,
        apertiumDir: dirs.apertium,
      });
      expect(result.directions.map((d) => `${d.srcLang}-${d.tgtLang}`)).toEqual([
        'en-de',
        'en-ru',
        'de-en',
        'de-ru',
      ]);
      expect(direction(result, 'en-de').sources.map((s) => s.id)).toEqual([
        'omw:en-de',
        'xling:en-de',
        'freedict:eng-deu',
      ]);
      expect(direction(result, 'de-en').sources.map((s) => s.id)).toEqual(['freedict:deu-eng', 'ding:de-en']);
      expect(direction(result, 'en-ru').lexicon.top('dog')?.tgt).toBe('собака');
      // The German and Russian wordnets share the dog's synset: de-ru joins them directly.
      expect(direction(result, 'de-ru').sources.map((s) => s.id)).toEqual(['omw:de-ru']);
      expect(direction(result, 'de-ru').lexicon.top('Hund')?.tgt).toBe('собака');
      // Default weights are the measured constants.
      for (const d of result.directions) {
        for (const s of d.sources) expect(s.weight).toBe(SOURCE_WEIGHTS[s.kind]);
      }
    });
  });

  it('cleans markup and keeps the largest xling train split, never the test split', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const result = await buildLexicons({
        langs: ['en', 'de'],
        dataDir: dirs.data,
        dictdDir: dirs.dictd,
        apertiumDir: dirs.apertium,
      });
      const enDe = direction(result, 'en-de').lexicon;
      expect(enDe.top('cardigan')?.tgt).toBe('Strickjacke');
      expect(enDe.has("'''cardigan'''")).toBe(false);
      expect(enDe.translations('house').map((t) => t.tgt)).toContain('Familie');
      expect(enDe.translations('house').map((t) => t.tgt)).not.toContain('[[Familie]]');
      expect(enDe.translations('house').map((t) => t.tgt)).toContain('Gebäude & Bau');
      expect(enDe.has('tree')).toBe(true); // 5k train split
      expect(enDe.has('small')).toBe(false); // 1k train split: the 5k one wins
      expect(enDe.has('heldout')).toBe(false); // test split: held out
      // Ding: labels, placeholders and the infinitive "to" are gone; the first synonym ranks first.
      const deEn = direction(result, 'de-en').lexicon;
      expect(deEn.translations('aufgeben').map((t) => t.tgt)).toEqual(['give up', 'abandon']);
    });
  });

  it('merges a direction as the weighted sum of its sources’ probabilities', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const weights = { omw: 1, xling: 2, freedict: 3 };
      const result = await buildLexicons({
        langs: ['en', 'de'],
        dataDir: dirs.data,
        dictdDir: dirs.dictd,
        apertiumDir: dirs.apertium,
        weights,
      });
      // house: omw Haus 2/3 Familie 1/3; xling haus 1; freedict Haus 2/3 (sense 1), Gebäude & Bau 1/3 (sense 2).
      const total = 1 + 2 + 3;
      expect(probability(result, 'en-de', 'house', 'Haus')).toBeCloseTo(
        (1 * (2 / 3) + 3 * (2 / 3)) / total,
        12,
      );
      expect(probability(result, 'en-de', 'house', 'haus')).toBeCloseTo(2 / total, 12);
      expect(probability(result, 'en-de', 'house', 'Familie')).toBeCloseTo(1 / 3 / total, 12);
      expect(probability(result, 'en-de', 'house', 'Gebäude & Bau')).toBeCloseTo((3 * (1 / 3)) / total, 12);
      expect(direction(result, 'en-de').sources.map((s) => s.weight)).toEqual([1, 2, 3]);
    });
  });

  it('rejects a weight that is not a positive number before reading anything', async () => {
    await expect(buildLexicons({ langs: ['en', 'de'], weights: { omw: 0 } })).rejects.toThrow(
      /weight of omw sources must be a finite number > 0/,
    );
  });

  it('warns once per missing source, per failed import and for directions without a source', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      await writeFile(join(dirs.dictd, 'freedict-deu-eng.index'), 'not an index line\n');
      const result = await buildLexicons({
        langs: ['en', 'de', 'ru', 'es'],
        dataDir: dirs.data,
        dictdDir: dirs.dictd,
        apertiumDir: dirs.apertium,
      });
      for (const warning of result.warnings) expect(warning).not.toContain('\n');
      const about = (needle: string) => result.warnings.filter((w) => w.includes(needle));
      expect(about('dict-freedict-eng-rus')).toHaveLength(1);
      expect(about('dict-freedict-eng-spa')).toHaveLength(1);
      expect(about('apertium-eng-spa')).toHaveLength(1);
      expect(about('freedict:deu-eng')).toHaveLength(1); // unreadable: skipped, the rest is built
      expect(about('no source for')).toHaveLength(1);
      expect(about('no source for')[0]).toMatch(/\bru-en\b.*\bru-de\b|\bru-de\b.*\bru-en\b/);
      expect(about('no source for')[0]).not.toMatch(/\bde-ru\b/); // joined from the OMW wordnets
      expect(about('omw: no OMW Wiktionary wordnet for es')).toHaveLength(1);
      expect(direction(result, 'de-en').sources.map((s) => s.id)).toEqual(['ding:de-en']);
    });
  });

  it('reads apertium through lt-print in both directions, and warns when lt-print is missing', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      await writeApertiumPair(dirs.apertium);
      const ltPrint = await writeFakeLtPrint(root);
      const base = { langs: ['en', 'es'], dictdDir: dirs.dictd, apertiumDir: dirs.apertium };
      const result = await buildLexicons({ ...base, ltPrint });
      expect(result.warnings.filter((w) => w.includes('apertium'))).toEqual([]);
      const enEs = direction(result, 'en-es');
      expect(enEs.sources.map((s) => [s.id, s.entries, s.pairs])).toEqual([['apertium:eng-spa', 5, 6]]);
      expect(enEs.lexicon.top('sheep')?.tgt).toBe('oveja');
      expect(enEs.lexicon.top('take off')?.tgt).toBe('quitar');
      expect(enEs.lexicon.has('1st')).toBe(false); // a digit: number patterns are not walked
      expect(enEs.lexicon.has('aaaaaaaaaaaaaaaaaaaa')).toBe(false); // the pattern section is skipped
      expect(direction(result, 'es-en').lexicon.top('perro')?.tgt).toBe('dog');
      const missing = await buildLexicons({ ...base, ltPrint: join(root, 'no-such-lt-print') });
      expect(missing.directions).toEqual([]);
      expect(missing.warnings.filter((w) => w.includes('lttoolbox-dev'))).toEqual([
        'apertium: lt-print not found, apertium-eng-spa skipped; apt-get install lttoolbox-dev',
      ]);
    });
  });

  it('measures coverage as the share of analysed sample words with a translation', async () => {
    await withTempDir(async (root) => {
      const dirs = await writeFixtureSources(root);
      const result = await buildLexicons({
        langs: ['en', 'de'],
        dataDir: dirs.data,
        dictdDir: dirs.dictd,
        apertiumDir: dirs.apertium,
      });
      const samplePath = join(root, 'sample.tsv');
      // en terms after analysis: hous, dog, cat, tree (stopwords gone); houses -> hous as house does.
      await writeFile(samplePath, 'en\tthe houses and the dogs\nen\ta cat in a tree\nde\tHunde und Katzen\n');
      const sample = await readCoverageSample(samplePath);
      expect(coverageOf(direction(result, 'en-de').lexicon, sample)).toEqual({ covered: 3, sampled: 4 });
      expect(coverageOf(direction(result, 'de-en').lexicon, sample)).toEqual({ covered: 1, sampled: 2 });
    });
  });
});
