/**
 * Open Multilingual Wordnet Wiktionary `.tab` files (`synset<TAB>lang:lemma<TAB>word`, '#' header
 * lines). Two languages are joined on the synset id: the score of (src, tgt) is the number of synsets
 * the two words share, so a word's dominant senses dominate its translations.
 */
import { canonicalLanguage } from '../../text/index.js';
import { OMW_LEMMA_SUFFIX, OMW_SYNSET_RE } from '../constants.js';
import { LexiconError } from '../errors.js';
import { cleanText, echo, normalizeKey } from '../normalize.js';
import { type ImportOptions, type ImportResult, newLexicon, readLines, requireEntries } from './common.js';

const FORMAT = 'OMW wordnet .tab ("synset<TAB>lang:lemma<TAB>word")';

interface SynsetWords {
  /** synset id -> normalised word -> the word as first seen (a synset counts once per word). */
  bySynset: Map<string, Map<string, string>>;
  skipped: number;
}

function languageOf(code: string): string | undefined {
  try {
    return canonicalLanguage(code);
  } catch {
    return undefined;
  }
}

async function readSynsets(path: string, lang: string, side: string): Promise<SynsetWords> {
  const bySynset = new Map<string, Map<string, string>>();
  let skipped = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [synset = '', relation = '', word = '', ...rest] = line.split('\t');
    const colon = relation.indexOf(':');
    if (rest.length > 0 || !OMW_SYNSET_RE.test(synset) || colon <= 0 || cleanText(word) === '') {
      skipped += 1;
      continue;
    }
    if (!relation.endsWith(OMW_LEMMA_SUFFIX)) continue;
    const fileLang = languageOf(relation.slice(0, colon));
    if (fileLang !== lang) {
      throw new LexiconError(
        `${path}: ${echo(relation)} rows are not in the ${side} language '${lang}': wrong file for this side?`,
      );
    }
    let words = bySynset.get(synset);
    if (words === undefined) {
      words = new Map();
      bySynset.set(synset, words);
    }
    const key = normalizeKey(word, lang);
    if (!words.has(key)) words.set(key, word);
  }
  return { bySynset, skipped };
}

export async function importOmw(
  srcPath: string,
  tgtPath: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const lexicon = newLexicon(options, `omw:${srcPath}+${tgtPath}`);
  const source = await readSynsets(srcPath, lexicon.srcLang, 'source');
  if (source.bySynset.size === 0) {
    throw new LexiconError(`no entries read from ${srcPath}: is it an ${FORMAT} file?`);
  }
  const target = await readSynsets(tgtPath, lexicon.tgtLang, 'target');
  if (target.bySynset.size === 0) {
    throw new LexiconError(`no entries read from ${tgtPath}: is it an ${FORMAT} file?`);
  }
  for (const [synset, srcWords] of source.bySynset) {
    const tgtWords = target.bySynset.get(synset);
    if (tgtWords === undefined) continue;
    for (const src of srcWords.values()) {
      for (const tgt of tgtWords.values()) lexicon.add(src, tgt, 1);
    }
  }
  const result = { lexicon, skipped: source.skipped + target.skipped };
  return requireEntries(result, `${srcPath} + ${tgtPath} (no shared synsets)`, FORMAT);
}
