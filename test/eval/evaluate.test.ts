import { describe, expect, it } from 'vitest';
import {
  EvalError,
  evaluate,
  pairedScores,
  parseQrels,
  parseRun,
  type Qrels,
  type Run,
} from '../../lib/eval/index.js';
import { QRELS_TEXT, RUN_TEXT } from './fixtures.js';

const METRICS = 'map,mrr@10,mrr@1,ndcg@3,ndcg@10,recall@2,recall@100,p@5,p@10';

/*
 * q1 ranked the trec_eval way: d3 (3.0), then the 2.0 tie dX, d1 ('X' 0x58 > '1' 0x31, and
 * ties go docid DESCENDING), then d2 (1.0), d4 (0.5). Relevance by rank: [2, 0, 1, 0, 1];
 * 3 relevant docs (d1, d3, d4); ideal gains [2, 1, 1].
 *   map      = (1/1 + 2/3 + 3/5) / 3 = (15 + 10 + 9) / 45 = 34/45 ≈ 0.755556
 *   mrr@10   = 1 (d3 at rank 1);  mrr@1 = 1
 *   DCG@3    = 2/log2(2) + 0/log2(3) + 1/log2(4) = 2 + 0.5 = 2.5
 *   IDCG@3   = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2.5 + 0.630930 = 3.130930
 *   ndcg@3   = 2.5 / 3.130930 ≈ 0.798485
 *   DCG@10   = 2.5 + 1/log2(6) = 2.5 + 0.386853 = 2.886853; IDCG@10 = IDCG@3 (only 3 rel)
 *   ndcg@10  ≈ 2.886853 / 3.130930 ≈ 0.922044
 *   recall@2 = 1/3; recall@100 = 3/3 = 1
 *   p@5      = 3/5 = 0.6;  p@10 = 3/10 = 0.3 (only 5 retrieved, still divided by 10)
 */
const Q1 = {
  map: 34 / 45,
  'mrr@10': 1,
  'mrr@1': 1,
  'ndcg@3': 2.5 / (2.5 + 1 / Math.log2(3)),
  'ndcg@10': (2.5 + 1 / Math.log2(6)) / (2.5 + 1 / Math.log2(3)),
  'recall@2': 1 / 3,
  'recall@100': 1,
  'p@5': 0.6,
  'p@10': 0.3,
};

/*
 * q2: e1 and e2 tie at 1.0; descending docid puts e2 first, so the only relevant doc e1 is at
 * rank 2 (an ascending tie-break would put it at rank 1 and give 1 everywhere).
 *   map = 1/2; mrr@10 = 1/2; mrr@1 = 0; ndcg@3 = ndcg@10 = (1/log2(3)) / 1 ≈ 0.630930
 *   recall@2 = recall@100 = 1; p@5 = 1/5; p@10 = 1/10
 */
const Q2 = {
  map: 0.5,
  'mrr@10': 0.5,
  'mrr@1': 0,
  'ndcg@3': 1 / Math.log2(3),
  'ndcg@10': 1 / Math.log2(3),
  'recall@2': 1,
  'recall@100': 1,
  'p@5': 0.2,
  'p@10': 0.1,
};

const ZERO = Object.fromEntries(Object.keys(Q1).map((label) => [label, 0]));

function expectValues(actual: Record<string, number> | undefined, expected: Record<string, number>): void {
  expect(actual).toBeDefined();
  for (const [label, value] of Object.entries(expected)) expect(actual![label], label).toBeCloseTo(value, 12);
  expect(Object.keys(actual!).sort()).toEqual(Object.keys(expected).sort());
}

describe('evaluate (trec_eval semantics)', () => {
  const qrels = parseQrels(QRELS_TEXT, 'fixture.qrels');
  const run = parseRun(RUN_TEXT, 'fixture.run');

  it('computes every metric on hand-checked rankings, breaking ties by docid descending', () => {
    // Act
    const result = evaluate(qrels, run, METRICS);
    // Assess
    expectValues(result.perQuery.get('q1'), Q1);
    expectValues(result.perQuery.get('q2'), Q2);
  });

  it('scores a query with no relevant document 0 and keeps it in the mean', () => {
    // Act
    const result = evaluate(qrels, run, METRICS);
    // Assess: q3 judges f1 non-relevant only; trec_eval 9.x evaluates it (all zeros).
    expectValues(result.perQuery.get('q3'), ZERO);
    expect([...result.perQuery.keys()]).toContain('q3');
  });

  it('with completeMissing (the default, -c) averages over every qrels query, missing ones as 0', () => {
    // Act
    const result = evaluate(qrels, run, METRICS);
    // Assess: queries q1..q4; q5 (no qrels) is ignored; q4 (no run) scores 0.
    expect([...result.perQuery.keys()]).toEqual(['q1', 'q2', 'q3', 'q4']);
    expectValues(result.perQuery.get('q4'), ZERO);
    // map = (34/45 + 1/2 + 0 + 0) / 4 ≈ 0.313889; p@5 = (0.6 + 0.2) / 4 = 0.2
    expect(result.mean['map']).toBeCloseTo((34 / 45 + 0.5) / 4, 12);
    expect(result.mean['p@5']).toBeCloseTo(0.2, 12);
    expect(result.mean['ndcg@10']).toBeCloseTo((Q1['ndcg@10'] + Q2['ndcg@10']) / 4, 12);
  });

  it('without completeMissing averages only over queries in both run and qrels', () => {
    // Act
    const result = evaluate(qrels, run, METRICS, { completeMissing: false });
    // Assess: q1, q2, q3 → map = (34/45 + 1/2 + 0) / 3 ≈ 0.418519
    expect([...result.perQuery.keys()]).toEqual(['q1', 'q2', 'q3']);
    expect(result.mean['map']).toBeCloseTo((34 / 45 + 0.5) / 3, 12);
  });

  it('uses graded gains for nDCG: negative judgements give no gain and are not relevant', () => {
    // Prepare: rels a=3, b=-1, c=1, d=2, e=0; the run retrieves b, c, a and an unjudged x.
    const graded = parseQrels('q 0 a 3\nq 0 b -1\nq 0 c 1\nq 0 d 2\nq 0 e 0\n');
    const gradedRun = parseRun('q Q0 b 1 5 s\nq Q0 c 2 4 s\nq Q0 a 3 3 s\nq Q0 x 4 2 s\n');
    // Act
    const result = evaluate(graded, gradedRun, 'ndcg@1,ndcg@4,map');
    // Assess
    // Gains by rank: [0 (b is -1), 1, 3, 0]; DCG@4 = 1/log2(3) + 3/log2(4) = 0.6309298 + 1.5 = 2.1309298
    // Ideal gains [3, 2, 1]: IDCG@4 = 3 + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
    // ndcg@4 = 2.1309298 / 4.7618595 ≈ 0.4474995; ndcg@1 = 0 / 3 = 0
    // map: relevant a, c, d (b is not): c at rank 2, a at rank 3 → (1/2 + 2/3) / 3 ≈ 0.388889
    const values = result.perQuery.get('q')!;
    expect(values['ndcg@4']).toBeCloseTo((1 / Math.log2(3) + 3 / 2) / (3 + 2 / Math.log2(3) + 1 / 2), 12);
    expect(values['ndcg@4']).toBeCloseTo(0.4474995, 6);
    expect(values['ndcg@1']).toBe(0);
    expect(values['map']).toBeCloseTo((1 / 2 + 2 / 3) / 3, 12);
  });

  it('compares tied docids by UTF-8 bytes, not UTF-16 code units', () => {
    // Prepare: U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80, so U+1F600 sorts higher
    // (strcmp) although its first UTF-16 unit 0xD83D is below 0xFF21. Descending: 😀 first.
    const judged: Qrels = new Map([['q', new Map([['\uFF21', 1]])]]);
    const tied: Run = new Map([
      [
        'q',
        [
          { docid: '\uFF21', score: 1 },
          { docid: '\u{1F600}', score: 1 },
        ],
      ],
    ]);
    // Act
    const result = evaluate(judged, tied, 'mrr');
    // Assess: the relevant U+FF21 is at rank 2
    expect(result.perQuery.get('q')!['mrr']).toBe(0.5);
  });

  it('honours maxDocsPerQuery (-M) after ranking', () => {
    // Act: q1 cut to [d3, dX] → relevance [2, 0]; map = (1/1) / 3
    const result = evaluate(qrels, run, 'map', { maxDocsPerQuery: 2 });
    // Assess
    expect(result.perQuery.get('q1')!['map']).toBeCloseTo(1 / 3, 12);
  });

  it('refuses runs it cannot rank reproducibly and evaluations over nothing', () => {
    const dup: Run = new Map([
      [
        'q1',
        [
          { docid: 'd1', score: 1 },
          { docid: 'd1', score: 2 },
        ],
      ],
    ]);
    expect(() => evaluate(qrels, dup, 'map')).toThrow(/duplicate docid 'd1' for query 'q1'/);
    const nan: Run = new Map([['q1', [{ docid: 'd1', score: NaN }]]]);
    expect(() => evaluate(qrels, nan, 'map')).toThrow(EvalError);
    expect(() => evaluate(new Map(), run, 'map')).toThrow(/no queries to evaluate/);
    expect(() => evaluate(qrels, new Map(), 'map', { completeMissing: false })).toThrow(/no queries/);
    expect(() => evaluate(qrels, run, 'map', { maxDocsPerQuery: 0 })).toThrow(/maxDocsPerQuery/);
  });

  it('pairs two evaluations by qid and refuses different query sets', () => {
    // Prepare
    const a = evaluate(qrels, run, 'map');
    const b = evaluate(qrels, new Map(), 'map');
    const partial = evaluate(qrels, run, 'map', { completeMissing: false });
    // Act
    const paired = pairedScores(a, b, 'map');
    // Assess
    expect(paired.qids).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(paired.a[1]).toBe(0.5);
    expect(paired.b).toEqual([0, 0, 0, 0]);
    expect(() => pairedScores(a, partial, 'map')).toThrow(/different queries/);
    expect(() => pairedScores(a, b, 'p@5')).toThrow(/not evaluated/);
  });
});
