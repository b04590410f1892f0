import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TrainingDataError, type TrainingExample } from '../../lib/codeswitch/index.js';
import {
  detectFormat,
  JsonlWriter,
  openExamples,
  openTextInput,
  readJsonlExamples,
  readMsmarcoTriples,
} from '../../lib/training-data/index.js';
import {
  JSONL_RECORDS,
  jsonl,
  squadJson,
  TRIPLES,
  triplesTsv,
  withTempDir,
  writeFixture,
} from './fixtures.js';

async function collect(examples: AsyncIterable<TrainingExample>): Promise<TrainingExample[]> {
  const out: TrainingExample[] = [];
  for await (const example of examples) out.push(example);
  return out;
}

async function triples(dir: string, content: string | Uint8Array): Promise<TrainingExample[]> {
  const path = await writeFixture(dir, 'triples.tsv', content);
  return collect(readMsmarcoTriples(await openTextInput(path)));
}

describe('MS MARCO triples reader', () => {
  it('groups consecutive lines of one query into one example', async () => {
    await withTempDir(async (dir) => {
      // Act
      const examples = await triples(dir, triplesTsv());
      // Assess: the third query is new, and the first query returning after it starts a new example.
      expect(examples.map((e) => e.query)).toEqual([TRIPLES[0]![0], TRIPLES[2]![0], TRIPLES[3]![0]]);
      expect(examples[0]).toMatchObject({
        pos: [TRIPLES[0]![1]],
        neg: [TRIPLES[0]![2], TRIPLES[1]![2]],
        query_lang: 'en',
        doc_lang: 'en',
      });
      expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
    });
  });

  it('reads CRLF and gzip-compressed files like plain ones', async () => {
    await withTempDir(async (dir) => {
      // Act
      const plain = await triples(dir, triplesTsv());
      const crlf = await triples(dir, triplesTsv(TRIPLES, '\r\n'));
      const gzipped = await triples(dir, gzipSync(triplesTsv()));
      // Assess
      expect(crlf).toEqual(plain);
      expect(gzipped).toEqual(plain);
    });
  });

  it('names file and line of a malformed line', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const path = await writeFixture(dir, 'bad.tsv', `${triplesTsv().trimEnd()}\nonly\ttwo\n`);
      // Act
      const read = collect(readMsmarcoTriples(await openTextInput(path)));
      // Assess
      await expect(read).rejects.toThrow(TrainingDataError);
      await expect(read).rejects.toThrow(`${path}:${TRIPLES.length + 1}:`);
    });
  });
});

describe('JSONL reader', () => {
  it('keeps extra fields, accepts a single positive string and defaults ids and languages', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const path = await writeFixture(dir, 'train.jsonl', jsonl());
      // Act
      const examples = await collect(readJsonlExamples(await openTextInput(path), { lang: 'de' }));
      // Assess
      expect(examples[0]).toMatchObject({ ...JSONL_RECORDS[0], query_lang: 'de', doc_lang: 'de' });
      expect(examples[1]).toMatchObject({ pos: [JSONL_RECORDS[1]!.pos], neg: [], id: 'train.jsonl:2' });
    });
  });

  it.each([
    ['not JSON', '{"query": '],
    ['no query', '{"pos": ["a"]}'],
    ['empty pos', '{"query": "q", "pos": []}'],
    ['bad neg', '{"query": "q", "pos": ["a"], "neg": [1]}'],
  ])('rejects a line with %s, naming file:line', async (_why, line) => {
    await withTempDir(async (dir) => {
      // Prepare
      const path = await writeFixture(dir, 'bad.jsonl', `${jsonl().trimEnd()}\n\n${line}\n`);
      // Act
      const read = collect(readJsonlExamples(await openTextInput(path)));
      // Assess: line 3 is blank and skipped, the bad record is on line 4.
      await expect(read).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: `));
    });
  });
});

describe('format detection and the writer', () => {
  it('tells the three formats apart by content and rejects anything else', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const files = {
        squad: await writeFixture(dir, 'a', squadJson()),
        jsonl: await writeFixture(dir, 'b', jsonl()),
        msmarco: await writeFixture(dir, 'c', triplesTsv()),
      };
      const other = await writeFixture(dir, 'd', 'just some prose\n');
      // Act
      const detected = await Promise.all(Object.values(files).map((path) => detectFormat(path)));
      // Assess
      expect(detected).toEqual(Object.keys(files));
      await expect(detectFormat(other)).rejects.toThrow(TrainingDataError);
    });
  });

  it('writes JSONL that reads back to the same examples', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const source = await openExamples(await writeFixture(dir, 'in.tsv', triplesTsv()), 'auto');
      const examples = await collect(source.examples);
      const out = `${dir}/out.jsonl`;
      // Act
      const writer = await JsonlWriter.open(out);
      for (const example of examples) await writer.write(example);
      await writer.close();
      const back = await collect((await openExamples(out, 'auto')).examples);
      // Assess
      expect(writer.count).toBe(examples.length);
      expect(back).toEqual(examples);
    });
  });

  it('fails in one line for a missing input or an unwritable output', async () => {
    await withTempDir(async (dir) => {
      // Act
      const missing = openTextInput(`${dir}/nope.tsv`);
      const unwritable = JsonlWriter.open(`${dir}/no/such/dir/out.jsonl`);
      // Assess
      await expect(missing).rejects.toThrow(TrainingDataError);
      await expect(unwritable).rejects.toThrow(TrainingDataError);
    });
  });
});
