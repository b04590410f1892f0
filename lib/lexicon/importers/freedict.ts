/**
 * FreeDict dictionaries in dictd format: a `.index` of `headword<TAB>offset<TAB>length` (dictd base64)
 * into a `.dict.dz` (dictzip, which plain gunzip reads whole). An entry is a header line
 * ("cat /kæt/ <n>") followed by senses, numbered ("1. Katze, Mieze") or not ("Katze; Mieze");
 * translations of the r-th sense score 1/r so earlier, more common senses rank higher.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DICTD_BASE64_ALPHABET, DICTD_METADATA_RE, GZIP_MAGIC } from '../constants.js';
import { cleanText, decodeHtmlEntities } from '../normalize.js';
import { type ImportOptions, type ImportResult, newLexicon, readLines, requireEntries } from './common.js';

const FORMAT = 'dictd .index (headword<TAB>offset<TAB>length)';
const NUMBERED_SENSE_RE = /^(\d+)\.\s*(.*)$/;
/** Grammar and usage notes inside a sense: <fem, n>, {n}, [coll.], (of an animal). */
const ANNOTATION_RE = /<[^>]*>|\{[^}]*\}|\[[^\]]*\]|\([^)]*\)/g;
/** Cross-references, examples and notes are not translations. */
const NON_TRANSLATION_LINE_RE =
  /^(?:see|see also|synonyms?|antonyms?|note|notes|example|examples)\b:?|^["“„]/i;
const TRANSLATION_SEPARATOR_RE = /[,;]/;

/** dictd base64: digits from DICTD_BASE64_ALPHABET, most significant first, no padding. */
export function decodeDictdNumber(text: string): number | undefined {
  if (text === '') return undefined;
  let value = 0;
  for (const char of text) {
    const digit = DICTD_BASE64_ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 64 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Translations of one entry with their 1-based sense rank; the header line is dropped. */
export function parseDictdEntry(text: string): Array<{ tgt: string; rank: number }> {
  const out: Array<{ tgt: string; rank: number }> = [];
  let unnumbered = 0;
  for (const rawLine of decodeHtmlEntities(text).split('\n').slice(1)) {
    const line = rawLine.trim();
    if (line === '' || NON_TRANSLATION_LINE_RE.test(line)) continue;
    const numbered = NUMBERED_SENSE_RE.exec(line);
    const rank = numbered ? Number(numbered[1]) : (unnumbered += 1);
    const body = numbered ? (numbered[2] ?? '') : line;
    for (const part of body.replace(ANNOTATION_RE, ' ').split(TRANSLATION_SEPARATOR_RE)) {
      const tgt = cleanText(part);
      if (tgt !== '' && rank > 0) out.push({ tgt, rank });
    }
  }
  return out;
}

/** A `.dict.dz` (dictzip, read whole as gzip) or plain `.dict` body; Ding's importer reads it too. */
export async function readDictdBody(path: string): Promise<Buffer> {
  const bytes = await readFile(path);
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? gunzipSync(bytes) : bytes;
}

/** One dictd entry: the raw headword of its index line and the entry's text. */
export interface DictdEntry {
  headword: string;
  text: string;
}

/**
 * The entries of a dictd dictionary in index order. Metadata entries are passed over; a line
 * that does not resolve to an entry (extra fields, bad numbers, a range past the body) adds one
 * to `counts.skipped`. FreeDict and Ding share this; they differ in how an entry reads.
 */
export async function* readDictdEntries(
  indexPath: string,
  dictPath: string,
  counts: { skipped: number },
): AsyncGenerator<DictdEntry> {
  const dict = await readDictdBody(dictPath);
  for await (const line of readLines(indexPath)) {
    if (line.trim() === '') continue;
    const [headword = '', offsetText = '', lengthText = '', ...rest] = line.split('\t');
    if (DICTD_METADATA_RE.test(headword.trim())) continue;
    const offset = decodeDictdNumber(offsetText);
    const length = decodeDictdNumber(lengthText);
    if (rest.length > 0 || offset === undefined || length === undefined || offset + length > dict.length) {
      counts.skipped += 1;
      continue;
    }
    yield { headword, text: dict.subarray(offset, offset + length).toString('utf8') };
  }
}

export async function importFreedict(
  indexPath: string,
  dictPath: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const lexicon = newLexicon(options, `freedict:${indexPath}`);
  const counts = { skipped: 0 };
  for await (const { headword, text } of readDictdEntries(indexPath, dictPath, counts)) {
    const translations = cleanText(headword) === '' ? [] : parseDictdEntry(text);
    if (translations.length === 0) {
      counts.skipped += 1;
      continue;
    }
    for (const { tgt, rank } of translations) lexicon.add(headword, tgt, 1 / rank);
  }
  return requireEntries({ lexicon, skipped: counts.skipped }, indexPath, FORMAT);
}
