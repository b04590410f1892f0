/**
 * 'head-calibrated' fusion: each hit measured from the mean of its list's top FUSION_HEAD_DEPTH
 * scores, in units of the lift that reaches the list's reference score. Tested against the
 * definition on hand-sized lists and by property (order kept, scale invariance, a strong list's
 * top at exactly 1) over seeded random lists.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/eval/index.js';
import { FUSION_HEAD_DEPTH, fuseRankings } from '../../lib/search/index.js';

interface Item {
  id: string;
  score: number;
}
const key = (item: Item) => item.id;
const CASES = 40;

/** The definition, written out independently of lib/search/fusion.ts. */
function headCalibrated(scores: readonly number[], typical: number): number[] {
  const padded = [...scores.slice(0, FUSION_HEAD_DEPTH)];
  while (padded.length < FUSION_HEAD_DEPTH) padded.push(0);
  const head = padded.reduce((a, b) => a + b, 0) / FUSION_HEAD_DEPTH;
  const lift = scores[0]! - head;
  const unit = lift >= typical ? lift : Math.sqrt(lift * typical);
  return scores.map((s) => (unit > 0 ? (s - head) / unit : 0));
}

function randomList(prefix: string, random: () => number): Item[] {
  const n = 1 + (random() % 30);
  const scale = 0.5 + (random() % 1000) / 100;
  const scores = Array.from({ length: n }, () => (scale * (1 + (random() % 1000))) / 1000);
  scores.sort((a, b) => b - a);
  return scores.map((score, i) => ({ id: `${prefix}${i}`, score }));
}

describe('head-calibrated fusion', () => {
  it('puts a best hit that stands out of its list above one that tops a flat list, where min-max ties them', () => {
    // Prepare: a's best (9) stands far above its other nine hits (2); b's ten hits are all near 3.
    const a: Item[] = [
      { id: 'a0', score: 9 },
      ...Array.from({ length: 9 }, (_, i) => ({ id: `a${i + 1}`, score: 2 })),
    ];
    const b: Item[] = Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, score: 3.1 - i * 0.02 }));
    const typical = [4, 4];
    // Act
    const minmax = fuseRankings([a, b], 'minmax', 20, key);
    const head = fuseRankings([a, b], 'head-calibrated', 20, key, { typicalScores: typical });
    // Assess: min-max gives both best hits 1; here a0's lift (6.3) passes its reference and scales
    // to 1, b0's lift (0.09) is measured in √(0.09 · 4) and stays near 0.15.
    expect(minmax.slice(0, 2).map((f) => f.score)).toEqual([1, 1]);
    const expected = new Map([
      ...a.map(
        (item, i) =>
          [
            item.id,
            headCalibrated(
              a.map((x) => x.score),
              4,
            )[i]!,
          ] as const,
      ),
      ...b.map(
        (item, i) =>
          [
            item.id,
            headCalibrated(
              b.map((x) => x.score),
              4,
            )[i]!,
          ] as const,
      ),
    ]);
    expect(head[0]!.item.id).toBe('a0');
    expect(head[0]!.score).toBeCloseTo(1, 12);
    expect(head[1]!.item.id).toBe('b0');
    expect(head[1]!.score).toBeCloseTo(0.09 / Math.sqrt(0.09 * 4), 12);
    for (const f of head) expect(f.score).toBeCloseTo(expected.get(f.item.id)!, 12);
  });

  it('pads a list shorter than the head with documents that matched nothing', () => {
    // Prepare: a lone hit of 2 against a reference of 8.
    const lone: Item[] = [{ id: 'x', score: 2 }];
    // Act
    const [fused] = fuseRankings([lone], 'head-calibrated', 1, key, { typicalScores: [8] });
    // Assess: head = 2 / depth, lift = 2 (1 − 1/depth), below the reference.
    const lift = 2 - 2 / FUSION_HEAD_DEPTH;
    expect(fused!.score).toBeCloseTo(lift / Math.sqrt(lift * 8), 12);
    expect(fused!.score).toBeGreaterThan(0);
    expect(fused!.score).toBeLessThan(1);
  });

  it('keeps every list in order, is unchanged by scaling a list and its reference, and gives a list that reaches its reference exactly 1', () => {
    const random = mulberry32(17);
    for (let c = 0; c < CASES; c++) {
      // Prepare
      const lists = [randomList('p', random), randomList('q', random), randomList('r', random)];
      const typical = lists.map(() => (1 + (random() % 1000)) / 200);
      const factor = 0.25 + (random() % 100) / 10;
      const scaled = lists.map((l, i) =>
        i === 1 ? l.map((item) => ({ ...item, score: item.score * factor })) : l,
      );
      const scaledTypical = typical.map((t, i) => (i === 1 ? t * factor : t));
      // Act
      const fused = fuseRankings(lists, 'head-calibrated', 1000, key, { typicalScores: typical });
      const again = fuseRankings(scaled, 'head-calibrated', 1000, key, { typicalScores: scaledTypical });
      // Assess
      expect(fused).toHaveLength(lists.reduce((n, l) => n + l.length, 0));
      const position = new Map(fused.map((f, rank) => [f.item.id, rank]));
      for (const list of lists) {
        for (let i = 1; i < list.length; i++) {
          if (list[i]!.score < list[i - 1]!.score) {
            expect(position.get(list[i]!.id)!).toBeGreaterThan(position.get(list[i - 1]!.id)!);
          }
        }
      }
      const score = new Map(fused.map((f) => [f.item.id, f.score]));
      again.forEach((f) => expect(f.score).toBeCloseTo(score.get(f.item.id)!, 9));
      lists.forEach((list, i) => {
        const values = headCalibrated(
          list.map((x) => x.score),
          typical[i]!,
        );
        const top = score.get(list[0]!.id)!;
        expect(top).toBeCloseTo(values[0]!, 12);
        if (list[0]!.score - headMean(list) >= typical[i]!) expect(top).toBeCloseTo(1, 12);
        else expect(top).toBeLessThanOrEqual(1 + 1e-12);
      });
    }
  });

  it('refuses to fuse without one reference score per list', () => {
    // Act
    const fuse = () => fuseRankings([[{ id: 'a', score: 1 }]], 'head-calibrated', 1, key);
    // Assess
    expect(fuse).toThrow(/reference score/);
  });
});

function headMean(list: readonly Item[]): number {
  return list.slice(0, FUSION_HEAD_DEPTH).reduce((sum, item) => sum + item.score, 0) / FUSION_HEAD_DEPTH;
}
