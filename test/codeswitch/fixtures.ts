/** Lexicon fixtures for code-switching: en→xx TSVs, written to a temporary directory per test. */
import { writeFixture } from '../training-data/fixtures.js';

/** en→xx lexicons as TSV (src, tgt, score): German and Russian cover the same English words. */
export const LEXICON_TSV: Record<string, string> = {
  de: 'big\tgroß\t1\ndog\tHund\t1\nhouse\tHaus\t1\nthe\tdas\t1\ncoffee\tKaffee\t1\ntea\tTee\t1\n',
  ru: 'big\tбольшой\t1\ndog\tсобака\t1\nhouse\tдом\t1\nthe\tэтот\t1\ncoffee\tкофе\t1\ntea\tчай\t1\n',
  ar: 'big\tكبير\t1\ndog\tكلب\t1\nhouse\tبيت\t1\nthe\tال\t1\ncoffee\tقهوة\t1\ntea\tشاي\t1\n',
};

export async function writeLexicons(dir: string, langs = Object.keys(LEXICON_TSV)): Promise<string[]> {
  return Promise.all(
    langs.map(
      async (lang) => `${lang}=${await writeFixture(dir, `en-${lang}.tsv`, LEXICON_TSV[lang] ?? '')}`,
    ),
  );
}
