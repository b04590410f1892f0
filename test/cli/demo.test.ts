/**
 * The demo searches across languages: the demo index with the hand-written demo lexicons, as
 * `xlir demo` and `xlir serve --demo` (npm start) use them.
 */
import { describe, expect, it } from 'vitest';
import { ENV } from '../../lib/api/index.js';
import { demoLexiconsDir, openDemoIndex } from '../../lib/cli/commands/demo.js';
import { applyDemoDefaults } from '../../lib/cli/commands/serve.js';
import { main } from '../../lib/cli/main.js';
import { CrossLingualSearcher, LexiconCatalog, Searcher } from '../../lib/search/index.js';
import { captureCliOutput } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';

const { stdout } = captureCliOutput();
const TOP_K = 10;

/** PSQ over every language of the demo index (built under `home`), translated with the demo lexicons. */
async function demoSearcher(home: string): Promise<CrossLingualSearcher> {
  const reader = await openDemoIndex(home);
  return new CrossLingualSearcher(
    new Searcher(reader),
    await LexiconCatalog.fromDirectory(demoLexiconsDir()),
  );
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
