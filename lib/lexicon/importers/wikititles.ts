/**
 * linguatools "wikititles" parallel titles: `src_title<TAB>tgt_title` a line. Titles are cleaned on
 * both sides and become (often multi-word) phrase entries of score 1.
 */
import {
  addOnce,
  type ImportOptions,
  type ImportResult,
  newLexicon,
  readLines,
  requireEntries,
} from './common.js';
import { cleanTitle } from './titles.js';

const FORMAT = 'linguatools wikititles ("src_title<TAB>tgt_title" per line)';

export async function importWikititles(path: string, options: ImportOptions): Promise<ImportResult> {
  const lexicon = newLexicon(options, `wikititles:${path}`);
  let skipped = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    const src = cleanTitle(fields[0] ?? '');
    const tgt = cleanTitle(fields[1] ?? '');
    if (fields.length !== 2 || src === '' || tgt === '') {
      skipped += 1;
      continue;
    }
    addOnce(lexicon, src, tgt, 1);
  }
  return requireEntries({ lexicon, skipped }, path, FORMAT);
}
