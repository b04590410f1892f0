/**
 * SQuAD v1.1 as retrieval training data: each question with the sentence holding its answer as the
 * positive and 1:4 negatives (see squad-negatives.ts). Two streaming passes over the file: the first
 * counts articles (for the held-out draw) and, for BM25 negatives, indexes every sentence; the second
 * builds examples article by article.
 */
import { CodeSwitchError, hashWords, validateDrawKey, type TrainingExample } from '../codeswitch/index.js';
import type { CorpusRecord } from '../index/node.js';
import {
  DEFAULT_BM25_NEGATIVES,
  DEFAULT_NEGATIVES,
  STREAM_SQUAD_NEGATIVES,
  STREAM_VALID_ARTICLES,
} from './constants.js';
import { openTextInput } from './files.js';
import { readSquadArticles, sentenceAt, type SquadArticle } from './squad-articles.js';
import { SentenceIndex, SentenceTable } from './squad-bm25.js';
import { NegativePicker, negativePlan, questionDraws } from './squad-negatives.js';

export interface SquadOptions {
  /** Unsigned 32-bit seed for negatives and the held-out articles (default 0). */
  seed?: number;
  /** Negatives per example (default 4). */
  negatives?: number;
  /** How many of them come from BM25 (default 1; 0 skips building the index). */
  bm25Negatives?: number;
  /** Articles held out for validation, drawn from the seed (default 0). */
  validArticles?: number;
  /**
   * With a depth, every example also carries `pos_first_stage` / `neg_first_stage`: each passage's
   * BM25 score over the question's best hit among the top `depth` sentences (0 when it is not
   * among them), for rerankers trained to read the first stage's score. Default: off.
   */
  firstStageDepth?: number;
  /** Index URI to reuse, or to build and keep; default: a temporary directory. */
  bm25Index?: string;
  onProgress?: (progress: SquadProgress) => void;
  /** Filled while reading. */
  stats?: SquadStats;
}

export interface SquadProgress {
  phase: 'scan' | 'examples';
  bytesRead: number;
  totalBytes: number;
}

export interface SquadStats {
  articles: number;
  questions: number;
  /** Questions skipped because their answer starts in no sentence (e.g. between two). */
  noPositive: number;
  /** Examples with fewer negatives than asked for: too few eligible sentences in the article. */
  shortNegatives: number;
  /** Examples whose BM25 negative had to come from the article instead. */
  bm25Fallbacks: number;
  train: number;
  valid: number;
  validArticles: string[];
}

export function newSquadStats(): SquadStats {
  return {
    articles: 0,
    questions: 0,
    noPositive: 0,
    shortNegatives: 0,
    bm25Fallbacks: 0,
    train: 0,
    valid: 0,
    validArticles: [],
  };
}

export type Split = 'train' | 'valid';

export interface SquadItem {
  split: Split;
  example: TrainingExample;
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CodeSwitchError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** The held-out articles: the n with the smallest seeded hash, so the draw needs no RNG state. */
export function chooseValidArticles(articles: number, n: number, seed: number): Set<number> {
  if (n >= articles && n > 0) {
    throw new CodeSwitchError(
      `cannot hold out ${n} of ${articles} articles for validation: none would be left for training`,
    );
  }
  const rank = (i: number): number => hashWords([seed, STREAM_VALID_ARTICLES, i]);
  const order = Array.from({ length: articles }, (_, i) => i);
  order.sort((a, b) => rank(a) - rank(b) || a - b);
  return new Set(order.slice(0, n));
}

/** Adds a question's BM25 negatives to its picker. */
class Bm25Negatives {
  constructor(
    private readonly index: SentenceIndex,
    private readonly table: SentenceTable,
    private readonly valid: ReadonlySet<number>,
    private readonly count: number,
  ) {}

  /** Returns how many were found among the top hits. */
  async add(question: string, picker: NegativePicker, heldOut: boolean): Promise<number> {
    // A negative from the other split would leak held-out text into training (or back).
    const sameSplit = (sentence: number): boolean =>
      this.valid.has(this.table.articles[sentence] as number) === heldOut;
    const hits = await this.index.search(
      question,
      this.count,
      (sentence, text) => sameSplit(sentence) && picker.eligible(text),
    );
    for (const sentence of hits) picker.add(this.table.texts[sentence] as string, 'bm25');
    return hits.length;
  }
}

/** Rounding of the first-stage ratios written: enough to order 1,000 hits, short in the file. */
const FIRST_STAGE_DECIMALS = 4;

async function firstStageFields(
  index: SentenceIndex,
  question: string,
  depth: number,
  positive: string,
  negatives: readonly string[],
): Promise<{ pos_first_stage: number[]; neg_first_stage: number[] }> {
  const scores = await index.relativeScores(question, depth);
  const ratio = (text: string): number => Number((scores.get(text) ?? 0).toFixed(FIRST_STAGE_DECIMALS));
  return { pos_first_stage: [ratio(positive)], neg_first_stage: negatives.map(ratio) };
}

/** Streams the examples of a SQuAD file, each tagged with its split. */
export async function* readSquad(path: string, options: SquadOptions = {}): AsyncGenerator<SquadItem> {
  const seed = options.seed ?? 0;
  validateDrawKey({ seed, exampleIndex: 0, side: 'query' });
  const total = options.negatives ?? DEFAULT_NEGATIVES;
  const validCount = options.validArticles ?? 0;
  checkCount('negatives', total);
  checkCount('bm25 negatives', options.bm25Negatives ?? DEFAULT_BM25_NEGATIVES);
  checkCount('valid articles', validCount);
  const firstStageDepth = options.firstStageDepth ?? 0;
  checkCount('first-stage depth', firstStageDepth);
  const plan = negativePlan(total, options.bm25Negatives ?? DEFAULT_BM25_NEGATIVES);
  const stats = options.stats ?? newSquadStats();
  const table = plan.bm25 > 0 || firstStageDepth > 0 ? new SentenceTable() : undefined;

  const articles = async function* (phase: SquadProgress['phase']): AsyncGenerator<SquadArticle> {
    const input = await openTextInput(path);
    for await (const article of readSquadArticles(input)) {
      yield article;
      options.onProgress?.({ phase, bytesRead: input.bytesRead(), totalBytes: input.totalBytes });
    }
  };
  const scan = async function* (): AsyncGenerator<CorpusRecord> {
    for await (const article of articles('scan')) {
      stats.articles += 1;
      for (const paragraph of article.paragraphs) stats.questions += paragraph.questions.length;
      if (table !== undefined) yield* table.add(article);
    }
  };
  let index: SentenceIndex | undefined;
  if (table === undefined) for await (const _ of scan());
  else index = await SentenceIndex.open(scan(), table, options.bm25Index);

  try {
    const valid = chooseValidArticles(stats.articles, validCount, seed);
    const bm25 =
      plan.bm25 > 0 && index && table ? new Bm25Negatives(index, table, valid, plan.bm25) : undefined;
    for await (const article of articles('examples')) {
      const split: Split = valid.has(article.index) ? 'valid' : 'train';
      if (split === 'valid') stats.validArticles.push(article.title);
      for (const [p, paragraph] of article.paragraphs.entries()) {
        for (const [q, question] of paragraph.questions.entries()) {
          const answer = question.answers[0];
          const positive = answer === undefined ? -1 : sentenceAt(paragraph.sentences, answer.start);
          if (positive < 0) {
            stats.noPositive += 1;
            continue;
          }
          const positiveText = (paragraph.sentences[positive] as { text: string }).text;
          const draws = questionDraws([seed, STREAM_SQUAD_NEGATIVES, article.index, p, q]);
          const picker = new NegativePicker(article, p, positiveText, question.answers, draws);
          picker.takeWithFill('paragraph', 'article', plan.paragraph);
          picker.takeWithFill('article', 'paragraph', plan.article);
          if (bm25 !== undefined) {
            const found = await bm25.add(question.question, picker, split === 'valid');
            if (found < plan.bm25) {
              stats.bm25Fallbacks += 1;
              picker.takeWithFill('article', 'paragraph', plan.bm25 - found);
            }
          }
          if (picker.texts.length < total) stats.shortNegatives += 1;
          stats[split] += 1;
          const firstStage =
            index !== undefined && firstStageDepth > 0
              ? await firstStageFields(index, question.question, firstStageDepth, positiveText, picker.texts)
              : {};
          yield {
            split,
            example: {
              id: question.id,
              query: question.question.trim(),
              pos: [positiveText],
              neg: picker.texts,
              query_lang: 'en',
              doc_lang: 'en',
              article: article.title,
              neg_sources: picker.sources,
              ...firstStage,
            },
          };
        }
      }
    }
  } finally {
    await index?.close();
  }
}
