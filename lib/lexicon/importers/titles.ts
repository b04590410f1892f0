/** Wikipedia title cleaning, applied identically to both sides of a title pair. */
import { DISAMBIGUATOR_RE, NAMESPACE_PREFIX_RE } from '../constants.js';
import { cleanText } from '../normalize.js';

/** "Category:Mercury_(planet)" -> "Mercury": underscores to spaces, no namespace, no disambiguator. */
export function cleanTitle(title: string): string {
  const spaced = cleanText(title.replaceAll('_', ' '));
  return cleanText(spaced.replace(NAMESPACE_PREFIX_RE, '').replace(DISAMBIGUATOR_RE, ''));
}
