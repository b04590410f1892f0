/**
 * The demo searches across languages: the demo index with the hand-written demo lexicons, as
 * `xlir demo` and `xlir serve --demo` (npm start) use them.
 */
import { describe, expect, it } from 'vitest';
import { ENV } from '../../lib/api/index.js';
import { demoLexiconsDir, openDemoIndex } from '../../lib/cli/commands/demo.js';
import { applyDemoDefaults } from '../../lib/cli/commands/serve.js';
import { main } from '../../lib/cli/main.js';
import { CrossLingualSearcher, Searcher } from '../../lib/search/index.js';
import { catalogFromDirectory } from '../../lib/search/node.js';
import { createLanguageDetector } from '../../lib/text/index.js';
import { captureCliOutput } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';

/** The queries below give no language: the detector tells it, as in the API. */
const detector = await createLanguageDetector();

const { stdout } = captureCliOutput();
const TOP_K = 10;
/** The fusions that scale each language by what the query could score there. */
const ATTAINABLE_FUSIONS = ['attainable', 'attainable-top'] as const;

/** PSQ over every language of the demo index (built under `home`), translated with the demo lexicons. */
async function demoSearcher(home: string): Promise<CrossLingualSearcher> {
  const reader = await openDemoIndex(home);
  return new CrossLingualSearcher(new Searcher(reader), await catalogFromDirectory(demoLexiconsDir()));
}

async function topIds(searcher: CrossLingualSearcher, query: string, queryLang: string): Promise<string[]> {
  const result = await searcher.search(query, { queryLang, topK: TOP_K });
  return result.hits.map((hit) => hit.docId);
}

describe('the demo, cross-lingual', () => {
  it('finds the English and Chinese telephone passages for a German query', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const searcher = await demoSearcher(home);
      // Act
      const ids = await topIds(searcher, 'Wer erfand das Telefon', 'de');
      // Assess
      expect(ids).toContain('en-telephone');
      expect(ids).toContain('zh-telephone');
    });
  });

  it('finds the English passage of a Chinese query’s topic', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const searcher = await demoSearcher(home);
      // Act
      const deepestLake = await topIds(searcher, '世界上最深的湖', 'zh');
      const telephone = await topIds(searcher, '电话是谁发明的', 'zh');
      // Assess
      expect(deepestLake).toContain('en-lake-baikal');
      expect(telephone).toContain('en-telephone');
    });
  });

  it('ranks every paper passage above every telephone passage for 谁发明了纸？ by default, when fusing by attainable score and by min-max-calibrated', async () => {
    await withTempDir(async (home) => {
      // Prepare: min-max gave the French and Thai telephone passages (which match only 发明) 1.00.
      const searcher = await demoSearcher(home);
      for (const fusion of [undefined, ...ATTAINABLE_FUSIONS, 'minmax-calibrated' as const]) {
        // Act
        const result = await searcher.search('谁发明了纸？', {
          detector,
          topK: 20,
          ...(fusion ? { fusion } : {}),
        });
        // Assess
        const ids = result.hits.map((h) => h.docId);
        const paper = ids.flatMap((id, rank) => (id.endsWith('-paper') ? [rank] : []));
        const telephone = ids.flatMap((id, rank) => (id.endsWith('-telephone') ? [rank] : []));
        expect(paper, fusion ?? 'default').toHaveLength(6);
        expect(Math.max(...paper), fusion ?? 'default').toBeLessThan(Math.min(...telephone));
        // Not a near tie either: min-max scores the first telephone passage as the last paper one.
        if (fusion === undefined) expect(result.hits[6]!.score).toBeLessThan(result.hits[5]!.score - 0.25);
      }
    });
  });

  it('does not push the query-language answer down by ties: the English telephone passage leads under min-max, RRF and the default', async () => {
    await withTempDir(async (home) => {
      // Prepare: under min-max every language's telephone passage scores 1.00.
      const searcher = await demoSearcher(home);
      for (const fusion of ['minmax', 'rrf', undefined] as const) {
        // Act
        const result = await searcher.search('Who invented the telephone?', {
          detector,
          topK: 10,
          ...(fusion ? { fusion } : {}),
        });
        // Assess
        expect(result.query.lang, fusion).toBe('en');
        expect(result.hits[0]!.docId, fusion).toBe('en-telephone');
      }
    });
  });

  it('ranks every telephone passage above everything else for an English query when fusing by attainable score', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const searcher = await demoSearcher(home);
      for (const fusion of ATTAINABLE_FUSIONS) {
        // Act
        const result = await searcher.search('Who invented the telephone?', { detector, topK: 10, fusion });
        // Assess: the eight answers first; English among the first two (the Chinese passage
        // says 电话 twice, a stronger match than a tie).
        const ids = result.hits.map((h) => h.docId);
        expect(
          ids.slice(0, 8).every((id) => id.endsWith('-telephone')),
          fusion,
        ).toBe(true);
        expect(ids.indexOf('en-telephone'), fusion).toBeLessThan(2);
      }
    });
  });

  it('reads the one-word query "Telefon" as German when its detected language reaches no lexicon', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const searcher = await demoSearcher(home);
      // Act
      const result = await searcher.search('Telefon', { detector, topK: 8 });
      // Assess
      expect(['detected', 'fallback']).toContain(result.query.source);
      if (result.query.source === 'fallback')
        expect(result.query.fallbackReason).toMatch(/no lexicon|analyzer/);
      expect(result.query.lang).toBe('de');
      expect(result.hits.every((h) => h.docId.endsWith('-telephone'))).toBe(true);
      expect(result.hits).toHaveLength(8);
    });
  });

  it('xlir demo prints the sample queries’ hits from other languages, each with its language', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const args = ['demo', '--home', home];
      // Act
      const code = await main(args);
      // Assess
      expect(code).toBe(0);
      const lines = stdout.join('\n').split('\n');
      const start = lines.findIndex((line) => line.startsWith('[de] Wer erfand das Telefon'));
      expect(start).toBeGreaterThanOrEqual(0);
      const end = lines.indexOf('', start);
      const block = lines.slice(start + 1, end).join('\n');
      expect(block).toContain('[en] en-telephone');
      expect(block).toContain('[zh] zh-telephone');
    });
  });

  it('serve --demo fills in the demo lexicons only where XLIR_LEXICONS is unset', async () => {
    await withTempDir(async (home) => {
      // Prepare
      const unset: Record<string, string | undefined> = { [ENV.home]: home };
      const set: Record<string, string | undefined> = {
        [ENV.indexes]: `mine=${home}/mine`,
        [ENV.lexicons]: '/srv/lexicons',
      };
      // Act
      const filledUnset = await applyDemoDefaults(unset);
      const filledSet = await applyDemoDefaults(set);
      // Assess
      expect(unset[ENV.lexicons]).toBe(demoLexiconsDir());
      expect(filledUnset.lexicons).toBe(demoLexiconsDir());
      expect(unset[ENV.indexes]).toMatch(/^demo=/);
      expect(set[ENV.lexicons]).toBe('/srv/lexicons');
      expect(set[ENV.indexes]).toBe(`mine=${home}/mine`);
      expect(filledSet).toEqual({});
    });
  });
});
