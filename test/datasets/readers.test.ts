import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DatasetFormatError,
  parseMiraclTopics,
  parseMmarcoQrels,
  readMiraclCorpus,
  readMiraclQrels,
  readMiraclTopics,
  readMmarcoCollection,
  readMmarcoQrels,
  readMmarcoQueries,
  writeCorpus,
  type DatasetDoc,
} from '../../lib/datasets/index.js';
import { openCorpusFile } from '../../lib/index/node.js';
import { withTempDir } from '../helpers/corpus.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('MIRACL readers', () => {
  it('read topics, qrels with their Q0 column and judged-0 passages, and corpus JSONL', async () => {
    // Act
    const topics = await readMiraclTopics(join(FIXTURES, 'miracl', 'topics.tsv'));
    const qrels = await readMiraclQrels(join(FIXTURES, 'miracl', 'qrels.tsv'));
    const docs = await collect(readMiraclCorpus([join(FIXTURES, 'miracl', 'corpus.jsonl')], 'de'));
    // Assess
    expect([...topics]).toEqual([
      ['101#0', 'Wo liegt Mainz?'],
      ['102#0', 'Wer erfand den Buchdruck?'],
    ]);
    expect(qrels.get('101#0')).toEqual(
      new Map([
        ['7#1', 1],
        ['7#2', 0],
      ]),
    );
    expect(docs[2]).toEqual({
      id: '9#0',
      lang: 'de',
      title: 'Johannes Gutenberg',
      text: 'Gutenberg erfand den Buchdruck mit beweglichen Lettern.',
    });
  });

  it('reads gzipped corpus parts one after the other', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const text = await readFile(join(FIXTURES, 'miracl', 'corpus.jsonl'));
      const part = join(dir, 'docs-1.jsonl.gz');
      await writeFile(part, gzipSync(text));
      // Act
      const docs = await collect(readMiraclCorpus([join(FIXTURES, 'miracl', 'corpus.jsonl'), part], 'de'));
      // Assess
      expect(docs.map((d) => d.id)).toEqual(['7#1', '7#2', '9#0', '7#1', '7#2', '9#0']);
    });
  });

  it('names the file and line of a malformed topic or passage', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const corpus = join(dir, 'bad.jsonl');
      await writeFile(corpus, '{"docid": "1#0", "text": "ok"}\n{"id": "1#1"}\n');
      // Act
      const topics = () => parseMiraclTopics('q1\tfine\nno tab here\n', 'topics.tsv');
      const passages = collect(readMiraclCorpus([corpus], 'de'));
      // Assess
      expect(topics).toThrow(new DatasetFormatError('topics.tsv:2: expected qid<TAB>query (MIRACL topics)'));
      await expect(passages).rejects.toThrow(`${corpus}:2: expected {"docid"`);
    });
  });
});

describe('mMARCO readers', () => {
  it('read the collection, queries and MS MARCO qrels', async () => {
    // Act
    const docs = await collect(readMmarcoCollection(join(FIXTURES, 'mmarco', 'collection.tsv'), 'pt'));
    const queries = await readMmarcoQueries(join(FIXTURES, 'mmarco', 'queries.tsv'));
    const qrels = await readMmarcoQrels(join(FIXTURES, 'mmarco', 'qrels.tsv'));
    // Assess: a tab inside a passage is kept as a space.
    expect(docs).toEqual([
      { id: '0', lang: 'pt', text: 'O rio Amazonas corre pelo Brasil.' },
      { id: '1', lang: 'pt', text: 'A capital de Portugal é Lisboa. (fonte)' },
    ]);
    expect(queries.get('1001')).toBe('onde corre o amazonas');
    expect(qrels).toEqual(
      new Map([
        ['1000', new Map([['1', 1]])],
        ['1001', new Map([['0', 1]])],
      ]),
    );
  });

  it('accepts two-column qrels (every listed pair relevant) and rejects other shapes', () => {
    // Act
    const pairs = parseMmarcoQrels('7\t70\n7\t71\n');
    const bad = () => parseMmarcoQrels('7 0 70\n', 'qrels.tsv');
    // Assess
    expect(pairs.get('7')).toEqual(
      new Map([
        ['70', 1],
        ['71', 1],
      ]),
    );
    expect(bad).toThrow('qrels.tsv:1: expected qid 0 pid rel, or qid<TAB>pid');
  });
});

describe('writeCorpus', () => {
  it('writes corpus JSONL that the index builder reads back unchanged', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const docs: DatasetDoc[] = [
        { id: 'a', lang: 'de', title: 'T', text: 'Erster "Satz".' },
        { id: 'b', lang: 'en', text: 'Second line\nwith a break.' },
      ];
      const path = join(dir, 'corpus.jsonl');
      // Act
      const written = await writeCorpus(path, docs);
      const read = await collect((await openCorpusFile(path)).records);
      // Assess
      expect(written).toBe(2);
      expect(read.map(({ id, lang, title, text }) => ({ id, lang, title, text }))).toEqual([
        { id: 'a', lang: 'de', title: 'T', text: 'Erster "Satz".' },
        { id: 'b', lang: 'en', title: undefined, text: 'Second line\nwith a break.' },
      ]);
    });
  });
});
