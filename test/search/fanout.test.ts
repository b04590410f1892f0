import { describe, expect, it } from 'vitest';
import { IndexReader } from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { Lexicon } from '../../lib/lexicon/index.js';
import {
  CrossLingualSearcher,
  fuseRankings,
  FUSION_TIE_MARGIN,
  LexiconCatalog,
  MissingLexiconError,
  QueryError,
  RRF_K,
  Searcher,
} from '../../lib/search/index.js';
import { openStore } from '../../lib/storage/node.js';
import { createLanguageDetector, getAnalyzer } from '../../lib/text/index.js';
import { asRecords, withTempDir } from '../helpers/corpus.js';
import { psqReferenceBound } from './reference-psq.js';

/** The queries below give no language: the detector tells it, as in the API. */
const detector = await createLanguageDetector();

interface Item {
  id: string;
  score: number;
}

const key = (item: Item) => item.id;

describe('fuseRankings', () => {
  const english: Item[] = [
    { id: 'e1', score: 10 },
    { id: 'e2', score: 6 },
    { id: 'e3', score: 2 },
  ];
  const german: Item[] = [
    { id: 'g1', score: 3 },
    { id: 'g2', score: 2 },
  ];

  it('min-max normalises each list to [0, 1] before merging', () => {
    // Act
    const fused = fuseRankings([english, german], 'minmax', 10, key);
    // Assess: e: (10, 6, 2) → (1, .5, 0); g: (3, 2) → (1, 0). Ties: the higher raw score first.
    expect(fused.map((f) => [f.item.id, f.score])).toEqual([
      ['e1', 1],
      ['g1', 1],
      ['e2', 0.5],
      ['e3', 0],
      ['g2', 0],
    ]);
  });

  it('z-scores each list with its own mean and standard deviation', () => {
    // Act
    const fused = fuseRankings([english, german], 'zscore', 10, key);
    // Assess: e: mean 6, sd √(32/3); g: mean 2.5, sd .5.
    const sd = Math.sqrt(32 / 3);
    const scores = Object.fromEntries(fused.map((f) => [f.item.id, f.score]));
    expect(scores.e1).toBeCloseTo(4 / sd, 12);
    expect(scores.e2).toBe(0);
    expect(scores.g1).toBeCloseTo(1, 12);
    expect(scores.g2).toBeCloseTo(-1, 12);
    expect(scores.e3).toBeCloseTo(-4 / sd, 12);
    expect(fused.map((f) => f.item.id)).toEqual(['e1', 'g1', 'e2', 'g2', 'e3']);
  });

  it('reciprocal rank fusion scores 1/(k + rank) and sums over lists holding an item', () => {
    // Prepare
    const other: Item[] = [
      { id: 'e3', score: 1 },
      { id: 'x', score: 0.5 },
    ];
    // Act
    const fused = fuseRankings([english, other], 'rrf', 2, key);
    // Assess: e3 is third in one list and first in the other.
    expect(fused[0]!.item.id).toBe('e3');
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1), 15);
    expect(fused[1]!.item.id).toBe('e1');
    expect(fused).toHaveLength(2);
  });

  it('gives a list of one hit, or of equal scores, full marks under min-max', () => {
    // Act
    const fused = fuseRankings([[{ id: 'a', score: 0.2 }], [{ id: 'b', score: 5 }]], 'minmax', 10, key);
    // Assess
    expect(fused.map((f) => f.score)).toEqual([1, 1]);
    expect(fused.map((f) => f.item.id)).toEqual(['b', 'a']);
  });
});

const DOCS = [
  { id: 'en1', lang: 'en', text: 'The dog sleeps in the house.' },
  { id: 'en2', lang: 'en', text: 'A cat and a dog play in the garden of the house.' },
  { id: 'en3', lang: 'en', text: 'Rivers flow to the sea.' },
  { id: 'de1', lang: 'de', text: 'Der Hund schläft im Haus.' },
  { id: 'de2', lang: 'de', text: 'Ein Hund bellt.' },
  { id: 'de3', lang: 'de', text: 'Die Katze schläft.' },
  { id: 'de4', lang: 'de', text: 'Das Telefon klingelt.' },
];

async function crossLingual(dir: string): Promise<CrossLingualSearcher> {
  const store = openStore(dir);
  await buildIndex(asRecords(DOCS), store, { shardDocs: 4 });
  const lexicon = new Lexicon({ srcLang: 'en', tgtLang: 'de', id: 'en-de' });
  lexicon.add('dog', 'Hund', 1);
  lexicon.add('house', 'Haus', 1);
  lexicon.add('cat', 'Katze', 1);
  return new CrossLingualSearcher(
    new Searcher(await IndexReader.open(store)),
    LexiconCatalog.fromLexicons([lexicon]),
  );
}

describe('CrossLingualSearcher', () => {
  it('searches every document language, translating where it differs, and fuses the lists', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const result = await searcher.search('dog house', { queryLang: 'en', topK: 10, fusion: 'minmax' });
      // Assess
      expect(result.fusion).toBe('minmax');
      expect(result.languages.map((l) => [l.lang, l.via])).toEqual([
        ['en', 'monolingual'],
        ['de', 'en-de'],
      ]);
      expect(new Set(result.hits.map((h) => h.docId))).toEqual(new Set(['en1', 'en2', 'de1', 'de2']));
      // The best document of each language gets 1 under min-max, the query language's 1 plus the
      // tie margin.
      expect(result.hits.slice(0, 2).map((h) => h.score)).toEqual([1 + FUSION_TIE_MARGIN, 1]);
      expect(
        result.hits
          .slice(0, 2)
          .map((h) => h.lang)
          .sort(),
      ).toEqual(['de', 'en']);
    });
  });

  it('ranks a single document language with its own BM25 scores, as a monolingual search would', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const fanned = await searcher.search('dog house', { queryLang: 'en', docLangs: ['en'], topK: 10 });
      const plain = await searcher.searcher.search('dog house', {
        queryLang: 'en',
        docLangs: ['en'],
        topK: 10,
      });
      // Assess
      expect(fanned.hits).toEqual(plain.hits);
      expect(fanned.fusion).toBeUndefined();
    });
  });

  it('fails with a missing-lexicon error for a language it cannot translate into', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const attempt = searcher.search('Hund', { queryLang: 'de', docLangs: ['ru'] });
      // Assess
      await expect(attempt).rejects.toThrow(MissingLexiconError);
    });
  });

  it('refuses an invalid document language tag with a query error', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const attempt = searcher.search('dog', { queryLang: 'en', docLangs: ['not a tag'] });
      // Assess
      await expect(attempt).rejects.toThrow(QueryError);
    });
  });

  it('reads a query whose detected language reaches no document language as the index language it matches best', async () => {
    await withTempDir(async (dir) => {
      // Prepare: "Telefon" alone is detected as Indonesian, which no lexicon leads from.
      const searcher = await crossLingual(dir);
      // Act
      const result = await searcher.search('Telefon', { detector, topK: 10 });
      // Assess
      expect(result.query.lang).toBe('de');
      expect(result.query.source).toBe('fallback');
      expect(result.query.detectedLang).toBe('id');
      expect(result.query.fallbackReason).toMatch(/detected language id/);
      expect(result.languages.map((l) => [l.lang, l.via])).toEqual([
        ['en', 'invert(en-de)'],
        ['de', 'monolingual'],
      ]);
      expect(result.hits.map((h) => h.docId)).toEqual(['de4']);
    });
  });

  it('keeps a language the caller gives, even where no lexicon leads from it', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const attempt = searcher.search('Hund', { queryLang: 'id', topK: 10 });
      // Assess
      await expect(attempt).rejects.toThrow(MissingLexiconError);
    });
  });

  it('keeps a given language that reaches every document language, and says it was given', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const result = await searcher.search('dog', { queryLang: 'en', topK: 10 });
      // Assess
      expect(result.query.lang).toBe('en');
      expect(result.query.source).toBe('given');
      expect(result.query.fallbackReason).toBeUndefined();
      expect(result.unreachable).toBeUndefined();
    });
  });

  it('falls back when the language cannot be told at all (digits only)', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const result = await searcher.search('1876', { detector, topK: 10 });
      // Assess
      expect(result.query.source).toBe('fallback');
      expect(['en', 'de']).toContain(result.query.lang);
      expect(result.query.fallbackReason).toMatch(/could not be told/);
    });
  });
});

describe('CrossLingualSearcher.rankByLanguage', () => {
  it('returns each language with its maximum attainable score, which bounds every score of the list', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const searcher = await crossLingual(dir);
      // Act
      const { rankings } = await searcher.rankByLanguage('dog house cat', { queryLang: 'en', topK: 10 });
      // Assess
      expect(rankings.map((r) => r.lang)).toEqual(['en', 'de']);
      for (const r of rankings) {
        // df′ and N of the list's language alone: each language scores as its own index would.
        const own = DOCS.filter((d) => d.lang === r.lang).map((d) => ({
          id: d.id,
          terms: getAnalyzer(d.lang).analyze(d.text),
        }));
        expect(r.maxScore).toBeCloseTo(psqReferenceBound(own, r.query.groups), 12);
        expect(r.ranked.length).toBeGreaterThan(0);
        for (const d of r.ranked) expect(d.score).toBeLessThan(r.maxScore);
      }
    });
  });
});
