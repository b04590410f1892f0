/** Accumulates one shard's documents in memory; its size bounds builder memory. */
import { compareBytes, utf8Encode } from './binary.js';
import { encodeDocRecord, encodeDocStoreHeader, type StoredDocument } from './docstore-format.js';
import { encodeShard, type TermPostings } from './shard-format.js';

interface PostingsAccumulator {
  docs: number[];
  tfs: number[];
  lastDoc: number;
}

export interface EncodedShard {
  shard: Uint8Array;
  docStore: Uint8Array;
  headBytes: number;
  docCount: number;
  totalTerms: number;
}

export class ShardWriter {
  private readonly postings = new Map<string, PostingsAccumulator>();
  private readonly docIds: string[] = [];
  private readonly docLengths: number[] = [];
  private readonly docLangs: number[] = [];
  private readonly records: Uint8Array[] = [];
  private readonly docStoreOffsets: number[] = [];
  private docStoreBytes = 0;
  private totalTerms = 0;

  get docCount(): number {
    return this.docIds.length;
  }

  addDocument(id: string, langIndex: number, terms: readonly string[], stored: StoredDocument): void {
    const doc = this.docIds.length;
    for (const term of terms) {
      let acc = this.postings.get(term);
      if (acc === undefined) {
        acc = { docs: [], tfs: [], lastDoc: -1 };
        this.postings.set(term, acc);
      }
      if (acc.lastDoc === doc) {
        acc.tfs[acc.tfs.length - 1]!++;
      } else {
        acc.docs.push(doc);
        acc.tfs.push(1);
        acc.lastDoc = doc;
      }
    }
    this.docIds.push(id);
    this.docLengths.push(terms.length);
    this.docLangs.push(langIndex);
    this.totalTerms += terms.length;
    const record = encodeDocRecord(stored);
    this.docStoreOffsets.push(this.docStoreBytes);
    this.records.push(record);
    this.docStoreBytes += record.length;
  }

  encode(): EncodedShard {
    const header = encodeDocStoreHeader(this.docCount);
    const docStore = new Uint8Array(header.length + this.docStoreBytes);
    docStore.set(header, 0);
    let offset = header.length;
    for (const record of this.records) {
      docStore.set(record, offset);
      offset += record.length;
    }
    const storeOffsets = [...this.docStoreOffsets, this.docStoreBytes].map((o) => o + header.length);

    const sorted = [...this.postings.keys()]
      .map((term) => ({ term, bytes: utf8Encode(term) }))
      .sort((a, b) => compareBytes(a.bytes, b.bytes));
    const postings = this.postings;
    const terms: Iterable<TermPostings> = (function* () {
      for (const { term } of sorted) {
        const acc = postings.get(term)!;
        yield { term, docs: acc.docs, tfs: acc.tfs };
      }
    })();
    const shard = encodeShard({
      docIds: this.docIds,
      docLengths: this.docLengths,
      docLangs: this.docLangs,
      docStoreOffsets: storeOffsets,
      terms,
    });
    const headBytes = new DataView(shard.buffer, shard.byteOffset).getUint32(20, true);
    return { shard, docStore, headBytes, docCount: this.docCount, totalTerms: this.totalTerms };
  }
}
