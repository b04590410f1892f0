/**
 * Length bucketing: pairs are sorted by token count and cut into batches, so each batch is
 * padded only to its own longest pair. Batches hold indices into the caller's list, which is
 * how scores find their way back to the original order. A token budget (rows × padded width)
 * bounds one batch's inference, which runs on the calling thread and holds its event loop.
 */
export function lengthBuckets(
  lengths: readonly number[],
  batchSize: number,
  indices?: readonly number[],
  maxBatchTokens = Infinity,
): number[][] {
  // Ties keep their input order, so equal inputs always form the same batches.
  const order = [...(indices ?? lengths.keys())].sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  let batch: number[] = [];
  for (const i of order) {
    // Sorted ascending, so this pair is the widest yet: the batch pads every row to its length.
    // A pair alone over the token budget still gets a batch of its own.
    const padded = (batch.length + 1) * lengths[i]!;
    if (batch.length > 0 && (batch.length === batchSize || padded > maxBatchTokens)) {
      batches.push(batch);
      batch = [];
    }
    batch.push(i);
  }
  if (batch.length > 0) batches.push(batch);
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
