/**
 * `xlir pairs squad` on the real SQuAD v1.1 training set: the first 20k examples with BM25 negatives
 * and 20 held-out articles keep the rules the unit tests pin on a tiny fixture.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  containsAnswer,
  newSquadStats,
  readSquad,
  splitSentences,
  type SquadAnswer,
  type SquadItem,
} from '../../lib/training-data/index.js';
import { sharedPath, xquadSentences } from './shared-data.js';

const EXAMPLES = 20_000;
const VALID_ARTICLES = 20;

interface RawSquad {
  data: Array<{
    title: string;
    paragraphs: Array<{
      context: string;
      qas: Array<{ id: string; answers: Array<{ text: string; answer_start: number }> }>;
    }>;
  }>;
}

describe('SQuAD training pairs', () => {
  it('never takes an answer-bearing or held-out sentence as a training negative', async () => {
    // Prepare
    const path = sharedPath('squad', 'train-v1.1.json');
    const raw = JSON.parse(await readFile(path, 'utf8')) as RawSquad;
    const answers = new Map<string, SquadAnswer[]>();
    for (const article of raw.data)
      for (const p of article.paragraphs)
        for (const q of p.qas)
          answers.set(
            q.id,
            q.answers.map((a) => ({ text: a.text, start: a.answer_start })),
          );
    const stats = newSquadStats();
    const items: SquadItem[] = [];
    const started = performance.now();
    // Act
    for await (const item of readSquad(path, { seed: 1, validArticles: VALID_ARTICLES, stats })) {
      items.push(item);
      if (items.length === EXAMPLES) break;
    }
    const seconds = (performance.now() - started) / 1000;
    // Assess
    const held = new Set(stats.validArticles);
    // Short sentences ("A.") recur across articles, so a text is held out only if no training article has it.
    const textsOf = (keep: (title: string) => boolean) =>
      new Set(
        raw.data
          .filter((a) => keep(a.title))
          .flatMap((a) => a.paragraphs.flatMap((p) => splitSentences(p.context).map((s) => s.text))),
      );
    const trainText = textsOf((title) => !held.has(title));
    const heldText = new Set([...textsOf((title) => held.has(title))].filter((t) => !trainText.has(t)));
    let full = 0;
    for (const { split, example } of items) {
      for (const negative of example.neg) {
        expect(containsAnswer(negative, answers.get(example.id)!)).toBe(false);
        if (split === 'train') expect(heldText.has(negative)).toBe(false);
      }
      expect(held.has(example.article!)).toBe(split === 'valid');
      if (example.neg.length === 4) full += 1;
    }
    const bm25 = items.filter((i) => i.example.neg_sources!.includes('bm25')).length;
    console.log(
      `SQuAD pairs: ${items.length} examples in ${seconds.toFixed(1)} s (${stats.articles} articles, ${stats.questions} questions indexed); ` +
        `${items.filter((i) => i.split === 'valid').length} from ${stats.validArticles.length} held-out articles seen so far; ` +
        `${stats.noPositive} questions without an answer sentence; ${((100 * full) / items.length).toFixed(2)}% with 4 negatives, ${((100 * bm25) / items.length).toFixed(2)}% with a BM25 one`,
    );
    expect(full / items.length).toBeGreaterThan(0.99);
    expect(bm25 / items.length).toBeGreaterThan(0.95);
    expect(stats.noPositive / items.length).toBeLessThan(0.02);
  });

  it('holds no XQuAD-R (SQuAD dev) passage: the evaluation never leaks into training', async () => {
    // Prepare
    const evaluation = new Set((await xquadSentences('en')).map((s) => s.trim().toLowerCase()));
    let passages = 0;
    let leaked = 0;
    // Act: all of SQuAD train, no BM25 index needed for this check
    for await (const { example } of readSquad(sharedPath('squad', 'train-v1.1.json'), {
      seed: 1,
      validArticles: VALID_ARTICLES,
      bm25Negatives: 0,
    })) {
      for (const passage of [...example.pos, ...example.neg]) {
        passages += 1;
        if (evaluation.has(passage.trim().toLowerCase())) leaked += 1;
      }
    }
    // Assess
    expect(evaluation.size).toBeGreaterThan(1000);
    expect(passages).toBeGreaterThan(400_000);
    expect(leaked).toBe(0);
  });
});
