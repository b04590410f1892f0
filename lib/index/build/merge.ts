/**
 * Merges the segments of one shard into the shard itself.
 *
 * Why: a cold query pays one round of GETs for the shard heads and one GET per query term per
 * shard, so an index of ten 100k-document shards answers its first query in 41–91 GETs where one
 * shard of a million needs 5–10 (a Worker may send 50). But a ShardWriter holds its documents'
 * postings and stored text in memory, and one of a million documents peaked at 2,285 MiB. So the
 * builder analyses at most SEGMENT_DOCS documents at a time, writes each batch as a segment (a
 * shard object under builds/<id>/segments/ and a doc store beside the shards), and this joins a
 * shard's segments:
 *
 * - stored text: not copied. The segments' doc stores become the shard's doc-store parts, and
 *   record offsets count through them as if they were one doc store behind one header;
 * - head: lengths, languages (one table, segments' codes remapped), ids and record offsets
 *   concatenated, segment j's documents numbered after segment j−1's;
 * - postings: the segments' sorted term lists walked together; a term's lists are decoded (their
 *   CRCs checked), renumbered and re-encoded with the frontier of their frontiers.
 *
 * The shard object is byte for byte the one a single writer would have built from the same
 * documents, and its parts hold that writer's doc-store records in the same order (a test pins
 * both). Memory is the segments' shard objects and the merged shard. The segments' shard objects
 * are deleted once the shard is written; a crash leaves them under the build's prefix, where
 * housekeeping finds them.
 */
import type { ObjectStore } from '../../storage/index.js';
import { compareBytes } from '../format/binary.js';
import { DOCSTORE_HEADER_BYTES, U32_LIMIT } from '../format/constants.js';
import { shardKey, type ShardEntry } from '../format/manifest.js';
import { mergeFrontiers } from '../format/frontier.js';
import {
  decodePostings,
  encodeShard,
  headFields,
  type ShardHead,
  type TermPostings,
} from '../format/shard-format.js';
import { parseShardHead } from '../format/shard-head.js';
import { IndexCorruptError, IndexInputError } from '../errors.js';
import type { ShardResult } from './shard-builder.js';

export interface MergeJob {
  buildId: string;
  shardIndex: number;
  /** The shard's segments in document order, as their builds reported them. */
  segments: ShardResult[];
}

interface Segment {
  entry: ShardEntry;
  head: ShardHead;
  /** The whole segment shard object: its postings are read from it. */
  bytes: Uint8Array;
  /** The merged number of the segment's first document. */
  docBase: number;
}

/** A segment's object, checked to be as long as its build said. */
async function readWhole(store: ObjectStore, key: string, bytes: number): Promise<Uint8Array> {
  const data = await store.get(key);
  if (data.length !== bytes) throw new IndexCorruptError(key, `has ${data.length} bytes, expected ${bytes}`);
  return data;
}

/**
 * Where each segment's records start in the shard's doc store read as one (its parts in order
 * behind one header): what to add to the segment's own record offsets. Nothing is copied.
 */
function recordShifts(job: MergeJob): { shifts: number[]; bytes: number } {
  const shifts: number[] = [];
  let bytes = DOCSTORE_HEADER_BYTES;
  for (const { entry } of job.segments) {
    const [part] = entry.docs;
    if (entry.docs.length !== 1 || !part) throw new RangeError('a segment has exactly one doc store');
    shifts.push(bytes - DOCSTORE_HEADER_BYTES);
    bytes += part.bytes - DOCSTORE_HEADER_BYTES;
  }
  if (bytes > U32_LIMIT) {
    throw new IndexInputError(
      `shard ${job.shardIndex} would hold ${bytes} bytes of stored text, over the format's 4 GiB; build with a smaller --shard-docs`,
    );
  }
  return { shifts, bytes };
}

async function readSegments(store: ObjectStore, job: MergeJob): Promise<Segment[]> {
  const segments: Segment[] = [];
  let docBase = 0;
  for (const { entry } of job.segments) {
    const bytes = await readWhole(store, entry.key, entry.bytes);
    const head = parseShardHead(bytes, entry.key, entry.headBytes);
    if (head.docCount !== entry.docCount) {
      throw new IndexCorruptError(
        entry.key,
        `has ${head.docCount} documents, its build said ${entry.docCount}`,
      );
    }
    segments.push({ entry, head, bytes, docBase });
    docBase += head.docCount;
  }
  return segments;
}

/** The segments' terms in byte order, each with its postings from every segment that has it. */
function* mergedTerms(segments: readonly Segment[], docCount: number): Generator<TermPostings> {
  const cursors = segments.map(() => 0);
  for (;;) {
    let smallest: Uint8Array | undefined;
    let holders: number[] = [];
    segments.forEach((s, i) => {
      if (cursors[i]! >= s.head.termCount) return;
      const term = s.head.termBytesAt(cursors[i]!);
      const cmp = smallest === undefined ? -1 : compareBytes(term, smallest);
      if (cmp < 0) {
        smallest = term;
        holders = [i];
      } else if (cmp === 0) holders.push(i);
    });
    if (smallest === undefined) return;
    const lists = holders.map((i) => {
      const s = segments[i]!;
      const info = s.head.termInfoAt(cursors[i]!++);
      return { s, postings: decodePostings(s.bytes.subarray(info.start, info.end), info, s.entry.key) };
    });
    const df = lists.reduce((sum, l) => sum + l.postings.docs.length, 0);
    const docs = new Int32Array(df);
    const tfs = new Int32Array(df);
    let at = 0;
    for (const { s, postings } of lists) {
      for (let p = 0; p < postings.docs.length; p++) docs[at + p] = postings.docs[p]! + s.docBase;
      tfs.set(postings.tfs, at);
      at += postings.docs.length;
    }
    if (docs[df - 1]! >= docCount) throw new RangeError('a merged posting points past the last document');
    yield {
      term: segments[holders[0]!]!.head.termAt(cursors[holders[0]!]! - 1),
      docs,
      tfs,
      frontier: mergeFrontiers(lists.map((l) => l.postings)),
    };
  }
}

/**
 * Merges a shard's segments and writes the shard; then deletes the segments' shard objects (their
 * doc stores are the shard's doc-store parts).
 */
export async function mergeSegments(job: MergeJob, store: ObjectStore): Promise<ShardResult> {
  const key = shardKey(job.buildId, job.shardIndex);
  const docs = recordShifts(job);

  const segments = await readSegments(store, job);
  const docCount = segments.reduce((sum, s) => sum + s.head.docCount, 0);
  const languages: string[] = [];
  const docLengths = new Uint32Array(docCount);
  const docLangs = new Uint8Array(docCount);
  const docIds: string[] = new Array<string>(docCount);
  const docStoreOffsets = new Float64Array(docCount + 1);
  segments.forEach((s, j) => {
    // One language table for the shard, in order of first appearance, as a single writer keeps it.
    const code = s.head.languages.map((lang) => {
      const at = languages.indexOf(lang);
      return at >= 0 ? at : languages.push(lang) - 1;
    });
    docLengths.set(s.head.docLengths, s.docBase);
    for (let d = 0; d < s.head.docCount; d++) {
      docLangs[s.docBase + d] = code[s.head.docLangs[d]!]!;
      docIds[s.docBase + d] = s.head.docId(d);
      docStoreOffsets[s.docBase + d] = s.head.docStoreOffsets[d]! + docs.shifts[j]!;
    }
  });
  docStoreOffsets[docCount] = docs.bytes;

  const shard = encodeShard({
    languages,
    docIds,
    docLengths,
    docLangs,
    docStoreOffsets,
    terms: mergedTerms(segments, docCount),
    postingsBytesHint: segments.reduce((sum, s) => sum + s.head.postingsBytes, 0),
  });
  await store.put(key, shard);
  for (const { entry } of segments) await store.delete(entry.key);

  // A Map sums the counts: a language is data, never a property of Object.prototype.
  const langDocCounts = new Map<string, number>();
  for (const { langDocCounts: counts } of job.segments) {
    for (const [lang, n] of Object.entries(counts))
      langDocCounts.set(lang, (langDocCounts.get(lang) ?? 0) + n);
  }
  return {
    entry: {
      key,
      bytes: shard.length,
      ...headFields(shard),
      docCount,
      docs: job.segments.flatMap((s) => s.entry.docs),
    },
    totalTerms: job.segments.reduce((sum, s) => sum + s.totalTerms, 0),
    langDocCounts: Object.fromEntries(langDocCounts),
    detectedLanguageDocs: job.segments.reduce((sum, s) => sum + s.detectedLanguageDocs, 0),
  };
}
