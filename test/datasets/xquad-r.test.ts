import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError, parseXquadR, readXquadR, xquadRQrels } from '../../lib/datasets/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/xquad-r/', import.meta.url));

describe('XQuAD-R conversion', () => {
  it('turns every sentence into a document and each question into a topic judged by its answer sentence', async () => {
    // Act
    const [en] = await readXquadR(FIXTURES, ['en']);
    // Assess
    expect(en!.docs.map((d) => d.id)).toEqual(['en-0-0-0', 'en-0-0-1', 'en-1-0-0', 'en-1-1-0', 'en-1-1-1']);
    expect(en!.docs[1]).toEqual({ id: 'en-0-0-1', lang: 'en', text: 'He was born in Edinburgh in 1847.' });
    expect(en!.topics.get('q2')).toBe('Where was Bell born?');
    expect([...en!.relevant]).toEqual([
      ['q1', 'en-0-0-0'],
      ['q2', 'en-0-0-1'],
      ['q3', 'en-1-1-0'],
      ['q4', 'en-1-1-1'],
    ]);
  });

  it('builds CLIR qrels from one document language and MLIR qrels from all of them', async () => {
    // Prepare
    const [en, de] = await readXquadR(FIXTURES, ['en', 'de']);
    // Act
    const clir = xquadRQrels([de!]);
    const mlir = xquadRQrels([en!, de!]);
    // Assess: the parallel question q4 is answered by the German paragraph's second sentence.
    expect(clir.get('q4')).toEqual(new Map([['de-1-1-1', 1]]));
    expect(mlir.get('q4')).toEqual(
      new Map([
        ['en-1-1-1', 1],
        ['de-1-1-1', 1],
      ]),
    );
    expect(mlir.size).toBe(4);
  });

  it('assigns an answer that starts between two sentences to the sentence after the gap', () => {
    // Prepare: breaks leave character 5 (a space) outside both sentences.
    const json = {
      data: [
        {
          paragraphs: [
            {
              sentences: ['One.', 'Two words.'],
              sentence_breaks: [
                [0, 4],
                [5, 15],
              ],
              qas: [{ id: 'x', question: 'Which?', answers: [{ answer_start: 4 }] }],
            },
          ],
        },
      ],
    };
    // Act
    const parsed = parseXquadR(json, 'en');
    // Assess
    expect(parsed.relevant.get('x')).toBe('en-0-0-1');
  });

  it('rejects a paragraph whose sentence breaks do not match its sentences', () => {
    // Prepare
    const json = { data: [{ paragraphs: [{ sentences: ['a', 'b'], sentence_breaks: [[0, 1]], qas: [] }] }] };
    // Act
    const parse = () => parseXquadR(json, 'en', 'en.json');
    // Assess
    expect(parse).toThrow(DatasetFormatError);
    expect(parse).toThrow(
      'en.json: article 0, paragraph 0: "sentence_breaks" must hold one [start, end] per sentence',
    );
  });

  it('says which file is missing', async () => {
    // Act
    const read = readXquadR(FIXTURES, ['xx']);
    // Assess
    await expect(read).rejects.toThrow(`cannot read ${join(FIXTURES, 'xx.json')}`);
  });
});
