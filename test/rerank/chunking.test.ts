/**
 * Long passages (lib/rerank/chunking.ts): chunks that fit next to the query and cover the
 * passage in order, the caps on what is read, and a 10,000-token document scored on its best
 * chunk, checked against its chunks scored one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireModel,
  ChunkLimitError,
  chunkTokens,
  encodeCandidate,
  ModelRegistry,
  PassageTooLongError,
  releaseModels,
  Reranker,
  type EncodedPair,
  type LongPassages,
  type RerankModel,
} from '../../lib/rerank/index.js';
import { fixtureModel, fixtureTokenizer, ROUTING_FIXTURE, TEST_THREADS } from './helpers.js';

const wordpiece = fixtureTokenizer('wordpiece');
const QUERY = 'who invented the telephone?';
const PASSAGE = Array.from({ length: 40 }, (_, i) =>
  i % 3 === 0 ? 'alexander graham bell' : 'patented the telephone in berlin',
).join(' ');
const MAX_LENGTH = 24;

/** The passage tokens of a BERT pair, [CLS] query [SEP] passage [SEP]. */
const passageOf = (pair: EncodedPair, queryLength: number): number[] => pair.ids.slice(queryLength + 2, -1);

describe('chunks of a long passage', () => {
  const queryIds = wordpiece.tokenize(QUERY);
  const passageIds = wordpiece.tokenize(PASSAGE);
  const size = MAX_LENGTH - wordpiece.pairOverhead - queryIds.length;

  it('cover the passage in order, each read whole next to the whole query', () => {
    // Act
    const encoded = encodeCandidate(wordpiece, queryIds, PASSAGE, MAX_LENGTH, { mode: 'chunk' });
    // Assess
    expect(chunkTokens(wordpiece.pairOverhead, MAX_LENGTH, queryIds.length)).toBe(size);
    expect(encoded.pairs).toHaveLength(Math.ceil(passageIds.length / size));
    expect(encoded.pairs.every((p) => p.ids.length <= MAX_LENGTH && !p.truncated)).toBe(true);
    expect(encoded.pairs.every((p) => p.ids.slice(1, queryIds.length + 1).join() === queryIds.join())).toBe(
      true,
    );
    expect(encoded.pairs.flatMap((p) => passageOf(p, queryIds.length))).toEqual(passageIds);
    expect(encoded).toMatchObject({ inputTokens: queryIds.length + passageIds.length, cut: false });
  });

  it.each<[string, LongPassages, number]>([
    ['tokensPerPassage', { mode: 'chunk', tokensPerPassage: 10 }, 10],
    ['chunksPerPassage', { mode: 'chunk', chunksPerPassage: 2 }, 2 * size],
  ])('read no further than %s allows, and say so', (_name, long, read) => {
    // Act
    const encoded = encodeCandidate(wordpiece, queryIds, PASSAGE, MAX_LENGTH, long);
    // Assess
    expect(encoded.pairs.flatMap((p) => passageOf(p, queryIds.length))).toEqual(passageIds.slice(0, read));
    expect(encoded).toMatchObject({ inputTokens: queryIds.length + read, cut: true });
  });

  it('keep half the budget when the query would take more', () => {
    // Prepare
    const longQuery = wordpiece.tokenize(`${QUERY} ${QUERY} ${QUERY} ${QUERY}`);
    const budget = MAX_LENGTH - wordpiece.pairOverhead;
    // Act
    const encoded = encodeCandidate(wordpiece, longQuery, PASSAGE, MAX_LENGTH, { mode: 'chunk' });
    // Assess
    expect(longQuery.length).toBeGreaterThan(budget / 2);
    expect(encoded.pairs).toHaveLength(Math.ceil(passageIds.length / Math.ceil(budget / 2)));
    expect(encoded.pairs.every((p) => p.ids.length <= MAX_LENGTH)).toBe(true);
    expect(encoded.cut).toBe(true);
  });

  it('score an empty passage as one pair, and truncation as the one pair it always was', () => {
    // Act
    const empty = encodeCandidate(wordpiece, queryIds, '', MAX_LENGTH, { mode: 'chunk' });
    const truncated = encodeCandidate(wordpiece, queryIds, PASSAGE, MAX_LENGTH, { mode: 'truncate' });
    // Assess
    expect(empty.pairs).toHaveLength(1);
    expect(empty.inputTokens).toBe(queryIds.length);
    expect(truncated.pairs).toEqual([wordpiece.encodePassage(queryIds, PASSAGE, MAX_LENGTH)]);
    expect(truncated).toMatchObject({ inputTokens: MAX_LENGTH - wordpiece.pairOverhead, cut: true });
  });
});

describe('reranking long documents', () => {
  const query = 'Which river flows through the city?';
  const filler = 'The farmers grow wheat and potatoes in the valley. ';
  const relevant = 'The river Elbe flows through the city of Dresden.';
  // About 10,000 tokens each: the answer at the very end, at the start (for another question), or nowhere.
  const atEnd = filler.repeat(385) + relevant;
  const otherAtStart = `The school stands next to the church on the hill. ${filler.repeat(385)}`;
  const nowhere = filler.repeat(387);
  let reranker: Reranker;
  let tiny: RerankModel;

  beforeAll(async () => {
    reranker = new Reranker(await ModelRegistry.open(ROUTING_FIXTURE), { threads: TEST_THREADS });
    tiny = await acquireModel(fixtureModel('tiny'), { threads: TEST_THREADS });
  });
  afterAll(releaseModels);

  const rerank = (texts: readonly string[], long?: LongPassages) =>
    reranker.rerank({
      query,
      queryLang: 'en',
      candidates: texts.map((text, i) => ({ docId: String(i), lang: 'en', text, bm25Score: 0 })),
      model: 'tiny',
      lambda: 1,
      ...(long ? { long } : {}),
    });

  /** A document's chunks, cut as chunking.ts documents it, independently of the reranker. */
  const chunksOf = (text: string): EncodedPair[] => {
    const queryIds = tiny.tokenizer.tokenize(query);
    const ids = tiny.tokenizer.tokenizePassage(text, Infinity);
    const size = chunkTokens(tiny.tokenizer.pairOverhead, tiny.maxLength, queryIds.length);
    return Array.from({ length: Math.ceil(ids.length / size) }, (_, c) =>
      tiny.tokenizer.encodePair(queryIds, ids.slice(c * size, (c + 1) * size), tiny.maxLength),
    );
  };

  it('scores a 10,000-token document on its best chunk, the one at its end', async () => {
    // Prepare: the document's chunks scored one by one
    const chunks = chunksOf(atEnd);
    const alone = [...(await tiny.scoreEncoded(chunks))];
    const best = alone.indexOf(Math.max(...alone));
    const documentTokens = tiny.tokenizer.tokenize(atEnd).length;
    const queryTokens = tiny.tokenizer.tokenize(query).length;
    // Act
    const chunked = await rerank([nowhere, otherAtStart, atEnd], { mode: 'chunk' });
    const truncated = await rerank([nowhere, otherAtStart, atEnd]);
    // Assess
    expect(documentTokens).toBeGreaterThan(10_000);
    expect(chunked.results.map((r) => r.docId)[0]).toBe('2');
    const doc = chunked.results[0]!;
    expect(doc).toMatchObject({
      chunks: chunks.length,
      bestChunk: best,
      inputTokens: queryTokens + documentTokens,
    });
    expect(doc.logit).toBeCloseTo(alone[best]!, 5);
    expect(best).toBeGreaterThanOrEqual(chunks.length - 2);
    expect(doc.logit! - Math.max(...chunked.results.slice(1).map((r) => r.logit!))).toBeGreaterThan(2);
    const pairTokens = [nowhere, otherAtStart, atEnd].flatMap(chunksOf).reduce((n, p) => n + p.ids.length, 0);
    expect(chunked.tokens).toBe(pairTokens);
    // Truncated, the same document is read as its first 64 tokens: filler like the others.
    const first = truncated.results.find((r) => r.docId === '2')!;
    expect(first.chunks).toBe(1);
    expect(doc.logit! - first.logit!).toBeGreaterThan(2);
  });

  it('refuses a passage that does not fit when asked to, naming it', async () => {
    // Act
    const refused = await rerank([relevant, atEnd], { mode: 'reject' }).catch((e: unknown) => e);
    const fits = await rerank([relevant], { mode: 'reject' });
    // Assess
    expect(refused).toBeInstanceOf(PassageTooLongError);
    expect(refused).toMatchObject({ docId: '1', model: 'tiny', maxLength: tiny.maxLength });
    expect(fits.results[0]!.chunks).toBe(1);
  });

  it('stops at the request’s chunk limit before scoring anything', async () => {
    // Act
    const failure = await rerank([atEnd, nowhere], { mode: 'chunk', totalChunks: 300 }).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(failure).toBeInstanceOf(ChunkLimitError);
    expect((failure as ChunkLimitError).message).toMatch(/more than 300 chunks/);
  });
});
