/**
 * Accumulates one shard's documents in memory; its size bounds builder memory.
 * Postings live in three flat typed arrays threaded as one linked list per
 * term, which costs 12 bytes a posting and makes no per-term objects for the
 * garbage collector to trace.
 */
import { ByteWriter, compareBytes, utf8Encode } from '../format/binary.js';
import { encodeDocRecord, encodeDocStoreHeader, type StoredDocument } from '../format/docstore-format.js';
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
  private termHead = new Int32Array(1024);
  private termTail = new Int32Array(1024);
  private termLastDoc = new Int32Array(1024);
  private termDf = new Int32Array(1024);
  private postingDoc = new Int32Array(1 << 16);
  private postingTf = new Int32Array(1 << 16);
  private postingNext = new Int32Array(1 << 16);
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
    this.docStore.bytes(encodeDocRecord(stored));
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      if (id >= this.termHead.length) {
        this.termHead = grow(this.termHead, id + 1);
        this.termTail = grow(this.termTail, id + 1);
        this.termLastDoc = grow(this.termLastDoc, id + 1);
        this.termDf = grow(this.termDf, id + 1);
      }
      this.termHead[id] = -1;
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
      this.postingNext = grow(this.postingNext, p + 1);
    }
    this.postingDoc[p] = doc;
    this.postingTf[p] = 1;
    this.postingNext[p] = -1;
    if (tail >= 0) this.postingNext[tail] = p;
    else this.termHead[term] = p;
    this.termTail[term] = p;
    this.termLastDoc[term] = doc;
    this.termDf[term]!++;
  }

  encode(): EncodedShard {
    const docStore = this.docStore.finish();
    docStore.set(encodeDocStoreHeader(this.docCount), 0);
    const storeOffsets = [...this.docStoreOffsets, docStore.length];

    const sorted = [...this.termIds]
      .map(([term, id]) => ({ term, id, bytes: utf8Encode(term) }))
      .sort((a, b) => compareBytes(a.bytes, b.bytes));
    const maxDf = this.termDf.subarray(0, this.termIds.size).reduce((m, df) => Math.max(m, df), 0);
    const docs = new Int32Array(maxDf);
    const tfs = new Int32Array(maxDf);
    const { termHead, postingNext, postingDoc, postingTf } = this;
    // One scratch buffer serves every term: encodeShard consumes each list before asking for the next.
    const terms: Iterable<TermPostings> = (function* () {
      for (const { term, id } of sorted) {
        let n = 0;
        for (let p = termHead[id]!; p >= 0; p = postingNext[p]!) {
          docs[n] = postingDoc[p]!;
          tfs[n++] = postingTf[p]!;
        }
        yield { term, docs: docs.subarray(0, n), tfs: tfs.subarray(0, n) };
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
