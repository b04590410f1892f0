/**
 * Words a query writes with a one-letter prefix that the lexicon lists bare. Arabic joins the
 * conjunctions و "and" and ف "so", the prepositions ب "with", ك "as" and ل "for", and the person
 * markers of the imperfect verb (ي ت ن ا) to the word: يلعب "he plays", لامتناع "for refraining".
 * The Snowball stemmer strips only some of them, and dictionaries list the bare form (لعب, امتناع).
 *
 * A query word PSQ could not translate, that the document index does not hold and that names no
 * index term (psq.ts, names.ts), and that no compound split explains (decompound.ts), is tried
 * once more without its first letter, when that letter is one of its language's
 * DETACHABLE_PREFIXES and at least DETACHED_MIN_LETTERS letters remain. The rest is analysed as a
 * word of its own and used when the lexicon translates it. Rules fixed before measuring: one
 * letter only, Arabic only (the language whose untranslated query words showed it).
 */
import { getAnalyzer } from '../text/index.js';
import { DETACHABLE_PREFIXES, DETACHED_MIN_LETTERS } from './constants.js';
import type { TermTranslator } from './translation.js';

/**
 * The analysed key of `word` without its one-letter prefix, as a split of one part, when its
 * language detaches that letter and the translator knows the rest; undefined otherwise.
 */
export function detachPrefix(word: string, translator: TermTranslator): string[] | undefined {
  const prefixes = DETACHABLE_PREFIXES[translator.srcLang];
  const letters = [...word];
  if (prefixes === undefined || !prefixes.includes(letters[0]!)) return undefined;
  if (letters.length - 1 < DETACHED_MIN_LETTERS) return undefined;
  const rest = getAnalyzer(translator.srcLang).analyze(letters.slice(1).join(''));
  return rest.length === 1 && translator.translate(rest[0]!).length > 0 ? [rest[0]!] : undefined;
}
