/**
 * From corpus records to shard records: language resolution and parameter
 * checks shared by the single-process builder and the per-part build.
 */
import { canonicalLanguage, InvalidLanguageTagError } from '../../text/index.js';
import { IndexInputError } from '../errors.js';
import type { CorpusRecord } from './input.js';
import type { Bm25Params } from '../format/manifest.js';
import type { ShardRecord } from './shard-builder.js';

/** Canonical form of `--lang`, or undefined when none was given. */
export function fallbackLanguage(lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  try {
    return canonicalLanguage(lang);
  } catch (error) {
    if (error instanceof InvalidLanguageTagError) throw new IndexInputError(`--lang: ${error.message}`);
    throw error;
  }
}

/** Tags repeat across millions of records; canonicalising each once keeps the hot loop cheap. */
export function languageResolver(fallback: string | undefined) {
  const canonical = new Map<string, string>();
  return (record: CorpusRecord): string | undefined => {
    if (record.lang === undefined) return fallback;
    let lang = canonical.get(record.lang);
    if (lang === undefined) {
      try {
        lang = canonicalLanguage(record.lang);
      } catch (error) {
        if (error instanceof InvalidLanguageTagError)
          throw new IndexInputError(`line ${record.line}: ${error.message}`);
        throw error;
      }
      if (canonical.size < 10_000) canonical.set(record.lang, lang);
    }
    return lang;
  };
}

export function toShardRecord(record: CorpusRecord, lang: string | undefined): ShardRecord {
  const shardRecord: ShardRecord = { id: record.id, text: record.text };
  if (record.title !== undefined) shardRecord.title = record.title;
  if (lang !== undefined) shardRecord.lang = lang;
  return shardRecord;
}

export function duplicateIdError(record: CorpusRecord): IndexInputError {
  return new IndexInputError(
    `line ${record.line}: duplicate document id "${record.id}"; ids must be unique (or pass --skip-duplicates to keep the first)`,
  );
}

export function validateBm25(k1: number, b: number): Bm25Params {
  if (!Number.isFinite(k1) || k1 < 0) throw new IndexInputError(`--k1 must be a number ≥ 0, got ${k1}`);
  if (!Number.isFinite(b) || b < 0 || b > 1) throw new IndexInputError(`--b must be in [0, 1], got ${b}`);
  return { k1, b };
}
