/**
 * A small XQuAD-R experiment end to end (en and de, 300 questions): BM25 must be far above a
 * random ranker monolingually, and PSQ must beat untranslated BM25 across languages, with the
 * en↔de lexicons built from the shared dictionaries as bench/xquad-r/build-lexicons.sh does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runXquadRExperiment, type ExperimentResults } from '../../lib/experiment/index.js';
import { toTsv } from '../../lib/lexicon/index.js';
import { importOmw, importXling } from '../../lib/lexicon/node.js';
import { openLexicons } from '../../lib/search/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { sharedPath } from './shared-data.js';

const QUERIES = 300;

async function enDeLexicons(dir: string): Promise<string> {
  const folder = join(dir, 'lexicons');
  await mkdir(folder);
  const options = { srcLang: 'en', tgtLang: 'de' };
  const xling = await importXling(
    sharedPath('lexicons', 'xling', 'en-de', 'yacle.train.freq.5k.en-de.tsv'),
    options,
  );
  const omw = await importOmw(
    sharedPath('lexicons', 'omw-wikt', 'wn-wikt-eng.tab'),
    sharedPath('lexicons', 'omw-wikt', 'wn-wikt-deu.tab'),
    options,
  );
  await writeFile(join(folder, 'en-de.xling.tsv'), toTsv(xling.lexicon));
  await writeFile(join(folder, 'en-de.omw.tsv'), toTsv(omw.lexicon));
  return folder;
}

function mean(
  data: ExperimentResults,
  setting: string,
  pair: string,
  system: string,
  metric: string,
): number {
  const [queryLang, docLang] = pair.split('→');
  const r = data.results.find(
    (x) => x.setting === setting && x.queryLang === queryLang && x.docLang === docLang && x.system === system,
  );
  if (!r) throw new Error(`no result for ${setting} ${pair} ${system}`);
  return r.mean[metric]!;
}

describe('XQuAD-R first stage, en and de', () => {
  it('ranks far above chance monolingually, and PSQ beats untranslated BM25 across languages', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const lexicons = await openLexicons(await enDeLexicons(dir));
      // Act
      const data = await runXquadRExperiment({
        dataDir: sharedPath('xquad-r'),
        lexicons,
        outDir: join(dir, 'out'),
        langs: ['en', 'de'],
        queries: QUERIES,
      });
      // Assess
      // A random ranking of ~1,200 sentences puts the one relevant sentence at rank r with
      // probability 1/N, so its expected MAP is H_N / N < 0.01.
      const sentences = 1180;
      let harmonic = 0;
      for (let r = 1; r <= sentences; r++) harmonic += 1 / r;
      const randomMap = harmonic / sentences;
      for (const lang of ['en', 'de']) {
        expect(mean(data, 'moir', `${lang}→${lang}`, 'bm25', 'map')).toBeGreaterThan(
          Math.max(0.6, 50 * randomMap),
        );
      }
      for (const pair of ['en→de', 'de→en']) {
        const psq = mean(data, 'clir', pair, 'psq', 'map');
        const bm25 = mean(data, 'clir', pair, 'bm25', 'map');
        console.log(`XQuAD-R CLIR ${pair}: MAP bm25 ${bm25.toFixed(4)}, psq ${psq.toFixed(4)}`);
        expect(psq).toBeGreaterThan(bm25 + 0.1);
        expect(mean(data, 'clir', pair, 'psq', 'recall@100')).toBeGreaterThan(0.7);
        const test = data.comparisons.find(
          (c) => c.setting === 'clir' && `${c.queryLang}→${c.docLang}` === pair && c.metric === 'map',
        )!;
        expect(test.pHolm).toBeLessThan(0.05);
      }
      for (const lang of ['en', 'de']) {
        for (const fusion of ['minmax', 'zscore', 'rrf']) {
          expect(mean(data, 'mlir', `${lang}→all`, `psq+${fusion}`, 'map')).toBeGreaterThan(
            mean(data, 'mlir', `${lang}→all`, 'bm25', 'map'),
          );
        }
      }
    });
  });
});
