/** Tunables and format constants for lib/lexicon, kept in one place. */

/** Longest phrase `Lexicon.longestMatch` tries by default: most useful multi-word entries are 2–3 words. */
export const DEFAULT_MAX_PHRASE_WORDS = 3;

/** Field separator of the compact lexicon TSV (`src<TAB>tgt<TAB>score`). */
export const TSV_SEPARATOR = '\t';

/** Longest line echoed in an error message, so a binary file cannot flood the terminal. */
export const MAX_LINE_ECHO_LENGTH = 60;

/** dictd's base64 digits, most significant first (not RFC 4648 padding-based base64). */
export const DICTD_BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** dictd metadata entries (`00-database-info`, older `00databaseshort`) that are not dictionary words. */
export const DICTD_METADATA_RE = /^00-?database/;

/** gzip (and therefore dictzip) files start with these two bytes. */
export const GZIP_MAGIC: readonly [number, number] = [0x1f, 0x8b];

/** OMW synset ids: eight-digit WordNet 3.0 offset and a part-of-speech letter, e.g. `00001740-n`. */
export const OMW_SYNSET_RE = /^\d{8}-[nvasr]$/;

/** The OMW relation column that names a lemma (`eng:lemma`); other rows (definitions, examples) are ignored. */
export const OMW_LEMMA_SUFFIX = ':lemma';

/** MediaWiki namespace of encyclopedia articles; categories, templates and talk pages are elsewhere. */
export const WIKI_ARTICLE_NAMESPACE = 0;

/**
 * A `Namespace:` prefix: one or two words of letters directly followed by a colon and no space, so
 * "Category:Rivers" and "Wikipedia_talk:About" lose it while "Star Wars: A New Hope" keeps its colon.
 */
export const NAMESPACE_PREFIX_RE = /^\p{L}+(?: \p{L}+)?:(?=\S)/u;

/** A trailing disambiguator, "Mercury (planet)" -> "Mercury". */
export const DISAMBIGUATOR_RE = /\s*\([^()]*\)$/u;

/**
 * Characters of an SQL statement head kept while looking for `INSERT INTO ... VALUES`; older text is
 * dropped so memory stays bounded however long the non-INSERT parts of a dump are.
 */
export const SQL_HEAD_KEEP_CHARS = 256;
