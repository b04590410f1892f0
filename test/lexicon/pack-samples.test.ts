/**
 * samples/lexicon-pack (what the stack deploys by default) is the demo lexicons of samples/lexicons
 * packed, byte for byte in what it holds: if the folder changes, this fails until the pack is
 * rebuilt with `xlir lexicon pack --input samples/lexicons --out samples/lexicon-pack`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromTsv, openLexiconPack, toTsv } from '../../lib/lexicon/index.js';
import { LEXICON_FILE_RE } from '../../lib/search/node.js';
import { FileStore } from '../../lib/storage/node.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const REBUILD = 'rebuild it: xlir lexicon pack --input samples/lexicons --out samples/lexicon-pack';

describe('samples/lexicon-pack', () => {
  it('holds exactly the lexicons of samples/lexicons', async () => {
    const pack = await openLexiconPack(new FileStore(`${SAMPLES}lexicon-pack`));
    const files = (await readdir(`${SAMPLES}lexicons`)).filter((name) => LEXICON_FILE_RE.test(name)).sort();
    expect(pack.directions, REBUILD).toEqual(files.map((name) => name.replace(/\.tsv$/, '')));
    for (const name of files) {
      const [src, tgt] = name.replace(/\.tsv$/, '').split('-') as [string, string];
      const folder = fromTsv(await readFile(`${SAMPLES}lexicons/${name}`, 'utf8'), {
        srcLang: src,
        tgtLang: tgt,
        id: name,
      });
      expect(toTsv(await pack.load(src, tgt)), `${name}: ${REBUILD}`).toBe(toTsv(folder));
    }
  });
});
