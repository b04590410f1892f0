/**
 * Carries the source token's case pattern over to its translation. Lexicon keys are lower-cased, so
 * without this "Berlin" at the start of a sentence and "HOUSE" in a headline would come back in the
 * lexicon's spelling and stand out as switched text for a reason unrelated to language.
 */
export type CasePattern = 'lower' | 'capitalised' | 'upper' | 'other';

function isCased(ch: string, lang: string): boolean {
  return ch.toLocaleUpperCase(lang) !== ch.toLocaleLowerCase(lang);
}

/** The case pattern of a word or phrase; 'other' for mixed forms like "iPhone" that have no mapping. */
export function casePattern(text: string, lang: string): CasePattern {
  const cased = [...text].filter((ch) => isCased(ch, lang));
  if (cased.length === 0 || text === text.toLocaleLowerCase(lang)) return 'lower';
  // A single capital ("I", "A") reads as a capitalised word, not a shouted one.
  if (cased.length > 1 && text === text.toLocaleUpperCase(lang)) return 'upper';
  const first = cased[0] as string;
  const rest = cased.slice(1).join('');
  if (first === first.toLocaleUpperCase(lang) && rest === rest.toLocaleLowerCase(lang)) return 'capitalised';
  return 'other';
}

/** Applies `pattern` to a translation; lower-case and mixed sources keep the lexicon's spelling. */
export function applyCase(translation: string, pattern: CasePattern, lang: string): string {
  if (pattern === 'upper') return translation.toLocaleUpperCase(lang);
  if (pattern !== 'capitalised') return translation;
  const code = translation.codePointAt(0);
  if (code === undefined) return translation;
  const first = String.fromCodePoint(code);
  return first.toLocaleUpperCase(lang) + translation.slice(first.length);
}
