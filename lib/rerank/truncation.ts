/**
 * Pair truncation with the semantics of Hugging Face `tokenizers` (the Rust library behind every
 * "fast" tokenizer, which transformers and sentence-transformers use by default):
 * `TruncationStrategy::LongestFirst` in tokenizers/src/utils/truncation.rs.
 *
 * `budget` is max_length minus the special tokens the pair template adds. With n1 ≤ n2 (the
 * shorter and the longer sequence):
 *   - n1 + n2 ≤ budget: nothing is cut;
 *   - n1 ≤ budget / 2 (roughly): the shorter stays whole and the longer keeps budget − n1;
 *   - otherwise both are cut: the shorter keeps ⌊budget/2⌋ and the longer ⌈budget/2⌉.
 * The originally longer sequence keeps the odd token; on a tie the second one does.
 *
 * "Remove one token at a time from the longer sequence, ties from the second" (transformers'
 * slow, pure-Python tokenizers) agrees everywhere except there: when both sequences are cut and
 * the budget is odd, that rule ends on a tie and cuts the second, so the FIRST sequence keeps the
 * odd token. E.g. lengths 5 and 6, budget 7: Rust keeps 3 + 4, the slow rule 4 + 3. xlir follows
 * Rust, as models are trained with fast tokenizers. Tokens are always cut from the right.
 */
export function longestFirstLengths(first: number, second: number, budget: number): [number, number] {
  if (budget <= 0) return [0, 0];
  if (first + second <= budget) return [first, second];
  const swap = first > second;
  let shorter = swap ? second : first;
  // The shorter stays whole and the longer takes the rest, unless the shorter needs over half.
  let longer = Math.max(shorter, budget - shorter);
  if (shorter + longer > budget) {
    shorter = Math.floor(budget / 2);
    longer = shorter + (budget % 2);
  }
  return swap ? [longer, shorter] : [shorter, longer];
}
