/**
 * Every CLI flag that names a language is checked here, with lib/text's isKnownLanguage: the rule the
 * HTTP API holds `query_lang` and `doc_langs` to, so `--lang german` or `--query-lang xx` fails in
 * one line instead of quietly indexing or searching with the generic analyzer. A known language
 * without a dedicated analyzer is accepted, as the API accepts it, with a warning on stderr.
 */
import {
  canonicalLanguage,
  InvalidLanguageTagError,
  isKnownLanguage,
  languageName,
  SUPPORTED_LANGUAGES,
} from '../text/index.js';
import { UsageError } from './errors.js';

/**
 * tag: one language (`de`). list: comma-separated (`en,de,ru`). pairs: query-doc pairs, the doc side
 * possibly `all` (`en-de,en-all`). lexicon: `LANG=FILE.tsv`.
 */
export type LanguageKind = 'tag' | 'list' | 'pairs' | 'lexicon';

/** The doc side of a `--pairs` item that stands for every language (MLIR). */
const ALL_LANGUAGES = 'all';

/** "did you mean de (German)?" for a language written as its English name. */
function byName(value: string): string {
  const name = value.trim().toLowerCase();
  const code = SUPPORTED_LANGUAGES.find((l) => languageName(l)?.toLowerCase() === name);
  return code === undefined ? '' : `; did you mean ${code} (${languageName(code)})?`;
}

/** Fails unless `value` is one language by the API's rule; warns when the generic analyzer will read it. */
export function checkLanguage(value: string, flag: string): void {
  let canonical: string;
  try {
    canonical = canonicalLanguage(value);
  } catch (error) {
    if (error instanceof InvalidLanguageTagError) throw new UsageError(`${flag}: ${error.message}`);
    throw error;
  }
  if (!isKnownLanguage(value)) {
    throw new UsageError(
      `${flag} ${JSON.stringify(value)} is not a known language (use a BCP 47 tag such as "en", "de" or "zh-Hant")${byName(value)}`,
    );
  }
  if (!SUPPORTED_LANGUAGES.includes(canonical)) {
    console.error(
      `warning: ${flag} ${value}: xlir has no analyzer for ${languageName(value)}; the generic one (no stopwords, no stemming) reads it`,
    );
  }
}

/** `en,de, ru` as ['en', 'de', 'ru']: items trimmed, empty ones dropped. */
export function languageList(value: string): string[] {
  return value
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function checkPair(item: string, flag: string): void {
  const parts = item.split('-');
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    throw new UsageError(`${flag} takes query-doc language pairs such as en-de or en-all, got "${item}"`);
  }
  checkLanguage(parts[0]!, flag);
  if (parts[1] !== ALL_LANGUAGES) checkLanguage(parts[1]!, flag);
}

/** Checks the languages `value` names, read as `kind`; throws UsageError on the first bad one. */
export function checkLanguages(kind: LanguageKind, value: string, flag: string): void {
  if (kind === 'tag') return checkLanguage(value, flag);
  if (kind === 'lexicon') {
    const eq = value.indexOf('=');
    if (eq <= 0 || eq === value.length - 1)
      throw new UsageError(`${flag} takes LANG=FILE.tsv, got "${value}"`);
    return checkLanguage(value.slice(0, eq), flag);
  }
  const items = languageList(value);
  if (items.length === 0) throw new UsageError(`${flag} needs at least one language, got "${value}"`);
  for (const item of items) {
    if (kind === 'pairs') checkPair(item, flag);
    else checkLanguage(item, flag);
  }
}
