/** Small in-code lexicons for the translation and PSQ tests. */
import { Lexicon } from '../../lib/lexicon/index.js';
import { getAnalyzer } from '../../lib/text/index.js';

/** A lexicon from [source, target, score] triples; its id is `src-tgt` unless given. */
export function lexicon(
  src: string,
  tgt: string,
  pairs: Array<[string, string, number]>,
  id = `${src}-${tgt}`,
): Lexicon {
  const lex = new Lexicon({ srcLang: src, tgtLang: tgt, id });
  for (const [s, t, score] of pairs) lex.add(s, t, score);
  return lex;
}

/** The analysed term of one word in `lang`, as lexicons and indexes key it: `termIn('de')('Häuser')`. */
export function termIn(lang: string): (word: string) => string {
  return (word) => getAnalyzer(lang).analyze(word)[0]!;
}
