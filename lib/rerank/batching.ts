/**
 * Length bucketing: pairs are sorted by token count and cut into batches, so each batch is
 * padded only to its own longest pair. Batches hold indices into the caller's list, which is
 * how scores find their way back to the original order.
 */
export function lengthBuckets(
  lengths: readonly number[],
  batchSize: number,
  indices?: readonly number[],
): number[][] {
  // Ties keep their input order, so equal inputs always form the same batches.
  const order = [...(indices ?? lengths.keys())].sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}

/** Consecutive runs of `size` positions: the windows a deadline-bound request scores in order. */
export function windows(count: number, size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < count; start += size) {
    out.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
  }
  return out;
}
