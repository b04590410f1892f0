/**
 * MUSE and xling/yacle dictionaries: one `src tgt` pair a line. A source listed on several lines gets
 * several translations of equal weight (neither format ranks them).
 */
import {
  addOnce,
  type ImportOptions,
  type ImportResult,
  newLexicon,
  readLines,
  requireEntries,
  usable,
} from './common.js';

/** MUSE separates the two words with a space (some copies use a tab). */
const MUSE_SEPARATOR_RE = /[ \t]+/;
/** xling/yacle files are strictly tab-separated. */
const XLING_SEPARATOR_RE = /\t/;

async function importWordPairs(
  path: string,
  options: ImportOptions,
  separator: RegExp,
  format: string,
  idPrefix: string,
): Promise<ImportResult> {
  const lexicon = newLexicon(options, `${idPrefix}:${path}`);
  let skipped = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    const fields = line.trim().split(separator);
    const [src = '', tgt = ''] = fields;
    if (fields.length !== 2 || !usable(src) || !usable(tgt)) {
      skipped += 1;
      continue;
    }
    addOnce(lexicon, src, tgt, 1);
  }
  return requireEntries({ lexicon, skipped }, path, format);
}

export function importMuse(path: string, options: ImportOptions): Promise<ImportResult> {
  return importWordPairs(path, options, MUSE_SEPARATOR_RE, 'MUSE dictionary ("src tgt" per line)', 'muse');
}

export function importXling(path: string, options: ImportOptions): Promise<ImportResult> {
  return importWordPairs(
    path,
    options,
    XLING_SEPARATOR_RE,
    'xling/yacle TSV ("src<TAB>tgt" per line)',
    'xling',
  );
}
