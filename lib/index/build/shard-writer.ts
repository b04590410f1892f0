/**
 * Accumulates one shard's documents in memory; its size bounds builder memory.
 * Postings live in three flat typed arrays in the order they arrive (document,
 * term frequency, term id), which costs 12 bytes a posting and makes no per-term
 * objects for the garbage collector to trace. Encoding groups them by term with
 * one counting-sort pass: the postings are read in order and each is written to
 * its term's next slot. Walking a linked list per term instead, where every step
 * was a cache miss, took 12% of a build's CPU; with the pass a 100k-document build
 * went from 12.0–12.3k to 12.8–13.8k documents per CPU-second without raising its
 * peak RSS (docs/benchmarks.md).
 */
import { ByteWriter, compareBytes, utf8Encode } from '../format/binary.js';
import { encodeDocStoreHeader, writeDocRecord, type StoredDocument } from '../format/docstore-format.js';
import { encodeShard, type TermPostings } from '../format/shard-format.js';
import { DOCSTORE_HEADER_BYTES, GROWTH_FACTOR, SHARD_HEADER } from '../format/constants.js';

export interface EncodedShard {
  shard: Uint8Array;
  docStore: Uint8Array;
  headBytes: number;
  docCount: number;
  totalTerms: number;
}

function grow(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, Math.ceil(array.length * GROWTH_FACTOR)));
  next.set(array);
  return next;
}

export class ShardWriter {
  private readonly termIds = new Map<string, number>();
  private termTail = new Int32Array(1024);
  private termLastDoc = new Int32Array(1024);
  private termDf = new Int32Array(1024);
  private postingDoc = new Int32Array(1 << 16);
  private postingTf = new Int32Array(1 << 16);
  private postingTerm = new Int32Array(1 << 16);
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

  addDocument(id: string, lang: string, terms: readonly string[], stored: StoredDocument): void {
    const doc = this.docIds.length;
    let langIndex = this.languageIndex.get(lang);
    if (langIndex === undefined) {
      langIndex = this.languages.length;
      this.languages.push(lang);
      this.languageIndex.set(lang, langIndex);
    }
    this.langDocCounts[lang] = (this.langDocCounts[lang] ?? 0) + 1;
    for (const term of terms) this.addPosting(this.termId(term), doc);
    this.docIds.push(id);
    this.docLengths.push(terms.length);
    this.docLangs.push(langIndex);
    this.totalTerms += terms.length;
    this.docStoreOffsets.push(this.docStore.length);
    writeDocRecord(this.docStore, stored);
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
      this.postingTf[tail]!++;
      return;
    }
    const p = this.postingCount++;
    if (p >= this.postingDoc.length) {
      this.postingDoc = grow(this.postingDoc, p + 1);
      this.postingTf = grow(this.postingTf, p + 1);
      this.postingTerm = grow(this.postingTerm, p + 1);
    }
    this.postingDoc[p] = doc;
    this.postingTf[p] = 1;
    this.postingTerm[p] = term;
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
    const { postingCount, postingDoc, postingTf, postingTerm } = this;
    const docs = new Int32Array(postingCount);
    const tfs = new Int32Array(postingCount);
    for (let p = 0; p < postingCount; p++) {
      const slot = next[postingTerm[p]!]!++;
      docs[slot] = postingDoc[p]!;
      tfs[slot] = postingTf[p]!;
    }
    this.postingDoc = this.postingTf = this.postingTerm = new Int32Array(0);
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
    const headBytes = new DataView(shard.buffer, shard.byteOffset).getUint32(SHARD_HEADER.HEAD_BYTES, true);
    return { shard, docStore, headBytes, docCount: this.docCount, totalTerms: this.totalTerms };
  }
}
