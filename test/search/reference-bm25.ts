/**
 * A deliberately plain BM25 (Lucene variant) over analysed documents: no
 * shards, no pruning, no binary formats. The engine must agree with it.
 */
export interface ReferenceDoc {
  id: string;
  terms: string[];
}

export function referenceScores(
  docs: ReferenceDoc[],
  queryTerms: string[],
  k1: number,
  b: number,
): Map<string, number> {
  const n = docs.length;
  const avgdl = docs.reduce((s, d) => s + d.terms.length, 0) / n;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const scores = new Map<string, number>();
  for (const d of docs) {
    let score = 0;
    let matched = false;
    for (const q of queryTerms) {
      const tf = d.terms.filter((t) => t === q).length;
      if (tf === 0) continue;
      matched = true;
      const dfq = df.get(q)!;
      const idf = Math.log(1 + (n - dfq + 0.5) / (dfq + 0.5));
      score += (idf * tf) / (tf + k1 * (1 - b + (b * d.terms.length) / avgdl));
    }
    if (matched) scores.set(d.id, score);
  }
  return scores;
}
