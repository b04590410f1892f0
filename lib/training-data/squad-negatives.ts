/**
 * Negative passages for a SQuAD (question, answer sentence) example, 1:4 as in Litschko et al. 2023:
 * hard negatives from the answer's own paragraph, one from another paragraph of the article and one
 * BM25 negative. No negative may contain the answer text: such a sentence would be a false negative.
 */
import { hashWords } from '../codeswitch/index.js';
import type { SquadAnswer, SquadArticle } from './squad-articles.js';

export type NegativeSource = 'paragraph' | 'article' | 'bm25';

/** How many negatives to take from each source. */
export interface NegativePlan {
  paragraph: number;
  article: number;
  bm25: number;
}

/**
 * Splits `total` negatives: `bm25` of them by BM25, then two thirds of the rest (rounded up) from the
 * paragraph and the remainder from the article; 4 with 1 BM25 gives the paper's 2 + 1 + 1.
 */
export function negativePlan(total: number, bm25: number): NegativePlan {
  const fromIndex = Math.min(bm25, total);
  const local = total - fromIndex;
  const article = Math.floor(local / 3);
  return { paragraph: local - article, article, bm25: fromIndex };
}

/** True when `text` contains any answer, ignoring case. */
export function containsAnswer(text: string, answers: readonly SquadAnswer[]): boolean {
  const lower = text.toLowerCase();
  return answers.some((a) => a.text.trim() !== '' && lower.includes(a.text.trim().toLowerCase()));
}

/** Counter-based draws in [0, 1) for one question: the same seed gives the same negatives. */
export function questionDraws(words: readonly number[]): () => number {
  let counter = 0;
  return () => hashWords([...words, counter++]) / 0x1_0000_0000;
}

/** Collects the negatives of one example, skipping ineligible and repeated texts. */
export class NegativePicker {
  readonly texts: string[] = [];
  readonly sources: NegativeSource[] = [];
  private readonly pools: Record<'paragraph' | 'article', string[]>;

  constructor(
    article: SquadArticle,
    paragraphIndex: number,
    private readonly positive: string,
    private readonly answers: readonly SquadAnswer[],
    private readonly random: () => number,
  ) {
    const paragraph: string[] = [];
    const others: string[] = [];
    article.paragraphs.forEach((p, i) => {
      for (const sentence of p.sentences) (i === paragraphIndex ? paragraph : others).push(sentence.text);
    });
    this.pools = { paragraph, article: others };
  }

  /** Whether `text` may be a negative of this example. */
  eligible(text: string): boolean {
    return text !== this.positive && !this.texts.includes(text) && !containsAnswer(text, this.answers);
  }

  add(text: string, source: NegativeSource): boolean {
    if (!this.eligible(text)) return false;
    this.texts.push(text);
    this.sources.push(source);
    return true;
  }

  /** Draws up to `count` negatives from one pool without replacement; returns how many it took. */
  take(pool: 'paragraph' | 'article', count: number): number {
    const candidates = this.pools[pool];
    let taken = 0;
    // Partial Fisher–Yates over the pool: drawn candidates move to the front and are not drawn again.
    for (let i = 0; i < candidates.length && taken < count; i += 1) {
      const j = i + Math.floor(this.random() * (candidates.length - i));
      const chosen = candidates[j] as string;
      candidates[j] = candidates[i] as string;
      candidates[i] = chosen;
      if (this.add(chosen, pool)) taken += 1;
    }
    return taken;
  }

  /** Takes `count` from `first`, filling any shortfall from `second`. */
  takeWithFill(first: 'paragraph' | 'article', second: 'paragraph' | 'article', count: number): void {
    const short = count - this.take(first, count);
    if (short > 0) this.take(second, short);
  }
}
