import type { DecodedPostings } from '../../lib/index/index.js';

/** Builds decoded postings the way the shard format stores them, for scorer tests. */
export function paretoFrontierForTest(docs: number[], tfs: number[], docLengths: number[]): DecodedPostings {
  const frontier: Array<[number, number]> = [];
  const pairs = docs.map((d, i) => [tfs[i]!, docLengths[d]!] as [number, number]);
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let bestDl = Infinity;
  for (const [tf, dl] of pairs) {
    if (dl < bestDl) {
      frontier.push([tf, dl]);
      bestDl = dl;
    }
  }
  return {
    docs: Int32Array.from(docs),
    tfs: Int32Array.from(tfs),
    frontierTfs: Int32Array.from(frontier.map((f) => f[0])),
    frontierDls: Int32Array.from(frontier.map((f) => f[1])),
  };
}
