/**
 * xlir's English stopwords exactly as its analyzer applies them (each list entry folded and
 * tokenised, multi-word entries dropped, as lib/text/analyzer.ts prepares them), for peers that
 * take a stopword list of their own (Xapian's SimpleStopper). Derived from lib/text at run time
 * rather than copied by hand, so the peer drops the words xlir drops even when the list changes:
 * without matched stopwords Xapian looked 9.7× slower than it is (issue #17).
 */
import { writeFile } from 'node:fs/promises';
import { getAnalyzer } from '../../lib/text/index.js';
import { foldText } from '../../lib/text/normalize.js';
import { rawStopwords } from '../../lib/text/stopwords.js';
import { tokenize } from '../../lib/text/tokenize.js';

/** The folded single-token stopwords of xlir's English analyzer, sorted. */
export function englishStopwords(): string[] {
  const analyzer = getAnalyzer('en');
  const words = new Set<string>();
  for (const entry of rawStopwords('en')) {
    const tokens = tokenize(foldText(entry, 'en'));
    if (tokens.length !== 1) continue;
    const word = tokens[0]!;
    // The analyzer itself must drop the word, or this list and xlir's would disagree.
    if (analyzer.analyze(word).length !== 0) {
      throw new Error(`"${word}" (from stopword entry "${entry}") is not dropped by xlir's analyzer`);
    }
    words.add(word);
  }
  return [...words].sort();
}

/** Writes the list one word per line (UTF-8); returns how many words. */
export async function writeEnglishStopwords(path: string): Promise<number> {
  const words = englishStopwords();
  await writeFile(path, `${words.join('\n')}\n`);
  return words.length;
}
