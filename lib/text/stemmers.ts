/**
 * Snowball stemmers by algorithm name. Two packages are needed because snowball-stemmers (a port of
 * Snowball 1.x/2.0-era algorithms) lacks Greek, Hindi and Indonesian; @orama/stemmers ships the
 * Snowball-generated JavaScript for those (checked against libstemmer 2.2 in test/text). Both are
 * synchronous and allocation-light, which matters because stemming runs per unique term.
 *
 * English, the language most text is indexed in, is stemmed by porter2, a hand-tuned
 * implementation of the same algorithm (Snowball's english, "Porter2"): snowball-stemmers spends
 * 7–13 µs a word in its transpiled getters, porter2 0.5–1.7 µs, and a build stems every distinct
 * word of its corpus (72,575 in bench/bm25's 100k documents: 11% of the build's CPU). Its stems
 * are snowball-stemmers' for every one of SQuAD train's 88,347 distinct words, and
 * test/text/stemmers.test.ts checks it against snowball-stemmers on generated words.
 */
import { stem as porter2Stem } from 'porter2';
import snowball from 'snowball-stemmers';
import { stemmer as greekStemmer } from '@orama/stemmers/greek';
import { stemmer as hindiStemmer } from '@orama/stemmers/indian';
import { stemmer as indonesianStemmer } from '@orama/stemmers/indonesian';

export type StemFn = (word: string) => string;

/**
 * Algorithm names as snowball-stemmers spells them, ours being the same strings; its english is
 * left out, porter2 stems English (OTHER_STEMMERS).
 */
const SNOWBALL_STEMMERS_ALGORITHMS: ReadonlySet<string> = new Set([
  'arabic',
  'armenian',
  'basque',
  'catalan',
  'danish',
  'dutch',
  'finnish',
  'french',
  'german',
  'hungarian',
  'irish',
  'italian',
  'norwegian',
  'portuguese',
  'romanian',
  'russian',
  'spanish',
  'swedish',
  'tamil',
  'turkish',
]);

/** Stemmers taken from other packages than snowball-stemmers: the same algorithms, faster or missing there. */
const OTHER_STEMMERS: Readonly<Record<string, StemFn>> = {
  english: porter2Stem,
  greek: greekStemmer,
  hindi: hindiStemmer,
  indonesian: indonesianStemmer,
};

/** Throws for an unknown name: a typo in the language table must fail loudly, not silently skip stemming. */
export function createStemmer(name: string): StemFn {
  const other = OTHER_STEMMERS[name];
  if (other !== undefined) return other;
  if (SNOWBALL_STEMMERS_ALGORITHMS.has(name)) {
    const instance = snowball.newStemmer(name);
    return (word: string): string => instance.stem(word);
  }
  throw new Error(`unknown stemmer "${name}"`);
}
