/** The MIRACL readers on the shared dev topics and qrels (the corpora are not in ../shared). */
import { describe, expect, it } from 'vitest';
import { readMiraclQrels, readMiraclTopics } from '../../lib/datasets/index.js';
import { sharedPath } from './shared-data.js';

describe('MIRACL dev topics and qrels', () => {
  it.each(['de', 'zh'])('reads %s, with every judged query among the topics', async (lang) => {
    // Act
    const topics = await readMiraclTopics(sharedPath('miracl', `topics.miracl-v1.0-${lang}-dev.tsv`));
    const qrels = await readMiraclQrels(sharedPath('miracl', `qrels.miracl-v1.0-${lang}-dev.tsv`));
    // Assess
    expect(topics.size).toBeGreaterThan(250);
    expect([...qrels.keys()].every((qid) => topics.has(qid))).toBe(true);
    // MIRACL judges every query with at least one relevant passage.
    expect([...qrels.values()].every((judged) => [...judged.values()].some((rel) => rel > 0))).toBe(true);
  });
});
