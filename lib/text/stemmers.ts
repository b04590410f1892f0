/**
 * Snowball stemmers by algorithm name. Two packages are needed because snowball-stemmers (a port of
 * Snowball 1.x/2.0-era algorithms) lacks Greek, Hindi and Indonesian; @orama/stemmers ships the
 * Snowball-generated JavaScript for those (checked against libstemmer 2.2 in test/text). Both are
 * synchronous and allocation-light, which matters because stemming runs per unique term.
 */
import snowball from 'snowball-stemmers';
import { stemmer as greekStemmer } from '@orama/stemmers/greek';
import { stemmer as hindiStemmer } from '@orama/stemmers/indian';
import { stemmer as indonesianStemmer } from '@orama/stemmers/indonesian';

export type StemFn = (word: string) => string;

/** Algorithm names as snowball-stemmers spells them; our stemmer names are the same strings. */
const SNOWBALL_STEMMERS_ALGORITHMS: ReadonlySet<string> = new Set([
  'arabic',
  'armenian',
  'basque',
  'catalan',
  'danish',
  'dutch',
  'english',
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

const ORAMA_STEMMERS: Readonly<Record<string, StemFn>> = {
  greek: greekStemmer,
  hindi: hindiStemmer,
  indonesian: indonesianStemmer,
};

/** Throws for an unknown name: a typo in the language table must fail loudly, not silently skip stemming. */
export function createStemmer(name: string): StemFn {
  const orama = ORAMA_STEMMERS[name];
  if (orama !== undefined) return orama;
  if (SNOWBALL_STEMMERS_ALGORITHMS.has(name)) {
    const instance = snowball.newStemmer(name);
    return (word: string): string => instance.stem(word);
  }
  throw new Error(`unknown stemmer "${name}"`);
}
