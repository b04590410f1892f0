/**
 * Parallel titles from Wikipedia SQL dumps of the source wiki: `langlinks.sql(.gz)` (ll_from, ll_lang,
 * ll_title) joined on page id with `page.sql(.gz)` (page_id, page_namespace, page_title, ...),
 * articles (namespace 0) only. Langlinks are read first and filtered to one language, which is far
 * smaller than the page table, so the join holds only the links in memory.
 */
import { WIKI_ARTICLE_NAMESPACE } from '../constants.js';
import { LexiconError } from '../errors.js';
import {
  addOnce,
  type ImportOptions,
  type ImportResult,
  newLexicon,
  openBytes,
  requireEntries,
} from './common.js';
import { streamSqlTuples } from './sql-stream.js';
import { cleanTitle } from './titles.js';

export interface WikipediaSqlPaths {
  langlinks: string;
  page: string;
}

export interface WikipediaSqlOptions extends ImportOptions {
  /** Wiki language code in ll_lang (e.g. 'de', 'simple'); defaults to the target language. */
  linkLang?: string;
}

export async function importWikipediaSql(
  paths: WikipediaSqlPaths,
  options: WikipediaSqlOptions,
): Promise<ImportResult> {
  const lexicon = newLexicon(options, `wikipedia-sql:${paths.langlinks}+${paths.page}`);
  const linkLang = options.linkLang ?? lexicon.tgtLang;
  let skipped = 0;
  const targetByPage = new Map<number, string>();
  for await (const [from, lang, title] of streamSqlTuples(openBytes(paths.langlinks), 'langlinks')) {
    if (lang !== linkLang) continue;
    const tgt = typeof title === 'string' ? cleanTitle(title) : '';
    if (typeof from !== 'number' || tgt === '') skipped += 1;
    else targetByPage.set(from, tgt);
  }
  if (targetByPage.size === 0) {
    throw new LexiconError(
      `no entries read from ${paths.langlinks}: is it a langlinks SQL dump with '${linkLang}' links?`,
    );
  }
  for await (const [id, namespace, title] of streamSqlTuples(openBytes(paths.page), 'page')) {
    if (namespace !== WIKI_ARTICLE_NAMESPACE || typeof id !== 'number') continue;
    const tgt = targetByPage.get(id);
    if (tgt === undefined) continue;
    const src = typeof title === 'string' ? cleanTitle(title) : '';
    if (src === '') skipped += 1;
    else addOnce(lexicon, src, tgt, 1);
  }
  return requireEntries({ lexicon, skipped }, paths.page, 'page SQL dump matching the langlinks');
}
