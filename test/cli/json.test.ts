import { describe, expect, it } from 'vitest';
import { snakeCaseKeys } from '../../lib/cli/json.js';

describe('snakeCaseKeys', () => {
  it('renames keys at every depth, in arrays and maps, and leaves values alone', () => {
    const value = {
      docId: 'docId',
      bm25Score: 1,
      hits: [{ rerankScore: 2, mrrAt10: null }],
      query: { fallbackReason: 'a', lang: 'de' },
      perQuery: new Map([['q1', { recall100: 1 }]]),
    };
    expect(snakeCaseKeys(value)).toEqual({
      doc_id: 'docId',
      bm25_score: 1,
      hits: [{ rerank_score: 2, mrr_at10: null }],
      query: { fallback_reason: 'a', lang: 'de' },
      per_query: { q1: { recall100: 1 } },
    });
  });
});
