/** Small in-code lexicons for the translation and PSQ tests. */
import { Lexicon } from '../../lib/lexicon/index.js';

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
