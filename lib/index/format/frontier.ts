/**
 * A posting list's (tf, dl) Pareto frontier (ARCHITECTURE.md, "Shard object"): the pairs no other
 * posting dominates with a higher-or-equal tf and a lower-or-equal dl. The BM25 term score rises
 * with tf and falls with dl, so its maximum over the list lies on the frontier, for any avgdl;
 * MaxScore's upper bounds are computed from it at query time.
 */

/** (tf, dl) pairs not dominated by another posting with tf' ≥ tf and dl' ≤ dl, tf descending. */
export function paretoFrontier(
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  docLengths: ArrayLike<number>,
): Array<[number, number]> {
  const minDlByTf = new Map<number, number>();
  for (let i = 0; i < docs.length; i++) addPair(minDlByTf, tfs[i]!, docLengths[docs[i]!]!);
  return frontierOf(minDlByTf);
}

/**
 * The frontier of several lists' frontiers: the frontier of their union, since a pair dominated
 * within one list is dominated in the union too. What merging segments needs, without their postings.
 */
export function mergeFrontiers(
  frontiers: ReadonlyArray<{ frontierTfs: ArrayLike<number>; frontierDls: ArrayLike<number> }>,
): Array<[number, number]> {
  const minDlByTf = new Map<number, number>();
  for (const f of frontiers) {
    for (let i = 0; i < f.frontierTfs.length; i++) addPair(minDlByTf, f.frontierTfs[i]!, f.frontierDls[i]!);
  }
  return frontierOf(minDlByTf);
}

function addPair(minDlByTf: Map<number, number>, tf: number, dl: number): void {
  const seen = minDlByTf.get(tf);
  if (seen === undefined || dl < seen) minDlByTf.set(tf, dl);
}

function frontierOf(minDlByTf: Map<number, number>): Array<[number, number]> {
  const byTfDesc = [...minDlByTf.entries()].sort((a, b) => b[0] - a[0]);
  const frontier: Array<[number, number]> = [];
  let bestDl = Infinity;
  for (const [tf, dl] of byTfDesc) {
    if (dl < bestDl) {
      frontier.push([tf, dl]);
      bestDl = dl;
    }
  }
  return frontier;
}
