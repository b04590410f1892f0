/**
 * The BM25 side of SQuAD negatives: an xlir index over every sentence of the file (document id = the
 * sentence's position in the file), searched with each question. Sentence texts are kept in a table
 * because a hit can come from any article; that table is the one part of `xlir pairs` that grows with
 * the input (about the size of the contexts), and only when BM25 negatives are asked for.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingDataError } from '../codeswitch/index.js';
import { IndexNotFoundError, IndexReader } from '../index/index.js';
import { buildIndex, type CorpusRecord } from '../index/node.js';
import { Searcher } from '../search/index.js';
import { openStore } from '../storage/node.js';
import type { SquadArticle } from './squad-articles.js';

/** BM25 hits looked at per question before falling back to article sentences. */
export const BM25_CANDIDATES = 20;
const SENTENCE_LANG = 'en';

/** Every sentence of the file in order, with the article it belongs to. */
export class SentenceTable {
  readonly texts: string[] = [];
  readonly articles: number[] = [];

  /** Appends an article's sentences; yields them as corpus records for the index builder. */
  *add(article: SquadArticle): Generator<CorpusRecord> {
    for (const paragraph of article.paragraphs) {
      for (const sentence of paragraph.sentences) {
        const id = this.texts.length;
        this.texts.push(sentence.text);
        this.articles.push(article.index);
        yield { id: String(id), text: sentence.text, lang: SENTENCE_LANG, line: id + 1 };
      }
    }
  }
}

/** Decides whether a hit (global sentence number, text) may be the BM25 negative. */
export type HitFilter = (sentence: number, text: string) => boolean;

export class SentenceIndex {
  private constructor(
    private readonly searcher: Searcher,
    private readonly table: SentenceTable,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /**
   * Builds (or, when `uri` already holds one, opens) the index over `records`, which must fill
   * `table`. Without `uri` the index lives in a temporary directory removed by close().
   */
  static async open(
    records: AsyncIterable<CorpusRecord>,
    table: SentenceTable,
    uri: string | undefined,
  ): Promise<SentenceIndex> {
    const dir = uri ?? (await mkdtemp(join(tmpdir(), 'xlir-squad-bm25-')));
    const cleanup = uri === undefined ? () => rm(dir, { recursive: true, force: true }) : async () => {};
    try {
      const store = openStore(dir);
      let reader = uri === undefined ? undefined : await openExisting(dir);
      if (reader === undefined) {
        await buildIndex(records, store, { lang: SENTENCE_LANG, workers: 1 });
        reader = await IndexReader.open(store);
      } else {
        for await (const _ of records); // the table is still needed: fill it
      }
      if (reader.manifest.docCount !== table.texts.length) {
        throw new TrainingDataError(
          `the BM25 index at ${dir} has ${reader.manifest.docCount} sentences, the input ${table.texts.length}: it was built from another file`,
        );
      }
      return new SentenceIndex(new Searcher(reader), table, cleanup);
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  /** Sentence numbers of the best-ranked hits for `question` that pass `accept`, best first. */
  async search(question: string, count: number, accept: HitFilter): Promise<number[]> {
    if (count <= 0) return [];
    const { hits } = await this.searcher.search(question, {
      queryLang: SENTENCE_LANG,
      topK: BM25_CANDIDATES,
    });
    const found: number[] = [];
    for (const hit of hits) {
      const sentence = Number(hit.docId);
      const text = this.table.texts[sentence];
      if (text === undefined) {
        throw new TrainingDataError(`the BM25 index has a sentence ${hit.docId} the input does not`);
      }
      if (!accept(sentence, text)) continue;
      found.push(sentence);
      if (found.length === count) break;
    }
    return found;
  }

  /**
   * The top `depth` hits for `question` as text -> BM25 score over the best hit's score, in (0, 1]:
   * the first-stage evidence a reranker reads next to the text (lib/rerank feeds the same ratio).
   * Empty when nothing matches. A text held by several sentences keeps its best score.
   */
  async relativeScores(question: string, depth: number): Promise<Map<string, number>> {
    const { hits } = await this.searcher.search(question, { queryLang: SENTENCE_LANG, topK: depth });
    const scores = new Map<string, number>();
    const top = hits[0]?.score ?? 0;
    if (!(top > 0)) return scores;
    for (const hit of hits) {
      const text = this.table.texts[Number(hit.docId)];
      if (text === undefined) {
        throw new TrainingDataError(`the BM25 index has a sentence ${hit.docId} the input does not`);
      }
      if (!scores.has(text)) scores.set(text, hit.score / top); // best first: the first is the best
    }
    return scores;
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}

async function openExisting(uri: string): Promise<IndexReader | undefined> {
  try {
    return await IndexReader.open(openStore(uri));
  } catch (error) {
    if (error instanceof IndexNotFoundError) return undefined;
    throw error;
  }
}
