import { describe, expect, it } from 'vitest';
import { computeMetric, EvalError, judgementsOf, parseMetric, parseMetrics } from '../../lib/eval/index.js';

describe('parseMetrics', () => {
  it('parses the usual list into canonical labels and cutoffs', () => {
    // Act
    const metrics = parseMetrics('map, mrr@10,nDCG@10,recall@100,P@5,recip_rank');
    // Assess
    expect(metrics.map((m) => m.label)).toEqual(['map', 'mrr@10', 'ndcg@10', 'recall@100', 'p@5', 'mrr']);
    expect(metrics.map((m) => m.k)).toEqual([Infinity, 10, 10, 100, 5, Infinity]);
  });

  it('drops repeats', () => {
    expect(parseMetrics(['p@5', 'P@5', 'map']).map((m) => m.label)).toEqual(['p@5', 'map']);
  });

  it('rejects unknown names with the list of valid ones', () => {
    expect(() => parseMetric('bpref')).toThrow(EvalError);
    expect(() => parseMetric('bpref')).toThrow(
      "unknown metric 'bpref'; valid metrics: map, map@k, mrr, mrr@k, ndcg, ndcg@k, recall, recall@k, p@k",
    );
    expect(() => parseMetric('ndcg@ten')).toThrow(/unknown metric 'ndcg@ten'/);
    // Names of Object.prototype's members are unknown metrics too, not aliases.
    for (const name of ['constructor', '__proto__', 'tostring', 'valueof']) {
      expect(() => parseMetric(name)).toThrow(`unknown metric '${name}'`);
    }
    expect(() => parseMetrics('map,,p@5')).toThrow(/empty metric name/);
    expect(() => parseMetrics([])).toThrow(/no metrics given/);
  });

  it('rejects a zero cutoff and P without one', () => {
    expect(() => parseMetric('p@0')).toThrow(/positive integer/);
    expect(() => parseMetric('p')).toThrow(/needs a cutoff, e.g. p@10/);
  });
});

describe('computeMetric', () => {
  // One query: 2 relevant docs (x: 1, y: 3), relevance by rank [0, 3, 0, 0, 1, 0].
  const judgements = judgementsOf(
    new Map([
      ['x', 1],
      ['y', 3],
      ['n', 0],
      ['u', -1],
    ]),
  );
  const rels = [0, 3, 0, 0, 1, 0];

  it('derives the number of relevant docs and the ideal gains from the qrels', () => {
    expect(judgements).toEqual({ numRel: 2, idealGains: [3, 1] });
  });

  it.each([
    // AP = (1/2 + 2/5) / 2 = 0.45
    ['map', 0.45],
    // map@3 (trec_eval map_cut.3): only rank 2 counts, still / 2 → 0.25
    ['map@3', 0.25],
    // first relevant at rank 2
    ['mrr', 0.5],
    ['mrr@1', 0],
    // P@5 = 2/5; P@10 = 2/10 with only 6 retrieved
    ['p@5', 0.4],
    ['p@10', 0.2],
    // recall@2 = 1/2; recall (all retrieved) = 2/2
    ['recall@2', 0.5],
    ['recall', 1],
    // DCG@2 = 3/log2(3) = 1.892789; IDCG@2 = 3 + 1/log2(3) = 3.630930 → 0.521311
    ['ndcg@2', 3 / Math.log2(3) / (3 + 1 / Math.log2(3))],
    // DCG = 3/log2(3) + 1/log2(6) = 2.279642; IDCG = 3.630930 → 0.627841
    ['ndcg', (3 / Math.log2(3) + 1 / Math.log2(6)) / (3 + 1 / Math.log2(3))],
  ])('%s = %d', (spec, expected) => {
    expect(computeMetric(parseMetric(spec), rels, judgements)).toBeCloseTo(expected, 12);
  });

  it('gives 0 on every metric when nothing is relevant or nothing retrieved', () => {
    const none = judgementsOf(new Map([['n', 0]]));
    for (const spec of ['map', 'mrr', 'ndcg@10', 'recall@10', 'p@10']) {
      expect(computeMetric(parseMetric(spec), [0, 0], none), spec).toBe(0);
      expect(computeMetric(parseMetric(spec), [], judgements), spec).toBe(0);
    }
    expect(judgementsOf(undefined)).toEqual({ numRel: 0, idealGains: [] });
  });
});
