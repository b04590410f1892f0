/**
 * Names through the index vocabulary: an untranslated query word whose consonant skeleton is
 * specific finds the index terms of the same name in the documents' script, and is searched as
 * them; an ambiguous or too short skeleton, or a word the index already holds, stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import {
  AnalysedLexicon,
  CrossLingualSearcher,
  LexiconCatalog,
  NAME_MAX_CANDIDATES,
  NAME_MAX_VOCABULARY,
  NameMatcher,
  Searcher,
  translateQuery,
} from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { lexicon, termIn } from './lexicon.js';

const en = termIn('en');

describe('NameMatcher', () => {
  it('finds the index terms sharing a specific skeleton, and none for short or shared ones', () => {
    // Prepare: "panther" is alone on its skeleton; four terms share BRK; "nt" is too short.
    const matcher = NameMatcher.fromTerms(['panther', 'bark', 'brick', 'broke', 'burke', 'nato', 'game']);
    // Act / Assess
    expect(matcher.candidates('Пэнтер')).toEqual(['panther']);
    // BNTRS: no index term has the plural's s, so the stem's BNTR is tried.
    expect(matcher.candidates('Пэнтерс')).toEqual(['panther']);
    expect(NAME_MAX_CANDIDATES).toBeLessThan(4);
    expect(matcher.candidates('Брук')).toEqual([]); // BRK: four candidates, ambiguous
    expect(matcher.candidates('Нато')).toEqual([]); // NT: two classes
    expect(matcher.has('panther')).toBe(true);
    expect(matcher.has('пэнтер')).toBe(false);
  });

  it('builds nothing for a vocabulary over NAME_MAX_VOCABULARY terms, without reading a term', () => {
    // Prepare: a head that claims more terms than the cap and fails if one is read.
    const head = {
      termCount: NAME_MAX_VOCABULARY + 1,
      termAt: (): string => {
        throw new Error('read a term');
      },
    };
    // Act / Assess
    expect(NameMatcher.fromHeads([head], () => true)).toBeUndefined();
  });

  it('keeps only the terms its filter passes', () => {
    // Prepare
    const head = { termCount: 2, termAt: (i: number) => ['bronco', 'бронкос'][i]! };
    // Act
    const matcher = NameMatcher.fromHeads([head], (t) => /^\p{Script=Latin}+$/u.test(t))!;
    // Assess
    expect(matcher.has('bronco')).toBe(true);
    expect(matcher.has('бронкос')).toBe(false);
  });
});

describe('NameMatcher and Chinese', () => {
  it('matches across Han and Latin with r and l merged, and keeps them apart between other scripts', () => {
    // Prepare: pinyin writes Carolina's r as l (卡罗来纳, KLN); Jacksonville is SKSNBL.
    const english = NameMatcher.fromTerms(['carolina', 'jacksonvill', 'karlin', 'tesla']);
    const chinese = NameMatcher.fromTerms(['卡罗来纳', '特斯拉', '杰克逊维尔'], { mergedLiquids: true });
    // Act / Assess: a Han query word in an English index, and Latin words in a Chinese one.
    expect(english.candidates('特斯拉')).toEqual(['tesla']);
    expect(english.candidates('杰克逊维尔')).toEqual(['jacksonvill']);
    expect(chinese.candidates('Carolina')).toEqual(['卡罗来纳']);
    expect(chinese.candidates('Jacksonville')).toEqual(['杰克逊维尔']);
    // Between Cyrillic and Latin r and l still differ: Каролина is KRLN, "karlin" KRLN too, and
    // carolina KRLN: two candidates; Калина (KLN) matches neither.
    expect(english.candidates('Каролина')).toEqual(['carolina', 'karlin']);
    expect(english.candidates('Калина')).toEqual([]);
  });

  it('takes only Han words that may be transliterations, and no stem off a Chinese index term', () => {
    // Prepare: "sams" shares 什么时候's skeleton (SMS); "luther" and 路德 share LT(L); "broncos"
    // (BRNKS, BLNKS merged) has only its stem's skeleton in the Chinese index (法兰克, BLNK).
    const english = NameMatcher.fromTerms(['sams', 'luther']);
    const chinese = NameMatcher.fromTerms(['法兰克'], { mergedLiquids: true });
    // Act / Assess: ordinary characters, and two characters, are no name.
    expect(english.candidates('什么时候')).toEqual([]);
    expect(english.candidates('路德')).toEqual([]);
    expect(chinese.candidates('Broncos')).toEqual([]);
    expect(chinese.candidates('Franks')).toEqual([]);
    expect(chinese.candidates('Frank')).toEqual(['法兰克']);
    expect(chinese.chinese).toBe(true);
    expect(english.chinese).toBe(false);
  });

  it('gives a translated word no own-form share in Chinese names', () => {
    // Prepare: "fourth" translates; the Chinese index holds 佛罗里达, whose skeleton BLT is fourth's.
    const table = AnalysedLexicon.fromLexicon(lexicon('en', 'zh', [['fourth', '第四', 1]]));
    const chinese = NameMatcher.fromTerms(['第四', '佛罗里达'], { mergedLiquids: true });
    expect(chinese.candidates('fourth')).toEqual(['佛罗里达']);
    // Act
    const { groups, names } = translateQuery('fourth', table, { names: chinese });
    // Assess
    expect(names).toEqual([]);
    expect(groups[0]!.terms.map((t) => t.term)).not.toContain('佛罗里达');
  });
});

describe('Chinese names split into characters', () => {
  // The segmenter splits 卡罗莱纳 into 卡 罗 莱 纳; the lexicon knows each character as something else.
  const table = AnalysedLexicon.fromLexicon(
    lexicon('zh', 'en', [
      ['卡', 'card', 1],
      ['罗', 'mesh', 1],
      ['黑', 'black', 1],
      ['豹', 'panther', 1],
    ]),
  );

  it('searches a run of name characters as the name it spells where the index has it', () => {
    // Prepare
    const matcher = NameMatcher.fromTerms([en('Carolina'), en('card'), en('black'), en('panther')]);
    // Act
    const { groups, names } = translateQuery('卡罗莱纳黑豹队', table, { sourceTerms: false, names: matcher });
    // Assess: one group for the name, then 黑 and 豹 translated (队 is unknown and passed through).
    expect(names).toEqual([{ word: '卡罗莱纳', terms: [en('Carolina')] }]);
    expect(groups.slice(0, 3)).toEqual([
      { weight: 1, terms: [{ term: en('Carolina'), weight: 1 }] },
      { weight: 1, terms: [{ term: en('black'), weight: 1 }] },
      { weight: 1, terms: [{ term: en('panther'), weight: 1 }] },
    ]);
  });

  it('leaves the characters as they are where no index term is that name', () => {
    // Prepare
    const matcher = NameMatcher.fromTerms([en('card'), en('mesh')]);
    // Act
    const { groups, names } = translateQuery('卡罗莱纳', table, { sourceTerms: false, names: matcher });
    // Assess: 卡 and 罗 translated; 莱 and 纳 passed through.
    expect(names).toEqual([]);
    expect(groups.slice(0, 2).map((g) => g.terms[0]!.term)).toEqual([en('card'), en('mesh')]);
  });
});

describe('translateQuery with names', () => {
  const table = AnalysedLexicon.fromLexicon(lexicon('ru', 'en', [['победить', 'win', 1]]));

  it('searches an untranslated word as the index terms of the same name', () => {
    // Prepare
    const matcher = NameMatcher.fromTerms([en('Broncos'), en('win'), en('Denver')]);
    // Act
    const { groups, untranslated, names } = translateQuery('Бронкос победить', table, {
      sourceTerms: false,
      names: matcher,
    });
    // Assess
    expect(names).toEqual([{ word: 'Бронкос', terms: [en('Broncos')] }]);
    expect(untranslated).toHaveLength(1);
    expect(groups).toEqual([
      { weight: 1, terms: [{ term: en('Broncos'), weight: 1 }] },
      { weight: 1, terms: [{ term: en('win'), weight: 1 }] },
    ]);
  });

  it('passes a word through as before where the index holds it as written, or no name matches', () => {
    // Prepare: "denver" is in the index as written ("dnvr" shares its skeleton, and is not
    // added); "Варшава" has no candidate, so it is passed through as before.
    const matcher = NameMatcher.fromTerms([en('Denver'), 'dnvr']);
    // Act
    const { groups, names, untranslated } = translateQuery('Denver Варшава', table, {
      sourceTerms: false,
      names: matcher,
    });
    // Assess
    expect(names).toEqual([]);
    expect(untranslated).toHaveLength(2);
    expect(groups).toEqual([
      { weight: 1, terms: [{ term: en('Denver'), weight: 1 }] },
      { weight: 1, terms: [{ term: en('Варшава'), weight: 1 }] },
    ]);
  });
});

describe('translated words and names', () => {
  it("gives a translated word's own-form share to its name candidates where the index lacks the form", () => {
    // Prepare: en "computer" translates to ru "вычислитель"; the Russian index writes "компьютер".
    const table = AnalysedLexicon.fromLexicon(lexicon('en', 'ru', [['computer', 'вычислитель', 1]]));
    const ru = termIn('ru');
    const matcher = NameMatcher.fromTerms([ru('вычислитель'), ru('компьютер')]);
    // Act
    const withNames = translateQuery('computer', table, { names: matcher });
    const without = translateQuery('computer', table);
    // Assess: one kept translation, so the share is ½, on the name instead of the absent form.
    expect(withNames.groups).toEqual([
      {
        weight: 1,
        terms: [
          { term: ru('вычислитель'), weight: 1 },
          { term: ru('компьютер'), weight: 0.5 },
        ],
      },
    ]);
    expect(withNames.names).toEqual([{ word: 'computer', terms: [ru('компьютер')] }]);
    expect(without.groups[0]!.terms.map((t) => t.term)).toEqual([ru('вычислитель'), 'computer']);
  });
});

describe('CrossLingualSearcher with names', () => {
  it('finds an English passage for a Russian name no lexicon lists, and reports the match', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const store = openStore(dir);
      await buildIndex(
        asRecords([
          { id: 'broncos', lang: 'en', text: 'The Broncos won the game in Denver.' },
          { id: 'other', lang: 'en', text: 'The game was played in Miami.' },
        ]),
        store,
      );
      const searcher = new Searcher(await IndexReader.open(store));
      const catalog = LexiconCatalog.fromLexicons([lexicon('en', 'ru', [['game', 'игра', 1]])]);
      // Act
      const result = await new CrossLingualSearcher(searcher, catalog).search('Бронкос игра', {
        queryLang: 'ru',
        docLangs: ['en'],
      });
      // Assess
      expect(result.hits.map((h) => h.docId)).toEqual(['broncos', 'other']);
      expect(result.languages[0]!.names).toEqual([{ word: 'Бронкос', terms: [en('Broncos')] }]);
    });
  });
});
