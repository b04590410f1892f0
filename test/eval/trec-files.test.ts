import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  EvalError,
  formatQrels,
  formatRun,
  formatTopics,
  parseQrels,
  parseRun,
  parseTopics,
  readQrels,
  readRun,
  readTopics,
  TrecFormatError,
  writeQrels,
  writeRun,
  writeTopics,
  type Run,
} from '../../lib/eval/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { QRELS_TEXT, RUN_TEXT } from './fixtures.js';

describe('parseRun', () => {
  it('reads entries in file order, ignoring the rank, Q0 and tag columns', () => {
    // Act
    const run = parseRun(RUN_TEXT);
    // Assess
    expect([...run.keys()]).toEqual(['q1', 'q2', 'q3', 'q5']);
    expect(run.get('q1')!.map((e) => e.docid)).toEqual(['d1', 'dX', 'd3', 'd2', 'd4']);
    expect(run.get('q3')).toEqual([{ docid: 'f1', score: 9 }]);
  });

  it('accepts tabs, runs of spaces, CRLF, a BOM and blank lines', () => {
    const run = parseRun('\uFEFFq1\tQ0  d1 1 1e-3 tag\r\n\r\n  q1 Q0 d2 2 -4 tag\n');
    expect(run.get('q1')).toEqual([
      { docid: 'd1', score: 0.001 },
      { docid: 'd2', score: -4 },
    ]);
  });

  it('splits on ASCII whitespace only, like trec_eval (C isspace)', () => {
    const run = parseRun('q1 Q0 d\u00A01 1 1 s\nq1 Q0 d\u30002 2 1 s\n');
    expect(run.get('q1')!.map((e) => e.docid)).toEqual(['d\u00A01', 'd\u30002']);
  });

  it.each([
    [
      'q1 Q0 d1 1 1.0 sys\nq1 Q0 d2 2 1.0\n',
      /^run\.txt:2: expected 6 whitespace-separated columns \(qid Q0 docid rank score tag\), found 5$/,
    ],
    ['q1 Q0 d1 1 high sys\n', /^run\.txt:1: score 'high' is not a finite number$/],
    ['q1 Q0 d1 1 NaN sys\n', /^run\.txt:1: score 'NaN' is not a finite number$/],
    [
      'q1 Q0 d1 1 1 s\nq2 Q0 d1 1 1 s\nq1 Q0 d1 3 0.5 s\n',
      /^run\.txt:3: duplicate docid 'd1' for query 'q1' \(first on line 1\)$/,
    ],
    ['# a comment\nq1 Q0 d1 1 1 s\n', /^run\.txt:1: expected 6/],
  ])('rejects %j with a one-line file:line error', (text, message) => {
    expect(() => parseRun(text, 'run.txt')).toThrow(TrecFormatError);
    expect(() => parseRun(text, 'run.txt')).toThrow(message);
  });
});

describe('parseQrels', () => {
  it('reads judgements, skipping comment lines', () => {
    // Act
    const qrels = parseQrels(QRELS_TEXT);
    // Assess
    expect([...qrels.keys()]).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect([...qrels.get('q1')!]).toEqual([
      ['d1', 1],
      ['d2', 0],
      ['d3', 2],
      ['d4', 1],
    ]);
  });

  it.each([
    ['q1 0 d1\n', /^qrels:1: expected 4 whitespace-separated columns \(qid iter docid rel\), found 3$/],
    ['q1 0 d1 1\nq1 0 d2 yes\n', /^qrels:2: relevance 'yes' is not an integer$/],
    ['q1 0 d1 0.5\n', /^qrels:1: relevance '0.5' is not an integer$/],
    [
      'q1 0 d1 1\nq1 1 d1 2\n',
      /^qrels:2: duplicate judgement of docid 'd1' for query 'q1' \(first on line 1\)$/,
    ],
  ])('rejects %j with a one-line file:line error', (text, message) => {
    expect(() => parseQrels(text, 'qrels')).toThrow(message);
  });

  it('carries the source and line on the error', () => {
    try {
      parseQrels('q1 0 d1 1\n\nq1 0 d2\n', 'judged.qrels');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TrecFormatError);
      expect((error as TrecFormatError).source).toBe('judged.qrels');
      expect((error as TrecFormatError).line).toBe(3);
    }
  });
});

describe('parseTopics', () => {
  it('reads qid<TAB>query lines', () => {
    const topics = parseTopics('1\twho invented the telephone\r\n2\t# hashtags are text\n');
    expect([...topics]).toEqual([
      ['1', 'who invented the telephone'],
      ['2', '# hashtags are text'],
    ]);
  });

  it.each([
    ['1 no tab here\n', /^topics:1: expected 2 tab-separated columns \(qid, query\), found 1$/],
    ['1\ta\tb\n', /^topics:1: expected 2 tab-separated columns/],
    ['1\tfirst\n1\tsecond\n', /^topics:2: duplicate qid '1' \(first on line 1\)$/],
    ['\tno qid\n', /^topics:1: qid '' is empty/],
  ])('rejects %j', (text, message) => {
    expect(() => parseTopics(text, 'topics')).toThrow(message);
  });
});

describe('writers', () => {
  it('write a canonical run: qids in order, trec_eval ranking, ranks from 1', () => {
    // Prepare
    const run = parseRun(RUN_TEXT);
    // Act
    const text = formatRun(run, 'mine');
    // Assess
    expect(text.split('\n').slice(0, 6)).toEqual([
      'q1 Q0 d3 1 3 mine',
      'q1 Q0 dX 2 2 mine',
      'q1 Q0 d1 3 2 mine',
      'q1 Q0 d2 4 1 mine',
      'q1 Q0 d4 5 0.5 mine',
      'q2 Q0 e2 1 1 mine',
    ]);
    expect(text.endsWith('q5 Q0 h1 1 1 mine\n')).toBe(true);
  });

  it('keep scores that differ beyond 6 decimals apart, so no ties appear on reading back', () => {
    // Prepare: toFixed(6) would write both as 0.123457 and trec_eval would reorder them by docid.
    const run: Run = new Map([
      [
        'q',
        [
          { docid: 'a', score: 0.1234567 },
          { docid: 'b', score: 0.12345671 },
        ],
      ],
    ]);
    // Act
    const back = parseRun(formatRun(run, 't'));
    // Assess
    expect(back.get('q')).toEqual([
      { docid: 'b', score: 0.12345671 },
      { docid: 'a', score: 0.1234567 },
    ]);
  });

  it('round-trip qrels and topics through the parsers', () => {
    const qrels = parseQrels(QRELS_TEXT);
    expect(parseQrels(formatQrels(qrels))).toEqual(qrels);
    expect(formatQrels(qrels).split('\n')[0]).toBe('q1 0 d1 1');
    const topics = new Map([
      ['10', 'ten'],
      ['9', 'nine'],
    ]);
    expect(formatTopics(topics)).toBe('9\tnine\n10\tten\n');
    expect(parseTopics(formatTopics(topics))).toEqual(new Map([...topics].reverse()));
  });

  it('refuse what the parsers could not read back', () => {
    const spaced: Run = new Map([['q', [{ docid: 'a b', score: 1 }]]]);
    expect(() => formatRun(spaced, 't')).toThrow(EvalError);
    expect(() => formatRun(spaced, 't')).toThrow(/docid 'a b'/);
    expect(() => formatRun(new Map(), 'two words')).toThrow(/run tag/);
    const infinite: Run = new Map([['q', [{ docid: 'a', score: Infinity }]]]);
    expect(() => formatRun(infinite, 't')).toThrow(/score Infinity/);
    const dup: Run = new Map([
      [
        'q',
        [
          { docid: 'a', score: 1 },
          { docid: 'a', score: 2 },
        ],
      ],
    ]);
    expect(() => formatRun(dup, 't')).toThrow(/duplicate docid 'a'/);
    expect(() => formatQrels(new Map([['q', new Map([['a', 0.5]])]]))).toThrow(/relevance 0.5/);
    expect(() => formatTopics(new Map([['q', 'a\tb']]))).toThrow(/tab or line break/);
  });
});

describe('files', () => {
  it('write and read back runs, qrels and topics, naming the path in errors', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const run = parseRun(RUN_TEXT);
      const qrels = parseQrels(QRELS_TEXT);
      const topics = new Map([['q1', 'telephone']]);
      // Act
      await writeRun(join(dir, 'run.trec'), run, 'sys');
      await writeQrels(join(dir, 'q.qrels'), qrels);
      await writeTopics(join(dir, 'topics.tsv'), topics);
      await writeFile(join(dir, 'bad.qrels'), 'q1 0 d1 1\nq1 0 d2\n');
      // Assess
      const back = await readRun(join(dir, 'run.trec'));
      expect(new Set(back.get('q1'))).toEqual(new Set(run.get('q1')));
      expect(await readQrels(join(dir, 'q.qrels'))).toEqual(qrels);
      expect(await readTopics(join(dir, 'topics.tsv'))).toEqual(topics);
      await expect(readQrels(join(dir, 'bad.qrels'))).rejects.toThrow(
        `${join(dir, 'bad.qrels')}:2: expected 4`,
      );
    });
  });
});
