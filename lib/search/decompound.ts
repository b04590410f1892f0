/**
 * Compounds no lexicon lists, translated through their parts. Languages build words the
 * dictionaries never list: German joins nouns (Amazonaswald = Amazonas + Wald), and Chinese writes most words as two or three characters that the
 * lexicon may only know apart (雨林 = 雨 "rain" + 林 "forest", 球队 = 球 "ball" + 队 "team"). A query
 * word PSQ could not translate, that the document index does not hold and that is no name there
 * (psq.ts, names.ts), is split into the fewest parts the translator knows, and searched as the
 * parts' translations, the word's probability shared among its parts — as a translation of
 * several terms already is (PHRASE_TRANSLATION 'terms').
 *
 * The split is of the surface word, and each part goes through the query language's analyzer,
 * so the parts meet the lexicon's keys as stems. Rules fixed before measuring (constants.ts):
 * parts of letters are at least DECOMPOUND_MIN_PART_LETTERS long (Han characters are words of one
 * letter), a German linking "s" may join two parts (Arbeitsmarkt), and a word splits into at most
 * DECOMPOUND_MAX_PARTS (two) parts: beyond that the parts are more likely syllables of a name
 * (亚马逊 "Amazon" would be 亚 "Asia" + 马 "horse" + 逊) than a compound. A word longer than
 * DECOMPOUND_MAX_LETTERS is left whole (the search is quadratic in its length).
 */
import { getAnalyzer } from '../text/index.js';
import { COMPOUNDING_LANGUAGES, DECOMPOUND_MAX_PARTS, DECOMPOUND_MIN_PART_LETTERS } from './constants.js';

/** Longer words are not split (no compound is; a pasted string could be long). */
const DECOMPOUND_MAX_LETTERS = 40;
import type { TermTranslator } from './translation.js';

/** Characters that each write a word or morpheme on their own. */
const HAN_RE = /^\p{Script=Han}$/u;
const ALL_HAN_RE = /^\p{Script=Han}+$/u;
/** Letters that may join two parts of a compound without belonging to either (German Fugen-s). */
const LINKING_LETTERS = new Set(['s']);

/**
 * The analysed parts of `word` that `translator` knows, fewest parts first (then the longest
 * first part), or undefined when the word does not split into known parts.
 */
export function decompose(word: string, translator: TermTranslator): string[] | undefined {
  if (!ALL_HAN_RE.test(word) && !COMPOUNDING_LANGUAGES.includes(translator.srcLang)) return undefined;
  const analyzer = getAnalyzer(translator.srcLang);
  const letters = [...word.toLowerCase()];
  const n = letters.length;
  if (n > DECOMPOUND_MAX_LETTERS) return undefined;
  // A part's analysed key where the translator knows it (the analyzer turns a part into one term).
  const known = new Map<string, string | undefined>();
  const keyOf = (from: number, to: number): string | undefined => {
    const text = letters.slice(from, to).join('');
    if (!known.has(text)) {
      const terms = analyzer.analyze(text);
      const key = terms.length === 1 ? terms[0]! : undefined;
      // A stem shorter than a part may be (punctuation counted in the letters, or stemmed away) is no part.
      const long =
        key !== undefined && (HAN_RE.test(key[0]!) || [...key].length >= DECOMPOUND_MIN_PART_LETTERS);
      known.set(text, long && translator.translate(key).length > 0 ? key : undefined);
    }
    return known.get(text);
  };
  const minLength = (from: number): number =>
    HAN_RE.test(letters[from] ?? '') ? 1 : DECOMPOUND_MIN_PART_LETTERS;
  // best[i]: the fewest parts covering letters[i..]; filled from the end.
  const best: Array<string[] | undefined> = new Array<string[] | undefined>(n + 1);
  best[n] = [];
  for (let i = n - 1; i >= 0; i--) {
    // The whole word is no part: it is what could not be translated.
    for (let j = n; j >= i + minLength(i); j--) {
      if (i === 0 && j === n) continue;
      const key = keyOf(i, j);
      if (key === undefined) continue;
      // The rest follows directly or after one linking letter.
      const rests = [
        best[j],
        j < n && LINKING_LETTERS.has(letters[j]!) && j + 1 < n ? best[j + 1] : undefined,
      ];
      for (const rest of rests) {
        if (rest === undefined || rest.length + 1 > DECOMPOUND_MAX_PARTS) continue;
        const candidate = [key, ...rest];
        if (best[i] === undefined || candidate.length < best[i]!.length) best[i] = candidate;
      }
    }
  }
  const parts = best[0];
  return parts !== undefined && parts.length >= 2 ? parts : undefined;
}
