/**
 * Known-item search on XQuAD-R sentences: query with the three rarest words
 * of a sentence; that sentence should come first.
 */
import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { Searcher } from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { xquadSentences } from './shared-data.js';

const LANGUAGES = ['ar', 'de', 'en', 'es', 'ru', 'zh'];
const QUERY_WORDS = 3;
const TARGET = 0.95;

/** Surface words of a sentence, each with the index terms it analyses to. */
function surfaceWords(sentence: string, lang: string): Array<{ word: string; terms: string[] }> {
  const analyzer = getAnalyzer(lang);
  const segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
  return [...segmenter.segment(sentence)]
    .filter((s) => s.isWordLike)
    .map((s) => ({ word: s.segment, terms: analyzer.analyze(s.segment) }))
    .filter((w) => w.terms.length > 0);
}

const figures: string[] = [];

describe('XQuAD-R known-item search', () => {
  it.each(LANGUAGES)('ranks the sentence first from its 3 rarest words (%s)', async (lang) => {
    await withTempDir(async (dir) => {
      // Prepare
      const sentences = await xquadSentences(lang);
      const records = sentences.map<CorpusRecord>((text, i) => ({
        id: `${lang}-${i}`,
        text,
        lang,
        line: i + 1,
      }));
      const store = openStore(dir);
      await buildIndex(
        (async function* () {
          yield* records;
        })(),
        store,
        { shardDocs: 500 },
      );
      const df = new Map<string, number>();
      for (const sentence of sentences) {
        for (const term of new Set(getAnalyzer(lang).analyze(sentence)))
          df.set(term, (df.get(term) ?? 0) + 1);
      }
      const searcher = new Searcher(await IndexReader.open(store));

      // Act
      let first = 0;
      for (const [i, sentence] of sentences.entries()) {
        const rarest = surfaceWords(sentence, lang)
          .map((w) => ({ ...w, rarity: Math.min(...w.terms.map((t) => df.get(t) ?? Infinity)) }))
          .sort((a, b) => a.rarity - b.rarity)
          .filter((w, j, all) => all.findIndex((x) => x.word === w.word) === j)
          .slice(0, QUERY_WORDS);
        const query = rarest.map((w) => w.word).join(' ');
        const result = await searcher.search(query, { queryLang: lang, topK: 1 });
        const top = result.hits[0];
        // A sentence that occurs twice verbatim is found if either copy is first.
        if (top && (top.docId === `${lang}-${i}` || sentences[Number(top.docId.split('-')[1])] === sentence))
          first++;
      }

      // Assess
      const share = first / sentences.length;
      figures.push(`${lang}: ${(share * 100).toFixed(1)}% of ${sentences.length} sentences ranked first`);
      console.log(`known-item ${figures.at(-1)}`);
      expect(share).toBeGreaterThanOrEqual(TARGET);
    });
  });
});
