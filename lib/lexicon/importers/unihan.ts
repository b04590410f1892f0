/**
 * Unihan's English glosses of Chinese characters (`Unihan_Readings.txt`, Debian `unicode-data`):
 * a Chinese–English dictionary of single characters. No Chinese–English word dictionary installs
 * from Debian, and the Chinese segmenter leaves many query and document words as single characters
 * (碗 "bowl" in 超级 碗, Super Bowl), which the wordnets list rarely. Read for the 8,105 characters of
 * the general standard table (kTGHZ2013) only: the rest are rare or historical forms.
 *
 * A kDefinition line is glosses separated by ';' and ','. Kept as translations: glosses of at most
 * UNIHAN_MAX_GLOSS_WORDS words once parentheticals are removed, that are not notes about the
 * character itself (a surname, a radical, "used in…", "variant of…") and name no other character.
 * A character's glosses count equally: Unihan orders them, but gives no weights.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  type ImportOptions,
  type ImportResult,
  addOnce,
  newLexicon,
  readLines,
  requireEntries,
} from './common.js';

const FORMAT = 'Unihan_Readings.txt ("U+XXXX<TAB>kField<TAB>value")';

/** Longer glosses are descriptions ("a tribe in South China"), not translations. */
export const UNIHAN_MAX_GLOSS_WORDS = 3;

/** Glosses that describe the character, not its meaning. */
const NOTE_RE =
  /\b(surname|radical|variant|same as|used in|used for|particle|phonetic|classifier|numerary|interj)/i;
/** A gloss that names a character (by code point or in Han) points elsewhere. */
const REFERENCE_RE = /U\+|\p{Script=Han}/u;
const LINE_RE = /^U\+([0-9A-F]{4,6})\t(kDefinition|kTGHZ2013)\t(.*)$/;

/** The glosses of one kDefinition value that can be translations. */
export function unihanGlosses(definition: string): string[] {
  const glosses: string[] = [];
  for (const raw of definition.replace(/\([^)]*\)/g, ' ').split(/[;,]/)) {
    const gloss = raw.replace(/\s+/g, ' ').trim();
    if (gloss === '' || NOTE_RE.test(gloss) || REFERENCE_RE.test(gloss)) continue;
    if (gloss.split(' ').length > UNIHAN_MAX_GLOSS_WORDS) continue;
    if (!glosses.includes(gloss)) glosses.push(gloss);
  }
  return glosses;
}

/** The file's lines: a .bz2 (as Debian ships it) through bzcat, anything else as it is. */
async function* lines(path: string): AsyncIterable<string> {
  if (!path.endsWith('.bz2')) {
    yield* readLines(path);
    return;
  }
  const { stdout } = await promisify(execFile)('bzcat', [path], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  yield* stdout.split('\n');
}

/** Whether `bzcat` runs here (Debian's bzip2); the Unihan files ship compressed. */
export async function bzcatAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)('bzcat', ['--help']);
    return true;
  } catch {
    return false;
  }
}

/** Chinese characters → their English glosses (zh→en). */
export async function importUnihan(path: string, options: ImportOptions): Promise<ImportResult> {
  const lexicon = newLexicon(options, `unihan:${path}`);
  const common = new Set<string>();
  const definitions = new Map<string, string>();
  let skipped = 0;
  for await (const line of lines(path)) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE_RE.exec(line);
    if (match === null) continue;
    const char = String.fromCodePoint(Number.parseInt(match[1]!, 16));
    if (match[2] === 'kTGHZ2013') common.add(char);
    else definitions.set(char, match[3]!);
  }
  for (const [char, definition] of definitions) {
    if (!common.has(char)) continue;
    const glosses = unihanGlosses(definition);
    if (glosses.length === 0) skipped += 1;
    for (const gloss of glosses) addOnce(lexicon, char, gloss, 1);
  }
  return requireEntries({ lexicon, skipped }, path, FORMAT);
}
