import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import {
  AnalysedLexicon,
  bagOfWords,
  Searcher,
  translateQuery,
  type TermGroup,
} from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { getAnalyzer } from '../../lib/text/index.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { lexicon, termIn } from './lexicon.js';
import { psqReferenceScores } from './reference-psq.js';

async function searcherOver(
  dir: string,
  docs: Array<Omit<CorpusRecord, 'line'>>,
  shardDocs = 1000,
): Promise<Searcher> {
  const store = openStore(dir);
  await buildIndex(asRecords(docs), store, { shardDocs });
  return new Searcher(await IndexReader.open(store));
}

// 'la' and 'yo' get lib/text's generic analyzer (no stemming, no stopwords), so every
// number below can be worked out on paper.
const TINY_DOCS = [
  { id: 'd1', lang: 'yo', text: 'haus haus hund' },
  { id: 'd2', lang: 'yo', text: 'gebaude katze' },
  { id: 'd3', lang: 'yo', text: 'hund katze maus' },
  { id: 'd4', lang: 'yo', text: 'maus' },
];

describe('PSQ scoring', () => {
  it('matches a hand computation of tf′ = Σ p·tf and df′ = Σ p·df on a tiny index', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await searcherOver(dir, TINY_DOCS);
      const table = AnalysedLexicon.fromLexicon(
        lexicon('la', 'yo', [
          ['house', 'haus', 3],
          ['house', 'gebaude', 1],
          ['cat', 'katze', 1],
          ['cat', 'mieze', 1],
        ]),
      );
      // Act
      const { groups } = translateQuery('house cat', table);
      const { hits } = await searcher.searchGroups(groups, { topK: 10 });
      // Assess
      // N = 4, avgdl = 9/4, k1 = 0.9, b = 0.4. house: df′ = .75·1 + .25·1 = 1; cat: df′ = .5·2 + .5·0 = 1;
      // both idf = ln(1 + 3.5/1.5). norm(dl) = 0.9·(0.6 + 0.4·dl/2.25): 1.02 (dl 3), 0.86 (dl 2).
      // d1: tf′ = .75·2 → idf·1.5/2.52. d2: idf·(.25/1.11 + .5/1.36). d3: idf·.5/1.52.
      const idf = Math.log(1 + 3.5 / 1.5);
      expect(hits.map((h) => h.docId)).toEqual(['d1', 'd2', 'd3']);
      expect(hits[0]!.score).toBeCloseTo((idf * 1.5) / 2.52, 10);
      expect(hits[1]!.score).toBeCloseTo(idf * (0.25 / 1.11 + 0.5 / 1.36), 10);
      expect(hits[2]!.score).toBeCloseTo((idf * 0.5) / 1.52, 10);
    });
  });

  it.each([
    [1000, 'terms'],
    [2, 'terms'],
    [1000, 'conjunction'],
    [2, 'conjunction'],
  ] as const)(
    'equals a plain PSQ reference on German documents, pruned and exhaustive (shardDocs=%i, %s)',
    async (shardDocs, phraseTranslation) => {
      await withTempDir(async (dir) => {
        // Prepare
        const docs = [
          { id: 'g1', lang: 'de', text: 'Das Haus am Fluss ist alt. Das Haus hat einen Garten.' },
          { id: 'g2', lang: 'de', text: 'Im Gebäude wohnt eine Katze, die Katze jagt Mäuse.' },
          { id: 'g3', lang: 'de', text: 'Der Hund bellt im Garten, der Hund ist groß.' },
          { id: 'g4', lang: 'de', text: 'Ein Fluss fließt durch die Stadt.' },
          { id: 'g5', lang: 'de', text: 'Katzen und Hunde leben im Haus.' },
        ];
        const searcher = await searcherOver(dir, docs, shardDocs);
        const table = AnalysedLexicon.fromLexicon(
          lexicon('en', 'de', [
            ['house', 'Haus', 2],
            ['house', 'Gebäude', 1],
            ['cat', 'Katze', 1],
            ['dog', 'Hund', 1],
            ['river', 'Fluss', 3],
            ['river', 'Strom', 1],
            ['garden', 'Garten', 1],
            // Translations of several terms: conjunctions (PHRASE_TRANSLATION).
            ['pets', 'Katze Hund', 2],
            ['pets', 'Haus Garten', 1],
            ['pets', 'Maus', 1],
          ]),
          { phraseTranslation },
        );
        const analysed = docs.map((d) => ({ id: d.id, terms: getAnalyzer('de').analyze(d.text) }));
        const queries = ['house by the river', 'the cat and the dog', 'garden house garden', 'river', 'pets'];
        const petTerms = translateQuery('pets', table).groups[0]!.terms.map((t) => t.term);
        expect(petTerms.includes('katz hund')).toBe(phraseTranslation === 'conjunction');
        for (const query of [...queries, 'pets at the river']) {
          const { groups } = translateQuery(query, table);
          // Act
          const pruned = await searcher.searchGroups(groups, { topK: 10 });
          const exhaustive = await searcher.searchGroups(groups, { topK: 10, exhaustive: true });
          // Assess
          const expected = psqReferenceScores(analysed, groups);
          expect(pruned.hits.map((h) => h.docId).sort(), query).toEqual([...expected.keys()].sort());
          for (const hit of pruned.hits)
            expect(hit.score, `${query}/${hit.docId}`).toBeCloseTo(expected.get(hit.docId)!, 9);
          expect(exhaustive.hits).toEqual(pruned.hits);
        }
      });
    },
  );

  it('scores plain terms given as groups of one exactly like monolingual BM25', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await searcherOver(dir, TINY_DOCS);
      const query = 'hund katze katze maus';
      const groups: TermGroup[] = bagOfWords(getAnalyzer('yo').analyze(query)).map((t) => ({
        weight: t.weight,
        terms: [{ term: t.term, weight: 1 }],
      }));
      // Act
      const grouped = await searcher.searchGroups(groups, { topK: 10 });
      const plain = await searcher.search(query, { queryLang: 'yo', topK: 10 });
      // Assess
      expect(grouped.hits).toEqual(plain.hits);
      expect(plain.hits.length).toBe(4);
    });
  });

  it('passes words the lexicon lacks through the document analyzer, so names still match', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await searcherOver(dir, [
        { id: 'p1', lang: 'de', text: 'Gutenbergs Druckerpresse veränderte Europa.' },
        { id: 'p2', lang: 'de', text: 'Die Presse berichtete über Mainz.' },
      ]);
      const table = AnalysedLexicon.fromLexicon(lexicon('en', 'de', [['press', 'Presse', 1]]));
      // Act
      const translated = translateQuery('Gutenbergs press', table);
      const { hits } = await searcher.searchGroups(translated.groups, { topK: 10 });
      // Assess
      expect(translated.untranslated).toEqual([getAnalyzer('en').analyze('Gutenbergs')[0]]);
      expect(hits.map((h) => h.docId).sort()).toEqual(['p1', 'p2']);
    });
  });

  it('gives query terms repeated in the query their count as weight', () => {
    // Prepare
    const table = AnalysedLexicon.fromLexicon(lexicon('en', 'de', [['dog', 'Hund', 1]]));
    // Act
    const { groups } = translateQuery('dog dog dogs', table, { sourceTerms: false });
    // Assess
    expect(groups).toEqual([
      { weight: 3, terms: [{ term: getAnalyzer('de').analyze('Hund')[0], weight: 1 }] },
    ]);
  });

  it('weighs a word by its content share and drops one the lexicon knows only as function words', () => {
    // Prepare: 'la' (generic analyzer, no stopwords) → German: "quomodo" is only ever a
    // function word in German, "manica" half of the time ("der").
    const table = AnalysedLexicon.fromLexicon(
      lexicon('la', 'de', [
        ['quomodo', 'wie', 1],
        ['manica', 'Ärmel', 1],
        ['manica', 'der', 1],
        ['canis', 'Hund', 1],
      ]),
    );
    const de = termIn('de');
    // Act
    const { groups, untranslated } = translateQuery('quomodo canis manica', table, { sourceTerms: false });
    // Assess: "quomodo" has no group at all (not even passed through); "manica" counts half.
    expect(groups).toEqual([
      { weight: 1, terms: [{ term: de('Hund'), weight: 1 }] },
      { weight: 0.5, terms: [{ term: de('Ärmel'), weight: 1 }] },
    ]);
    expect(untranslated).toEqual([]);
  });

  it('translates consecutive query terms as the longest lexicon phrase they match', () => {
    // Prepare: 'la' → 'yo' (generic analyzers): "a b c" and "a b" are phrases, "a" a word.
    const table = AnalysedLexicon.fromLexicon(
      lexicon('la', 'yo', [
        ['a', 'x', 1],
        ['a b', 'y', 1],
        ['a b c', 'z', 1],
        ['c', 'w', 1],
      ]),
    );
    // Act
    const longest = translateQuery('a b c', table, { sourceTerms: false });
    const shorter = translateQuery('a b d c', table, { sourceTerms: false });
    const single = translateQuery('c a', table, { sourceTerms: false });
    // Assess
    expect(longest.groups).toEqual([{ weight: 1, terms: [{ term: 'z', weight: 1 }] }]);
    expect(shorter.groups).toEqual([
      { weight: 1, terms: [{ term: 'y', weight: 1 }] },
      { weight: 1, terms: [{ term: 'd', weight: 1 }] },
      { weight: 1, terms: [{ term: 'w', weight: 1 }] },
    ]);
    expect(shorter.untranslated).toEqual(['d']);
    expect(single.groups.map((g) => g.terms[0]!.term)).toEqual(['w', 'x']);
  });

  it("adds a translated word's own form as one more candidate, at an average translation's share", () => {
    // Prepare
    const table = AnalysedLexicon.fromLexicon(
      lexicon('en', 'de', [
        ['telephone', 'Telefon', 0.75],
        ['telephone', 'Fernsprecher', 0.25],
        ['computer', 'Computer', 1],
      ]),
    );
    const de = termIn('de');
    // Act
    const { groups } = translateQuery('telephone computer', table);
    // Assess: 2 kept translations, so the own form weighs 1/3; "computer" already is its translation
    expect(groups).toEqual([
      {
        weight: 1,
        terms: [
          { term: de('Telefon'), weight: 0.75 },
          { term: de('Fernsprecher'), weight: 0.25 },
          { term: de('telephone'), weight: 1 / 3 },
        ],
      },
      { weight: 1, terms: [{ term: de('Computer'), weight: 1 }] },
    ]);
  });

  it('gives a phrase no own-form candidate, and scores as without it where the form is absent', async () => {
    await withTempDir(async (dir) => {
      // Prepare: 'la' → 'yo'; no document contains "domus" or "canis"
      const searcher = await searcherOver(dir, TINY_DOCS);
      const table = AnalysedLexicon.fromLexicon(
        lexicon('la', 'yo', [
          ['domus', 'haus', 0.8],
          ['domus', 'gebaude', 0.2],
          ['canis', 'hund', 1],
          ['a b', 'maus', 1],
        ]),
      );
      // Act
      const withOwn = translateQuery('domus canis', table);
      const without = translateQuery('domus canis', table, { sourceTerms: false });
      const phrase = translateQuery('a b', table);
      const a = await searcher.searchGroups(withOwn.groups, { topK: 10 });
      const b = await searcher.searchGroups(without.groups, { topK: 10 });
      // Assess
      expect(withOwn.groups.map((g) => g.terms.at(-1)!.term)).toEqual(['domus', 'canis']);
      expect(a.hits).toEqual(b.hits);
      expect(phrase.groups).toEqual([{ weight: 1, terms: [{ term: 'maus', weight: 1 }] }]);
    });
  });

  it('matches a Vietnamese compound as one phrase now that its syllables are not stopwords', () => {
    // Prepare
    const table = AnalysedLexicon.fromLexicon(
      lexicon('vi', 'en', [
        ['sự nghiệp', 'career', 1],
        ['nghiệp', 'karma', 1],
      ]),
    );
    // Act
    const { groups, untranslated } = translateQuery('sự nghiệp của ông', table);
    // Assess
    expect(groups[0]).toEqual({
      weight: 1,
      terms: [{ term: getAnalyzer('en').analyze('career')[0], weight: 1 }],
    });
    expect(untranslated).toEqual(['ông']);
  });
});
