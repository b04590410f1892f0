import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, formatRun, parseRun, rankEntries, type Qrels, type Run } from '../../lib/eval/index.js';

const ALL_METRICS = 'map,map@3,mrr,mrr@3,ndcg,ndcg@3,ndcg@10,recall,recall@3,p@1,p@5,p@20';

interface RandomQuery {
  rels: number[];
  retrieved: number[];
  scores: number[];
}

/** Random judgements over docs d0..d11 (rel -1..3) and a run over d0..d14 (unjudged d12..d14). */
const queryArbitrary: fc.Arbitrary<RandomQuery> = fc.record({
  rels: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 12 }),
  retrieved: fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 15 }),
  // Small integer scores make ties common, so the tie-break path is exercised.
  scores: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 15, maxLength: 15 }),
});

function build(queries: RandomQuery[]): { qrels: Qrels; run: Run } {
  const qrels: Qrels = new Map();
  const run: Run = new Map();
  queries.forEach((q, i) => {
    qrels.set(`q${i}`, new Map(q.rels.map((rel, d) => [`d${d}`, rel])));
    if (q.retrieved.length > 0)
      run.set(
        `q${i}`,
        q.retrieved.map((d) => ({ docid: `d${d}`, score: q.scores[d]! })),
      );
  });
  return { qrels, run };
}

describe('metric properties', () => {
  it('every metric of every query and every mean lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(queryArbitrary, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (queries, complete) => {
          // Prepare
          const { qrels, run } = build(queries);
          fc.pre(complete || run.size > 0);
          // Act
          const result = evaluate(qrels, run, ALL_METRICS, { completeMissing: complete });
          // Assess
          for (const values of [...result.perQuery.values(), result.mean]) {
            for (const value of Object.values(values)) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(1 + 1e-12);
            }
          }
        },
      ),
    );
  });

  it('MAP (and recall) is 1 when all relevant docs are ranked first; nDCG is 1 for the ideal order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 5 }),
        (rels, extra) => {
          fc.pre(rels.some((r) => r > 0));
          // Prepare: score = rel (highest first) puts every relevant doc above every other
          // one, in the ideal graded order; ties among equal rels do not change either metric.
          const qrels: Qrels = new Map([['q', new Map(rels.map((rel, d) => [`d${d}`, rel]))]]);
          const entries = rels.map((rel, d) => ({ docid: `d${d}`, score: rel }));
          for (let i = 0; i < extra; i++) entries.push({ docid: `u${i}`, score: -2 });
          const run: Run = new Map([['q', entries]]);
          // Act
          const values = evaluate(qrels, run, 'map,recall,ndcg,ndcg@3').perQuery.get('q')!;
          // Assess
          expect(values['map']).toBeCloseTo(1, 12);
          expect(values['recall']).toBe(1);
          expect(values['ndcg']).toBeCloseTo(1, 12);
          expect(values['ndcg@3']).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('a run written and read back evaluates identically, whatever its scores', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 8, maxLength: 8 }),
        (ids, scores) => {
          // Prepare: ids without ASCII whitespace, as TREC files require (Unicode spaces are fine)
          const docids = ids.map((id, i) => `${id.replace(/[ \t\n\v\f\r]/g, '_')}#${i}`);
          const run: Run = new Map([['q', docids.map((docid, i) => ({ docid, score: scores[i]! }))]]);
          // Act
          const back = parseRun(formatRun(run, 'tag'));
          // Assess: same documents, same scores (-0 may come back as 0), same trec_eval order
          const order = (r: Run): string[] => rankEntries(r.get('q')!).map((e) => e.docid);
          expect(order(back)).toEqual(order(run));
          for (const { docid, score } of back.get('q')!) {
            expect(score).toBe(run.get('q')!.find((e) => e.docid === docid)!.score || 0);
          }
        },
      ),
    );
  });
});
