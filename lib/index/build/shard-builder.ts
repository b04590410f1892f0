/**
 * Builds and uploads one shard from a batch of records. It needs nothing
 * from other shards, so it runs the same in-process, in a worker thread or
 * in a separate Lambda invocation.
 */
import type { ObjectStore } from '../../storage/index.js';
import { createLanguageDetector, getAnalyzer } from '../../text/index.js';
import { UNDETERMINED_LANGUAGE } from '../format/constants.js';
import { docsKey, segmentKeys, shardKey, type ShardEntry } from '../format/manifest.js';
import { ShardWriter } from './shard-writer.js';

export interface ShardRecord {
  id: string;
  text: string;
  title?: string;
  /** Canonical language, when the record or --lang gave one. */
  lang?: string;
}

export interface ShardJob {
  buildId: string;
  shardIndex: number;
  /**
   * Set when the batch is one segment of a larger shard (lib/index/build/merge.ts): it is written
   * under its segment keys, to be merged, instead of as the shard.
   */
  segment?: number;
  records: ShardRecord[];
}

export interface ShardResult {
  entry: ShardEntry;
  totalTerms: number;
  langDocCounts: Record<string, number>;
  detectedLanguageDocs: number;
}

const RELEASED: ShardRecord = { id: '', text: '' };

/**
 * The doc store's size if every character took one UTF-8 byte, plus each record's 8-byte
 * header: exact for ASCII text, an underestimate (the buffer grows) for other scripts.
 */
function docStoreBytesHint(records: readonly ShardRecord[]): number {
  let bytes = 0;
  for (const r of records) bytes += 8 + r.text.length + (r.title?.length ?? 0);
  return bytes;
}

export async function buildShard(job: ShardJob, store: ObjectStore): Promise<ShardResult> {
  // Only untagged records need language identification, and only they pay for its table.
  const detector = job.records.some((r) => r.lang === undefined) ? await createLanguageDetector() : undefined;
  const writer = new ShardWriter(docStoreBytesHint(job.records));
  let detectedLanguageDocs = 0;
  const records = job.records;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    // Drop each record once it is in the writer, so the batch does not stay alive beside its copy.
    records[i] = RELEASED;
    const analysed = record.title ? `${record.title}\n${record.text}` : record.text;
    let lang = record.lang;
    if (lang === undefined) {
      lang = detector!.detect(analysed)?.lang ?? UNDETERMINED_LANGUAGE;
      detectedLanguageDocs++;
    }
    const stored =
      record.title !== undefined ? { title: record.title, text: record.text } : { text: record.text };
    writer.addDocument(record.id, lang, getAnalyzer(lang), analysed, stored);
  }
  const encoded = writer.encode();
  const keys =
    job.segment === undefined
      ? { key: shardKey(job.buildId, job.shardIndex), docsKey: docsKey(job.buildId, job.shardIndex) }
      : segmentKeys(job.buildId, job.shardIndex, job.segment);
  const entry: ShardEntry = {
    key: keys.key,
    bytes: encoded.shard.length,
    ...encoded.head,
    docCount: encoded.docCount,
    docs: [{ key: keys.docsKey, bytes: encoded.docStore.length }],
  };
  await Promise.all([store.put(entry.key, encoded.shard), store.put(keys.docsKey, encoded.docStore)]);
  return { entry, totalTerms: encoded.totalTerms, langDocCounts: writer.langDocCounts, detectedLanguageDocs };
}
