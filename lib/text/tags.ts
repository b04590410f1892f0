/** BCP 47 tag handling, delegated to Intl so aliases (iw -> he, in -> id) follow CLDR. */
import { CANONICAL_TAG_MEMO_ENTRIES, MAX_TAG_ECHO_LENGTH } from './constants.js';
import { InvalidLanguageTagError } from './errors.js';

/** JSON-quoted and truncated so the error message stays one readable line whatever the input. */
function describe(tag: string): string {
  const shown = tag.length > MAX_TAG_ECHO_LENGTH ? `${tag.slice(0, MAX_TAG_ECHO_LENGTH)}…` : tag;
  return JSON.stringify(shown);
}

function reason(tag: string): string {
  if (tag.includes('_')) return "subtags are separated by '-', not '_' (e.g. 'en-US')";
  if (/\s/.test(tag)) return 'it contains whitespace';
  if (/^x-/i.test(tag)) return 'a private-use tag has no language subtag';
  return 'it is not a well-formed BCP 47 language tag (e.g. "en", "pt-BR", "zh-Hant-TW")';
}

/**
 * Tags already canonicalised. The index build canonicalises every record's tag, and Intl's
 * parsing was 4% of its CPU; a corpus uses a handful of distinct tags, and the memo stops growing
 * at CANONICAL_TAG_MEMO_ENTRIES, so arbitrary input cannot make it large.
 */
const canonicalTags = new Map<string, string>();

/** 'EN-us' -> 'en', 'zh-Hant-TW' -> 'zh', 'iw' -> 'he'. */
export function canonicalLanguage(tag: string): string {
  const known = canonicalTags.get(tag);
  if (known !== undefined) return known;
  const language = parseLanguage(tag);
  if (canonicalTags.size < CANONICAL_TAG_MEMO_ENTRIES) canonicalTags.set(tag, language);
  return language;
}

function parseLanguage(tag: string): string {
  if (typeof tag !== 'string') {
    throw new InvalidLanguageTagError(`Invalid language tag: expected a string, got ${typeof tag}`);
  }
  if (tag === '') throw new InvalidLanguageTagError('Invalid language tag: the tag is empty');
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined) {
    throw new InvalidLanguageTagError(`Invalid language tag ${describe(tag)}: ${reason(tag)}`);
  }
  // ICU reads "und" (undetermined) as the root locale, whose language is undefined.
  return new Intl.Locale(canonical).language ?? canonical.split('-')[0]!;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A well-formed BCP 47 tag whose language CLDR knows ("en", "pt-BR", "sw"; not "xx", "und" or
 * "german"): the rule every caller-supplied language is held to, so the HTTP API and the CLI accept
 * the same tags. Known languages without a dedicated analyzer are analysed by the generic one.
 */
export function isKnownLanguage(tag: string): boolean {
  try {
    return LANGUAGE_NAMES.of(canonicalLanguage(tag)) !== undefined;
  } catch {
    return false;
  }
}

/** CLDR's English name of a known language ("de" -> "German"), undefined for any other tag. */
export function languageName(tag: string): string | undefined {
  return isKnownLanguage(tag) ? LANGUAGE_NAMES.of(canonicalLanguage(tag)) : undefined;
}
