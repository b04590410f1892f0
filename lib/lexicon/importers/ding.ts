/**
 * Ding's German–English dictionary as Debian's dict-de-en ships it for dictd
 * (`german-english.{index,dict.dz}`, `english-german.*`). Its entries differ from FreeDict's: a
 * headword line, a line of the headword's own annotations (" {m} [cook.]", often empty), then the
 * translations on lines indented by three spaces, separated by ';' (synonyms) or '|' (sub-entries).
 * A headword has one index line per Ding entry; each adds its translations, the i-th scoring 1/i
 * (Ding lists the common synonym first). English verbs carry "to" and both sides placeholders
 * ("to concede sth.", "jdm. etw. überlassen"), which are dropped.
 */
import { cleanText } from '../normalize.js';
import { readDictdEntries } from './freedict.js';
import { type ImportOptions, type ImportResult, newLexicon, requireEntries } from './common.js';

const FORMAT = "Ding dictd .index (dict-de-en's german-english/english-german)";
/** Translation lines are indented; the headword's annotation line has one leading space at most. */
const TRANSLATION_LINE_RE = /^ {2,}\S/;
const SEPARATOR_RE = /[;|]/;
/** Grammar and field labels: {m}, {pl}, [cook.], <Abk.>. */
const LABEL_RE = /\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g;
/** Object placeholders of both languages. */
const PLACEHOLDER_RE =
  /(?:^|\s)(?:sth\.|sb\.|sb\.\/sth\.|sth\.\/sb\.|sb's|one's|etw\.|jdn\.|jdm\.|jds\.|jdn\.\/etw\.|etw\.\/jdn\.|jdm\.\/etw\.|jmd\.|jmdn\.|jmdm\.)(?=\s|$)/gu;
/** The English infinitive marker of a verb translation. */
const INFINITIVE_RE = /^to\s+(?=\S)/u;

/** Translations of one Ding entry, in order, cleaned of labels, placeholders and the "to" of verbs. */
export function parseDingEntry(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!TRANSLATION_LINE_RE.test(line)) continue;
    for (const part of line.split(SEPARATOR_RE)) {
      const tgt = cleanDingTerm(part);
      if (tgt !== '') out.push(tgt);
    }
  }
  return out;
}

/** A headword or translation without Ding's labels, placeholders and infinitive "to". */
export function cleanDingTerm(text: string): string {
  const unlabelled = cleanText(text.replace(LABEL_RE, ' '));
  return cleanText(cleanText(unlabelled.replace(PLACEHOLDER_RE, ' ')).replace(INFINITIVE_RE, ''));
}

export async function importDing(
  indexPath: string,
  dictPath: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const lexicon = newLexicon(options, `ding:${indexPath}`);
  const counts = { skipped: 0 };
  for await (const entry of readDictdEntries(indexPath, dictPath, counts)) {
    const headword = cleanDingTerm(entry.headword);
    const translations = headword === '' ? [] : parseDingEntry(entry.text);
    if (translations.length === 0) {
      counts.skipped += 1;
      continue;
    }
    translations.forEach((tgt, i) => lexicon.add(headword, tgt, 1 / (i + 1)));
  }
  return requireEntries({ lexicon, skipped: counts.skipped }, indexPath, FORMAT);
}
