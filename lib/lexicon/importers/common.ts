/** Plumbing shared by the importers: reading (optionally gzipped) files and the common result shape. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { LexiconError } from '../errors.js';
import { Lexicon } from '../lexicon.js';
import { cleanText, normalizeKey } from '../normalize.js';

/** Languages of the lexicon to build; `id` defaults to a provenance string naming the file. */
export interface ImportOptions {
  srcLang: string;
  tgtLang: string;
  id?: string;
}

/** What every importer returns: the lexicon, and how many input lines or records it could not use. */
export interface ImportResult {
  lexicon: Lexicon;
  skipped: number;
}

/** The file's bytes, decompressed on the fly when the name ends in .gz. */
export function openBytes(path: string): NodeJS.ReadableStream {
  const raw = createReadStream(path);
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** Lines of a text file, streamed: lexicon sources can be far larger than memory allows as one string. */
export function readLines(path: string): AsyncIterable<string> {
  return createInterface({ input: openBytes(path), crlfDelay: Infinity });
}

export function newLexicon(options: ImportOptions, defaultId: string): Lexicon {
  return new Lexicon({ srcLang: options.srcLang, tgtLang: options.tgtLang, id: options.id ?? defaultId });
}

/** Adds a pair once: a file listing the same pair twice should not weigh it double. */
export function addOnce(lexicon: Lexicon, src: string, tgt: string, score: number): void {
  const existing = lexicon.rawScores(normalizeKey(src, lexicon.srcLang));
  if (existing?.has(cleanText(tgt)) === true) return;
  lexicon.add(src, tgt, score);
}

/** An importer that read nothing was almost certainly given the wrong file; say so rather than return {}. */
export function requireEntries(result: ImportResult, path: string, format: string): ImportResult {
  if (result.lexicon.size === 0) {
    throw new LexiconError(
      `no entries read from ${path}: is it a ${format} file? (${result.skipped} line(s) skipped)`,
    );
  }
  return result;
}

/** Whether a cleaned field can become a lexicon key or target. */
export function usable(text: string): boolean {
  return cleanText(text) !== '';
}
