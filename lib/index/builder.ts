/**
 * Streams a corpus into document-partitioned shards and publishes them
 * atomically: every shard and doc store first, the manifest last.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/index.js';
import { canonicalLanguage, detectLanguage, getAnalyzer, InvalidLanguageTagError } from '../text/index.js';
import { crc32 } from './binary.js';
import {
  DEFAULT_B,
  DEFAULT_K1,
  DEFAULT_SHARD_DOCS,
  MANIFEST_FORMAT,
  MANIFEST_KEY,
  MANIFEST_VERSION,
} from './constants.js';
import { IndexInputError } from './errors.js';
import { DocIdSet } from './id-set.js';
import type { CorpusRecord } from './input.js';
import { buildPrefix, docsKey, shardKey, type Manifest, type ShardEntry } from './manifest.js';
import { ShardWriter } from './shard-writer.js';

/** Language used when a document has no tag, no --lang was given and detection is undecided. */
export const UNDETERMINED_LANGUAGE = 'und';
const MAX_LANGUAGES = 256;

export interface BuildProgress {
  docs: number;
  shards: number;
  elapsedMs: number;
}

export interface BuildOptions {
  /** Language for records without a "lang" field; detection is used when absent. */
  lang?: string;
  shardDocs?: number;
  k1?: number;
  b?: number;
  /** Keep the first of several records with one id instead of failing the build. */
  skipDuplicates?: boolean;
  onProgress?: (progress: BuildProgress) => void;
  /** Clock injection keeps build ids deterministic in tests. */
  now?: () => Date;
}

export interface BuildReport {
  manifest: Manifest;
  duplicatesSkipped: number;
  detectedLanguageDocs: number;
}

function newBuildId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
}

function validateParams(options: BuildOptions): { k1: number; b: number; shardDocs: number } {
  const k1 = options.k1 ?? DEFAULT_K1;
  const b = options.b ?? DEFAULT_B;
  const shardDocs = options.shardDocs ?? DEFAULT_SHARD_DOCS;
  if (!Number.isFinite(k1) || k1 < 0) throw new IndexInputError(`--k1 must be a number ≥ 0, got ${k1}`);
  if (!Number.isFinite(b) || b < 0 || b > 1) throw new IndexInputError(`--b must be in [0, 1], got ${b}`);
  if (!Number.isInteger(shardDocs) || shardDocs < 1) {
    throw new IndexInputError(`--shard-docs must be a positive integer, got ${shardDocs}`);
  }
  return { k1, b, shardDocs };
}

function recordLanguage(
  record: CorpusRecord,
  fallback: string | undefined,
): { lang: string; detected: boolean } {
  if (record.lang !== undefined) {
    try {
      return { lang: canonicalLanguage(record.lang), detected: false };
    } catch (error) {
      if (error instanceof InvalidLanguageTagError) {
        throw new IndexInputError(`line ${record.line}: ${error.message}`);
      }
      throw error;
    }
  }
  if (fallback !== undefined) return { lang: fallback, detected: false };
  const guess = detectLanguage(record.title ? `${record.title}\n${record.text}` : record.text);
  return { lang: guess?.lang ?? UNDETERMINED_LANGUAGE, detected: true };
}

export async function buildIndex(
  records: AsyncIterable<CorpusRecord>,
  store: ObjectStore,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const { k1, b, shardDocs } = validateParams(options);
  let fallbackLang: string | undefined;
  if (options.lang !== undefined) {
    try {
      fallbackLang = canonicalLanguage(options.lang);
    } catch (error) {
      if (error instanceof InvalidLanguageTagError) throw new IndexInputError(`--lang: ${error.message}`);
      throw error;
    }
  }
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const buildId = newBuildId(now());
  const languages: string[] = [];
  const langIndex = new Map<string, number>();
  const langDocCounts: Record<string, number> = {};
  const seenIds = new DocIdSet();
  const shards: ShardEntry[] = [];
  let totalTerms = 0;
  let docCount = 0;
  let duplicatesSkipped = 0;
  let detectedLanguageDocs = 0;
  let writer = new ShardWriter();

  const flush = async () => {
    if (writer.docCount === 0) return;
    const encoded = writer.encode();
    const index = shards.length;
    const entry: ShardEntry = {
      key: shardKey(buildId, index),
      bytes: encoded.shard.length,
      headBytes: encoded.headBytes,
      headCrc32: crc32(encoded.shard.subarray(0, encoded.headBytes)),
      docCount: encoded.docCount,
      docsKey: docsKey(buildId, index),
      docsBytes: encoded.docStore.length,
    };
    await Promise.all([store.put(entry.key, encoded.shard), store.put(entry.docsKey, encoded.docStore)]);
    shards.push(entry);
    totalTerms += encoded.totalTerms;
    writer = new ShardWriter();
  };

  for await (const record of records) {
    if (!seenIds.add(record.id)) {
      if (options.skipDuplicates) {
        duplicatesSkipped++;
        continue;
      }
      throw new IndexInputError(
        `line ${record.line}: duplicate document id "${record.id}"; ids must be unique (or pass --skip-duplicates to keep the first)`,
      );
    }
    const { lang, detected } = recordLanguage(record, fallbackLang);
    if (detected) detectedLanguageDocs++;
    let li = langIndex.get(lang);
    if (li === undefined) {
      if (languages.length >= MAX_LANGUAGES) {
        throw new IndexInputError(`line ${record.line}: more than ${MAX_LANGUAGES} languages in one index`);
      }
      li = languages.length;
      languages.push(lang);
      langIndex.set(lang, li);
    }
    langDocCounts[lang] = (langDocCounts[lang] ?? 0) + 1;
    const analyzed = record.title ? `${record.title}\n${record.text}` : record.text;
    const terms = getAnalyzer(lang).analyze(analyzed);
    const stored =
      record.title !== undefined ? { title: record.title, text: record.text } : { text: record.text };
    writer.addDocument(record.id, li, terms, stored);
    docCount++;
    if (writer.docCount >= shardDocs) await flush();
    if (options.onProgress && docCount % 1000 === 0) {
      options.onProgress({ docs: docCount, shards: shards.length, elapsedMs: Date.now() - started });
    }
  }
  await flush();
  options.onProgress?.({ docs: docCount, shards: shards.length, elapsedMs: Date.now() - started });

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    buildId,
    createdAt: now().toISOString(),
    bm25: { k1, b },
    docCount,
    totalTerms,
    languages,
    langDocCounts,
    shards,
  };
  const manifestJson = JSON.stringify(manifest, null, 2);
  // The per-build copy keeps old versions addressable; the root manifest is the atomic switch.
  await store.put(`${buildPrefix(buildId)}${MANIFEST_KEY}`, manifestJson);
  await store.put(MANIFEST_KEY, manifestJson);
  return { manifest, duplicatesSkipped, detectedLanguageDocs };
}
