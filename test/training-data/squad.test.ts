import { describe, expect, it } from 'vitest';
import { CodeSwitchError, TrainingDataError } from '../../lib/codeswitch/index.js';
import { DEFAULT_B, DEFAULT_K1 } from '../../lib/index/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import {
  chooseValidArticles,
  containsAnswer,
  negativePlan,
  newSquadStats,
  readSquad,
  splitSentences,
  type SquadItem,
  type SquadOptions,
} from '../../lib/training-data/index.js';
import { referenceScores } from '../search/reference-bm25.js';
import { SQUAD_ARTICLES, squadJson, squadQuestions, withTempDir, writeFixture } from './fixtures.js';

const QUESTIONS = squadQuestions();

async function readAll(options: SquadOptions = {}): Promise<SquadItem[]> {
  return withTempDir(async (dir) => {
    const path = await writeFixture(dir, 'train-v1.1.json', squadJson());
    const items: SquadItem[] = [];
    for await (const item of readSquad(path, options)) items.push(item);
    return items;
  });
}

/** Every sentence of the fixture with its article, as the reader splits them. */
function allSentences(): Array<{ title: string; text: string }> {
  return SQUAD_ARTICLES.flatMap((a) =>
    a.paragraphs.flatMap((p) => splitSentences(p.context).map((s) => ({ title: a.title, text: s.text }))),
  );
}

describe('splitSentences', () => {
  it('returns trimmed sentences whose offsets point back into the context', () => {
    for (const { context } of SQUAD_ARTICLES.flatMap((a) => a.paragraphs)) {
      // Act
      const sentences = splitSentences(context);
      // Assess
      expect(sentences.length).toBeGreaterThan(1);
      for (const s of sentences) {
        expect(context.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
      }
      expect(sentences.map((s) => s.text).join(' ')).toBe(context.trim());
    }
  });
});

describe('readSquad', () => {
  it('takes the sentence holding answer_start as the positive and skips unplaceable answers', async () => {
    // Prepare
    const stats = newSquadStats();
    // Act
    const items = await readAll({ stats, bm25Negatives: 0 });
    // Assess
    expect(stats.questions).toBe(QUESTIONS.size);
    expect(stats.noPositive).toBe(1);
    expect(items).toHaveLength(QUESTIONS.size - 1);
    for (const { example } of items) {
      const q = QUESTIONS.get(example.id)!;
      const at = q.context.indexOf(example.pos[0]!);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(q.start).toBeGreaterThanOrEqual(at);
      expect(q.start).toBeLessThan(at + example.pos[0]!.length);
      expect(example).toMatchObject({ query_lang: 'en', doc_lang: 'en', article: q.title });
    }
  });

  it('never uses a sentence containing the answer, or the positive, as a negative', async () => {
    // Act
    const items = await readAll({ seed: 5 });
    // Assess
    for (const { example } of items) {
      const q = QUESTIONS.get(example.id)!;
      for (const negative of example.neg) {
        expect(containsAnswer(negative, [{ text: q.answer, start: 0 }])).toBe(false);
        expect(negative).not.toBe(example.pos[0]);
      }
      expect(new Set(example.neg).size).toBe(example.neg.length);
      expect(example.neg_sources).toHaveLength(example.neg.length);
    }
  });

  it('takes 2 paragraph, 1 article and 1 BM25 negative, filling short paragraphs from the article', async () => {
    // Prepare
    const plan = negativePlan(4, 1);
    // Act
    const items = await readAll({ seed: 2 });
    // Assess
    const count = (sources: string[] | undefined, source: string) =>
      sources!.filter((s) => s === source).length;
    const sourcesOf = (id: string) => items.find((i) => i.example.id === id)!.example.neg_sources;
    expect(plan).toEqual({ paragraph: 2, article: 1, bm25: 1 });
    // Six other sentences in the paragraph, one of which contains the answer: the full plan fits.
    expect(sourcesOf('tel-born')).toEqual(['paragraph', 'paragraph', 'article', 'bm25']);
    // Only one other sentence in its paragraph: the second paragraph slot comes from the article.
    expect(count(sourcesOf('tel-operators'), 'paragraph')).toBe(1);
    expect(count(sourcesOf('tel-operators'), 'article')).toBe(2);
    // A one-paragraph article: the article slot falls back to the paragraph.
    expect(count(sourcesOf('print-where'), 'article')).toBe(0);
    expect(count(sourcesOf('print-where'), 'paragraph')).toBeGreaterThanOrEqual(3);
    expect(sourcesOf('print-where')).toHaveLength(4);
  });

  it('picks as BM25 negative the best-scoring eligible sentence of the same split', async () => {
    // Prepare
    const analyzer = getAnalyzer('en');
    const sentences = allSentences();
    const docs = sentences.map((s, i) => ({ id: String(i), terms: analyzer.analyze(s.text) }));
    // Act
    const items = await readAll({ seed: 9 });
    // Assess
    let checked = 0;
    for (const { example } of items) {
      const at = example.neg_sources!.indexOf('bm25');
      if (at < 0) continue;
      const q = QUESTIONS.get(example.id)!;
      const others = example.neg.filter((_, i) => i !== at);
      const scores = referenceScores(docs, analyzer.analyze(example.query), DEFAULT_K1, DEFAULT_B);
      const eligible = sentences
        .map((s, i) => ({ ...s, score: scores.get(String(i)) ?? 0 }))
        .filter((s) => s.text !== example.pos[0] && !s.text.includes(q.answer) && !others.includes(s.text));
      const best = Math.max(...eligible.map((s) => s.score));
      const chosen = eligible.find((s) => s.text === example.neg[at]);
      expect(chosen?.score).toBeCloseTo(best, 9);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(items.length / 2);
  });

  it("with first-stage scores, gives each passage its BM25 score over the question's best (0 below the depth)", async () => {
    // Prepare
    const analyzer = getAnalyzer('en');
    const sentences = allSentences();
    const docs = sentences.map((s, i) => ({ id: String(i), terms: analyzer.analyze(s.text) }));
    const relative = (query: string, depth: number): Map<string, number> => {
      const scores = [...referenceScores(docs, analyzer.analyze(query), DEFAULT_K1, DEFAULT_B).entries()]
        .filter(([, score]) => score > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, depth);
      const top = scores[0]?.[1] ?? 0;
      const byText = new Map<string, number>();
      for (const [id, score] of scores) {
        const text = sentences[Number(id)]!.text;
        byText.set(text, Math.max(byText.get(text) ?? 0, score / top));
      }
      return byText;
    };
    for (const depth of [1000, 2]) {
      // Act: without BM25 negatives too, so the scores alone need the index
      const items = await readAll({ seed: 4, bm25Negatives: 0, firstStageDepth: depth });
      // Assess
      let nonZero = 0;
      for (const { example } of items) {
        const expected = relative(example.query, depth);
        const got = [...(example.pos_first_stage as number[]), ...(example.neg_first_stage as number[])];
        const texts = [...example.pos, ...example.neg];
        expect(got).toHaveLength(texts.length);
        texts.forEach((text, i) => expect(got[i]).toBeCloseTo(expected.get(text) ?? 0, 3));
        nonZero += got.filter((v) => v > 0).length;
      }
      expect(nonZero).toBeGreaterThan(0);
      if (depth === 2) {
        for (const { example } of items) {
          const got = [...(example.pos_first_stage as number[]), ...(example.neg_first_stage as number[])];
          expect(got.filter((v) => v > 0).length).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('writes no first-stage scores unless asked', async () => {
    const items = await readAll({ seed: 4 });
    expect(items.every((i) => !('pos_first_stage' in i.example) && !('neg_first_stage' in i.example))).toBe(
      true,
    );
  });

  it('without BM25 negatives takes the BM25 slot from the paragraph', async () => {
    // Act
    const items = await readAll({ bm25Negatives: 0 });
    // Assess
    const born = items.find((i) => i.example.id === 'tel-born')!.example;
    expect(born.neg_sources).toEqual(['paragraph', 'paragraph', 'paragraph', 'article']);
    expect(items.every((i) => !i.example.neg_sources!.includes('bm25'))).toBe(true);
  });

  it('is deterministic under a seed and draws other negatives under another seed', async () => {
    // Act
    const first = await readAll({ seed: 11 });
    const again = await readAll({ seed: 11 });
    const others = await Promise.all([12, 13, 14].map((seed) => readAll({ seed })));
    // Assess
    expect(again).toEqual(first);
    const negatives = (items: SquadItem[]) => JSON.stringify(items.map((i) => i.example.neg));
    expect(others.some((items) => negatives(items) !== negatives(first))).toBe(true);
  });

  it('holds out whole articles, disjoint from training, with no held-out text in training negatives', async () => {
    for (const seed of [0, 1, 2, 3]) {
      // Prepare
      const stats = newSquadStats();
      // Act
      const items = await readAll({ seed, validArticles: 1, stats });
      // Assess
      const valid = items.filter((i) => i.split === 'valid');
      const train = items.filter((i) => i.split === 'train');
      const validTitles = new Set(valid.map((i) => i.example.article));
      expect([...validTitles]).toEqual(stats.validArticles);
      expect(train.some((i) => validTitles.has(i.example.article))).toBe(false);
      expect(train.length).toBeGreaterThan(0);
      const heldOutText = new Set(
        allSentences()
          .filter((s) => validTitles.has(s.title))
          .map((s) => s.text),
      );
      for (const { example } of train) for (const n of example.neg) expect(heldOutText.has(n)).toBe(false);
      for (const { example } of valid) for (const n of example.neg) expect(heldOutText.has(n)).toBe(true);
    }
  });

  it('rejects files that are not SQuAD, in one line naming the file', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const notObject = await writeFixture(dir, 'list.json', '[1, 2]');
      const noTitle = await writeFixture(dir, 'notitle.json', '{"data": [{"paragraphs": []}]}');
      const read = async (path: string) => {
        for await (const _ of readSquad(path, { bm25Negatives: 0 }));
      };
      // Act + Assess
      await expect(read(notObject)).rejects.toThrow(TrainingDataError);
      await expect(read(notObject)).rejects.toThrow(notObject);
      await expect(read(noTitle)).rejects.toThrow(/article 1: "title"/);
    });
  });
});

describe('chooseValidArticles', () => {
  it('draws n distinct articles, the same for a seed, and refuses to hold out every article', () => {
    // Act
    const a = chooseValidArticles(50, 7, 3);
    const b = chooseValidArticles(50, 7, 3);
    const seeds = [4, 5, 6].map((seed) => [...chooseValidArticles(50, 7, seed)].sort().join());
    // Assess
    expect(a.size).toBe(7);
    expect([...a].every((i) => i >= 0 && i < 50)).toBe(true);
    expect(b).toEqual(a);
    expect(seeds.some((s) => s !== [...a].sort().join())).toBe(true);
    expect(() => chooseValidArticles(4, 4, 0)).toThrow(CodeSwitchError);
  });
});
