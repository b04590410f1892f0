/**
 * Accumulates one shard's documents in memory; its size bounds builder memory.
 * Postings live in three typed arrays in the order they arrive (document,
 * term frequency, term id), which costs 12 bytes a posting and makes no per-term
 * objects for the garbage collector to trace. The arrays are kept in fixed-size
 * blocks: growing one flat array by half each time copied and touched about three
 * times its final size, 6% of a build's CPU. Encoding groups them by term with
 * one counting-sort pass: the postings are read in order and each is written to
 * its term's next slot. Walking a linked list per term instead, where every step
 * was a cache miss, took 12% of a build's CPU; with the pass a 100k-document build
 * went from 12.0–12.3k to 12.8–13.8k documents per CPU-second without raising its
 * peak RSS (docs/benchmarks.md).
 *
 * Documents arrive as an analyzer and a text. The analyzer gives its terms as numbers into its own
 * vocabulary, and an array per analyzer maps those to this shard's term ids, so a token costs the
 * analyzer's one string lookup and an array read; the string-keyed term map is consulted once per
 * term and analyzer. A lookup in it per token was 11% of a build's CPU.
 */
import { ByteWriter, compareBytes, utf8Encode } from '../format/binary.js';
import { encodeDocStoreHeader, writeDocRecord, type StoredDocument } from '../format/docstore-format.js';
import { encodeShard, headFields, type TermPostings } from '../format/shard-format.js';
import { DOCSTORE_HEADER_BYTES, GROWTH_FACTOR } from '../format/constants.js';
import type { Analyzer } from '../../text/index.js';

export interface EncodedShard {
  shard: Uint8Array;
  docStore: Uint8Array;
  /** The head's split and checksum, for the manifest entry. */
  head: ReturnType<typeof headFields>;
  docCount: number;
  totalTerms: number;
}

function grow(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, Math.ceil(array.length * GROWTH_FACTOR)));
  next.set(array);
  return next;
}

/**
 * Postings per block: 65,536 (768 KiB over the three arrays), so a shard leaves at most that much
 * unused and a small shard does not hold much more than it needs.
 */
const POSTING_BLOCK_BITS = 16;
const POSTING_BLOCK_SIZE = 1 << POSTING_BLOCK_BITS;
const POSTING_BLOCK_MASK = POSTING_BLOCK_SIZE - 1;

/** One analyzer's term numbers → this shard's term ids, stored as id + 1 so 0 means not yet seen. */
interface AnalyzerTermIds {
  epoch: number;
  ids: Int32Array<ArrayBuffer>;
}

export class ShardWriter {
  private readonly termIds = new Map<string, number>();
  private readonly termIdsByAnalyzer = new Map<Analyzer, AnalyzerTermIds>();
  /** The term numbers of the document being added, reused from one document to the next. */
  private readonly termNumbers: number[] = [];
  private termTail = new Int32Array(1024);
  private termLastDoc = new Int32Array(1024);
  private termDf = new Int32Array(1024);
  /** Posting p is entry p & POSTING_BLOCK_MASK of block p >>> POSTING_BLOCK_BITS. */
  private postingDocs: Int32Array[] = [];
  private postingTfs: Int32Array[] = [];
  private postingTerms: Int32Array[] = [];
  private postingCount = 0;

  private readonly docIds: string[] = [];
  private readonly docLengths: number[] = [];
  private readonly docLangs: number[] = [];
  private readonly languages: string[] = [];
  private readonly languageIndex = new Map<string, number>();
  readonly langDocCounts: Record<string, number> = {};
  /** Doc-store bytes, written behind a header placeholder so encoding needs no copy. */
  private readonly docStore: ByteWriter;

  /**
   * @param docStoreBytesHint expected doc-store size; sizing the buffer once avoids holding an
   *   old and a new buffer while it grows, the builder's largest transient allocation.
   */
  constructor(docStoreBytesHint = 1 << 20) {
    this.docStore = new ByteWriter(DOCSTORE_HEADER_BYTES + docStoreBytesHint);
    this.docStore.bytes(new Uint8Array(DOCSTORE_HEADER_BYTES));
  }
  private readonly docStoreOffsets: number[] = [];
  private totalTerms = 0;

  get docCount(): number {
    return this.docIds.length;
  }

  /** Adds a document: its id, canonical language, the analyzer of that language, the text it analyses. */
  addDocument(id: string, lang: string, analyzer: Analyzer, analysed: string, stored: StoredDocument): void {
    const doc = this.docIds.length;
    let langIndex = this.languageIndex.get(lang);
    if (langIndex === undefined) {
      langIndex = this.languages.length;
      this.languages.push(lang);
      this.languageIndex.set(lang, langIndex);
    }
    this.langDocCounts[lang] = (this.langDocCounts[lang] ?? 0) + 1;
    const numbers = this.termNumbers;
    numbers.length = 0;
    analyzer.analyzeTermNumbers(analysed, numbers);
    // After the call: the analyzer may have dropped its vocabulary at its start.
    const local = this.analyzerTermIds(analyzer);
    for (const n of numbers) {
      if (n >= local.ids.length) local.ids = grow(local.ids, n + 1);
      let term = local.ids[n]! - 1;
      if (term < 0) {
        term = this.termId(analyzer.term(n));
        local.ids[n] = term + 1;
      }
      this.addPosting(term, doc);
    }
    this.docIds.push(id);
    this.docLengths.push(numbers.length);
    this.docLangs.push(langIndex);
    this.totalTerms += numbers.length;
    this.docStoreOffsets.push(this.docStore.length);
    writeDocRecord(this.docStore, stored);
  }

  /** The analyzer's number → term id array, empty again when its vocabulary was renumbered. */
  private analyzerTermIds(analyzer: Analyzer): AnalyzerTermIds {
    let local = this.termIdsByAnalyzer.get(analyzer);
    if (local === undefined || local.epoch !== analyzer.vocabularyEpoch) {
      local = { epoch: analyzer.vocabularyEpoch, ids: new Int32Array(1024) };
      this.termIdsByAnalyzer.set(analyzer, local);
    }
    return local;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      if (id >= this.termTail.length) {
        this.termTail = grow(this.termTail, id + 1);
        this.termLastDoc = grow(this.termLastDoc, id + 1);
        this.termDf = grow(this.termDf, id + 1);
      }
      this.termTail[id] = -1;
      this.termLastDoc[id] = -1;
      this.termDf[id] = 0;
    }
    return id;
  }

  private addPosting(term: number, doc: number): void {
    const tail = this.termTail[term]!;
    if (this.termLastDoc[term] === doc) {
      this.postingTfs[tail >>> POSTING_BLOCK_BITS]![tail & POSTING_BLOCK_MASK]!++;
      return;
    }
    const p = this.postingCount++;
    const block = p >>> POSTING_BLOCK_BITS;
    const entry = p & POSTING_BLOCK_MASK;
    if (entry === 0) {
      this.postingDocs.push(new Int32Array(POSTING_BLOCK_SIZE));
      this.postingTfs.push(new Int32Array(POSTING_BLOCK_SIZE));
      this.postingTerms.push(new Int32Array(POSTING_BLOCK_SIZE));
    }
    this.postingDocs[block]![entry] = doc;
    this.postingTfs[block]![entry] = 1;
    this.postingTerms[block]![entry] = term;
    this.termTail[term] = p;
    this.termLastDoc[term] = doc;
    this.termDf[term]!++;
  }

  /**
   * The postings grouped by term, terms in `sorted` order, each term's in document order. Each
   * term's slice starts where the terms before it end; one pass in arrival order puts every
   * posting in its term's next slot. The arrival-order arrays are released on the way out.
   */
  private groupByTerm(sorted: ReadonlyArray<{ id: number }>): { docs: Int32Array; tfs: Int32Array } {
    const next = new Int32Array(this.termIds.size);
    let offset = 0;
    for (const { id } of sorted) {
      next[id] = offset;
      offset += this.termDf[id]!;
    }
    const { postingCount, postingDocs, postingTfs, postingTerms } = this;
    const docs = new Int32Array(postingCount);
    const tfs = new Int32Array(postingCount);
    for (let block = 0; block < postingDocs.length; block++) {
      const blockDocs = postingDocs[block]!;
      const blockTfs = postingTfs[block]!;
      const blockTerms = postingTerms[block]!;
      const entries = Math.min(POSTING_BLOCK_SIZE, postingCount - block * POSTING_BLOCK_SIZE);
      for (let e = 0; e < entries; e++) {
        const slot = next[blockTerms[e]!]!++;
        docs[slot] = blockDocs[e]!;
        tfs[slot] = blockTfs[e]!;
      }
    }
    this.postingDocs = [];
    this.postingTfs = [];
    this.postingTerms = [];
    this.postingCount = 0;
    return { docs, tfs };
  }

  encode(): EncodedShard {
    const docStore = this.docStore.finish();
    docStore.set(encodeDocStoreHeader(this.docCount), 0);
    const storeOffsets = [...this.docStoreOffsets, docStore.length];

    const sorted = [...this.termIds]
      .map(([term, id]) => ({ term, id, bytes: utf8Encode(term) }))
      .sort((a, b) => compareBytes(a.bytes, b.bytes));
    const { docs, tfs } = this.groupByTerm(sorted);
    const termDf = this.termDf;
    const terms: Iterable<TermPostings> = (function* () {
      let start = 0;
      for (const { term, id } of sorted) {
        const end = start + termDf[id]!;
        yield { term, docs: docs.subarray(start, end), tfs: tfs.subarray(start, end) };
        start = end;
      }
    })();
    const shard = encodeShard({
      languages: this.languages,
      docIds: this.docIds,
      docLengths: this.docLengths,
      docLangs: this.docLangs,
      docStoreOffsets: storeOffsets,
      terms,
    });
    return { shard, docStore, head: headFields(shard), docCount: this.docCount, totalTerms: this.totalTerms };
  }
}
