/** Key and target normalisation shared by the lexicon and its importers, so lookups always agree. */
import { MAX_LINE_ECHO_LENGTH } from './constants.js';

const WHITESPACE_RUN_RE = /\s+/gu;

/** NFKC and whitespace collapsing: tabs and newlines cannot survive, so TSV output stays well-formed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(WHITESPACE_RUN_RE, ' ').trim();
}

/**
 * A source key: cleaned, then lower-cased with the source language's locale (Turkish İ/ı). NFKC runs
 * again after lower-casing because case mapping can yield non-NFKC sequences; the function is then
 * idempotent, which invert(invert(x)) relies on to give back the same keys.
 */
export function normalizeKey(text: string, lang: string): string {
  return cleanText(cleanText(text).toLocaleLowerCase(lang));
}

/** A Map, so that "&constructor;" in a dictionary stays as written instead of finding Object.prototype's. */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
]);
const ENTITY_RE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g;

/**
 * HTML character references (&amp;, &#124;, &#x263A;) as the characters they stand for; unknown names
 * stay as written. Dictionary converters leave them in entries, and their ';' would otherwise split
 * a translation list in the middle of a word.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES.get((name ?? '').toLowerCase()) ?? match;
  });
}

/** The whole words of a normalised key: the unit of phrase matching. */
export function keyWords(key: string): string[] {
  return key.split(' ');
}

/** JSON-quoted and truncated so an error message stays one readable line whatever the input. */
export function echo(text: string): string {
  const shown = text.length > MAX_LINE_ECHO_LENGTH ? `${text.slice(0, MAX_LINE_ECHO_LENGTH)}…` : text;
  return JSON.stringify(shown);
}
