/**
 * openLexicons over a pack and over a plain folder: the same lexicons translate identically
 * whichever way they are stored, a pack opens with one GET and costs one more per direction a
 * translation needs, and a plain folder of TSV files keeps working.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromTsv, merge, openLexiconPack } from '../../lib/lexicon/index.js';
import { writeLexiconPack, type LexiconPackInput } from '../../lib/lexicon/node.js';
import { catalogFromPack, type LexiconCatalog } from '../../lib/search/index.js';
import { openLexicons } from '../../lib/search/node.js';
import { withLatency } from '../../lib/storage/index.js';
import { FileStore, openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

/** Two files of en-de (merged with equal weights) and one of en-fr, as `xlir lexicon import` writes them. */
const FILES: Record<string, string> = {
  'en-de.muse.tsv': 'house\tHaus\t1\nhouse\tGebäude\t0.5\nriver\tFluss\t1\nwater\tWasser\t1\n',
  'en-de.wiki.tsv': 'house\tHaus\t0.3\nhouse\tHeim\t0.7\nbook\tBuch\t1\n',
  'en-fr.tsv': 'house\tmaison\t1\nriver\tfleuve\t0.6\nriver\trivière\t0.4\nbook\tlivre\t1\n',
};
const WORDS = ['house', 'river', 'water', 'book'];

async function writeFolder(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  return dir;
}

/** What `xlir lexicon pack` makes of FILES: one lexicon per direction, files merged with weight 1. */
function packInputs(): LexiconPackInput[] {
  const lexicon = (name: string, tgtLang: string) =>
    fromTsv(FILES[name]!, { srcLang: 'en', tgtLang, id: name });
  const muse = lexicon('en-de.muse.tsv', 'de');
  const wiki = lexicon('en-de.wiki.tsv', 'de');
  return [
    {
      lexicon: merge([
        { lexicon: muse, weight: 1 },
        { lexicon: wiki, weight: 1 },
      ]),
      sources: [
        { id: muse.id, weight: 1 },
        { id: wiki.id, weight: 1 },
      ],
    },
    { lexicon: lexicon('en-fr.tsv', 'fr') },
  ];
}

/** Every word's translations into each language, through the catalog's translators. */
async function translations(catalog: LexiconCatalog, pairs: Array<[string, string]>): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const [src, tgt] of pairs) {
    const translator = await catalog.translator(src, tgt);
    const analyzer = getAnalyzer(src);
    const words = src === 'en' ? WORDS : ['Haus', 'Fluss', 'maison', 'livre'];
    for (const word of words) {
      for (const key of analyzer.analyze(word)) out[`${src}-${tgt}:${key}`] = translator.translate(key);
    }
  }
  return out;
}

const PAIRS: Array<[string, string]> = [
  ['en', 'de'],
  ['en', 'fr'],
  ['de', 'en'],
  ['de', 'fr'],
];

describe('openLexicons', () => {
  it('translates the same from a pack (folder, file://) as from the plain folder of TSV files', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const folder = await writeFolder(join(dir, 'tsv'));
      const packDir = join(dir, 'pack');
      await writeLexiconPack(new FileStore(packDir), packInputs());
      // Act
      const fromFolder = await openLexicons(folder);
      const fromPackDir = await openLexicons(packDir);
      const fromFileUri = await openLexicons(`file://${packDir}`);
      // Assess
      expect(fromPackDir.directions).toEqual(['en-de', 'en-fr']);
      expect(fromFolder.directions).toEqual(['en-de', 'en-fr']);
      const expected = await translations(fromFolder, PAIRS);
      expect(Object.keys(expected as object).length).toBeGreaterThan(8);
      expect(await translations(fromPackDir, PAIRS)).toEqual(expected);
      expect(await translations(fromFileUri, PAIRS)).toEqual(expected);
    });
  });

  it('treats a folder without lexicons.json as TSV files, and a file:// URI without one as a broken pack', async () => {
    await withTempDir(async (dir) => {
      const folder = await writeFolder(join(dir, 'tsv'));
      const catalog = await openLexicons(folder);
      expect((await catalog.translator('en', 'fr')).translate('book')).toEqual([{ term: 'livr', p: 1 }]);
      await expect(openLexicons(`file://${folder}`)).rejects.toThrow(/^lexicon pack: no lexicons\.json/);
      await expect(openLexicons(join(dir, 'absent'))).rejects.toThrow(/cannot read the lexicon folder/);
    });
  });

  it('costs one GET to open a pack and one per direction a translation uses', async () => {
    await withTempDir(async (dir) => {
      await writeLexiconPack(new FileStore(dir), packInputs());
      const store = withLatency(new FileStore(dir), 0);
      const catalog = catalogFromPack(await openLexiconPack(store), store.uri);
      expect(store.requestCount).toBe(1);
      await catalog.translator('en', 'de');
      expect(store.requestCount).toBe(2);
      await catalog.translator('de', 'en'); // en-de inverted: already loaded
      await catalog.translator('en', 'de');
      expect(store.requestCount).toBe(2);
      await catalog.translator('de', 'fr'); // de→en→fr: only en-fr is new
      expect(store.requestCount).toBe(3);
    });
  });

  describe('from s3:// (s3rver)', () => {
    let s3: S3rverHandle;
    beforeAll(async () => {
      s3 = await startS3rver('xlir-lexicon-sources');
    });
    afterAll(async () => {
      await s3.stop();
    });

    it('opens a pack by its s3:// URI and translates like the folder', async () => {
      await withTempDir(async (dir) => {
        const uri = `s3://${s3.bucket}/lexicons`;
        await writeLexiconPack(openStore(uri, { memoryCacheBytes: 0 }), packInputs());
        const fromS3 = await openLexicons(uri);
        const fromFolder = await openLexicons(await writeFolder(dir));
        expect(await translations(fromS3, PAIRS)).toEqual(await translations(fromFolder, PAIRS));
        const counted = withLatency(openStore(uri, { memoryCacheBytes: 0 }), 0);
        const catalog = catalogFromPack(await openLexiconPack(counted), counted.uri);
        await catalog.translator('en', 'fr');
        expect(counted.requestCount).toBe(2);
      });
    });
  });
});
