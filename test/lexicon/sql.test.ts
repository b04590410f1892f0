import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  importWikipediaSql,
  SqlTupleParser,
  streamSqlTuples,
  type SqlValue,
} from '../../lib/lexicon/node.js';
import { EN_DE, withTempFiles } from './helpers.js';

const CHUNK_BYTES = 7;

/** A dump preamble whose parentheses, quotes and a decoy INSERT must not be taken for langlinks values. */
const LANGLINKS_SQL = String.raw`-- MySQL dump 10.19
/*!40101 SET NAMES binary */;
CREATE TABLE ${'`langlinks`'} (
  ${'`ll_lang`'} varbinary(35) NOT NULL DEFAULT '',
  PRIMARY KEY (${'`ll_from`'},${'`ll_lang`'})
) ENGINE=InnoDB;
INSERT INTO ${'`other`'} VALUES (9,'de','INSERT INTO ${'`langlinks`'} VALUES (7,\'x\',\'y\')');
INSERT INTO ${'`langlinks`'} VALUES (1,'de','Merkur_(Planet)'),(1,'fr','Mercure (planète)'),(2,'de','Zürich'),(3,'de','O\'Brien \\ \"Haus\"\n');
INSERT INTO ${'`langlinks`'} VALUES (4,'de','Kategorie:Planet'),(5,'de','New_York_City'),(6,'de','It''s'),(7,'de',NULL);
`;

const PAGE_SQL = String.raw`INSERT INTO ${'`page`'} VALUES (1,0,'Mercury_(planet)',0,0,0.5,'20240101000000',NULL,1,2,'wikitext',NULL),(2,0,'Zurich',0,0,0.1,'20240101000000',NULL,1,2,'wikitext',NULL);
INSERT INTO ${'`page`'} VALUES (3,0,'O\'Brien',0,0,0.1,'x',NULL,1,2,'wikitext',NULL),(4,14,'Planets',0,0,0.1,'x',NULL,1,2,'wikitext',NULL),(5,0,'New_York_City',0,0,0.1,'x',NULL,1,2,'wikitext',NULL),(6,0,'It\'s',0,0,0.1,'x',NULL,1,2,'wikitext',NULL);
`;

/** The text as bytes cut into small chunks, so tokens and UTF-8 sequences straddle chunk boundaries. */
async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(tuples: AsyncIterable<SqlValue[]>): Promise<SqlValue[][]> {
  const out: SqlValue[][] = [];
  for await (const tuple of tuples) out.push(tuple);
  return out;
}

describe('SQL dump streaming', () => {
  it('reads every tuple of the wanted table from 7-byte chunks', async () => {
    // Act
    const tuples = await collect(streamSqlTuples(chunked(LANGLINKS_SQL, CHUNK_BYTES), 'langlinks'));
    // Assess
    expect(tuples).toEqual([
      [1, 'de', 'Merkur_(Planet)'],
      [1, 'fr', 'Mercure (planète)'],
      [2, 'de', 'Zürich'],
      [3, 'de', 'O\'Brien \\ "Haus"\n'],
      [4, 'de', 'Kategorie:Planet'],
      [5, 'de', 'New_York_City'],
      [6, 'de', "It's"],
      [7, 'de', null],
    ]);
  });

  it('gives the same tuples whole as chunked', async () => {
    const whole = await collect(streamSqlTuples(chunked(PAGE_SQL, PAGE_SQL.length * 4), 'page'));
    const pieces = await collect(streamSqlTuples(chunked(PAGE_SQL, CHUNK_BYTES), 'page'));
    expect(pieces).toEqual(whole);
    expect(whole.map((t) => t[2])).toEqual([
      'Mercury_(planet)',
      'Zurich',
      "O'Brien",
      'Planets',
      'New_York_City',
      "It's",
    ]);
  });

  it('reports malformed and truncated dumps', () => {
    const malformed = new SqlTupleParser('t');
    expect(() => malformed.push("INSERT INTO `t` VALUES (1,'a' x)")).toThrow(
      /malformed SQL near character 30/,
    );
    const truncated = new SqlTupleParser('t');
    expect(truncated.push("INSERT INTO `t` VALUES (1,'a")).toEqual([]);
    expect(() => truncated.end()).toThrow(/truncated file\?/);
  });
});

describe('Wikipedia SQL importer', () => {
  it('joins langlinks with article pages and cleans both titles', async () => {
    await withTempFiles(async (write) => {
      // Prepare
      const langlinks = await write('enwiki-langlinks.sql.gz', gzipSync(LANGLINKS_SQL));
      const page = await write('enwiki-page.sql', PAGE_SQL);
      // Act
      const { lexicon, skipped } = await importWikipediaSql({ langlinks, page }, EN_DE);
      // Assess
      expect(skipped).toBe(1);
      expect(lexicon.translations('mercury')).toEqual([{ tgt: 'Merkur', p: 1 }]);
      expect(lexicon.top('Zurich')?.tgt).toBe('Zürich');
      expect(lexicon.top("it's")?.tgt).toBe("It's");
      expect(lexicon.longestMatch(['New', 'York', 'City'], 0)?.length).toBe(3);
      expect(lexicon.has('planets')).toBe(false);
      expect(lexicon.size).toBe(5);
    });
  });

  it('says when no link to the target language was found', async () => {
    await withTempFiles(async (write) => {
      const langlinks = await write('langlinks.sql', LANGLINKS_SQL);
      const page = await write('page.sql', PAGE_SQL);
      const options = { srcLang: 'en', tgtLang: 'ja' };
      await expect(importWikipediaSql({ langlinks, page }, options)).rejects.toThrow(
        `no entries read from ${langlinks}: is it a langlinks SQL dump with 'ja' links?`,
      );
    });
  });
});
