import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_LOCATION, toApiError } from '../../lib/api/errors.js';
import { CrossLingualSearcher, MissingLexiconError } from '../../lib/search/index.js';
import { catalogFromDirectory } from '../../lib/search/node.js';
import { createLanguageDetector } from '../../lib/text/index.js';

const detector = await createLanguageDetector();
import { ENGLISH_DOCS, postJson, testApp, useFixtureIndex } from './helpers.js';

const fixture = useFixtureIndex();

interface SearchJson {
  results: Array<{
    doc_id: string;
    lang: string;
    rank: number;
    score: number | null;
    first_stage_score: number;
    bm25_score: number;
    rerank_score?: number;
    model?: string;
    text?: string;
  }>;
  meta: {
    index: { name: string; build_id: string; doc_count: number };
    query: {
      lang: string;
      lang_source: string;
      lang_reason: string | null;
      detected: boolean;
      detected_lang: string | null;
      confidence: number | null;
      terms: string[];
    };
    first_stage: {
      method: string;
      fusion: string | null;
      unreachable_langs: string[];
      languages: Array<{ lang: string; via: string }>;
    };
    reranked: boolean;
    partial: boolean;
    rerank: {
      depth: number;
      scored: number;
      tokens: number;
      models: Array<{ doc_lang: string; model: string; rule: string; reason: string }>;
    } | null;
    shards: { searched: number; failed: number };
    timings_ms: { first_stage: number; rerank: { total: number } | null; total: number };
    billed_units: { search_units: number };
  };
}

describe('POST /v1/search', () => {
  it('returns the first stage ranking of lib/search with ranks, scores and meta', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    const query = 'who invented the telephone';
    const expected = await fixture.searcher.search(query, { queryLang: 'en', topK: 5 });
    // Act
    const response = await postJson(app, '/v1/search', { query, query_lang: 'en', top_k: 5 });
    const body = (await response.json()) as SearchJson;
    // Assess
    expect(response.status).toBe(200);
    expect(body.results.map((r) => r.doc_id)).toEqual(expected.hits.map((h) => h.docId));
    expect(body.results.map((r) => r.bm25_score)).toEqual(expected.hits.map((h) => h.score));
    expect(body.results.map((r) => r.rank)).toEqual(body.results.map((_, i) => i + 1));
    expect(body.results.every((r) => r.score === r.bm25_score && r.text === undefined)).toBe(true);
    expect(body.meta.query).toEqual({
      lang: 'en',
      lang_source: 'given',
      lang_reason: null,
      detected: false,
      detected_lang: null,
      confidence: null,
      terms: expected.query.terms,
    });
    expect(body.meta.first_stage.method).toBe('bm25');
    expect(body.meta.reranked).toBe(false);
    expect(body.meta.shards).toEqual({ searched: expected.shardsSearched, failed: 0, policy: 'partial' });
    expect(body.meta.index).toMatchObject({ name: 'fixture', doc_count: ENGLISH_DOCS.length });
    expect(body.meta.billed_units).toEqual({ search_units: 1 });
    expect(body.meta.timings_ms.total).toBeGreaterThanOrEqual(body.meta.timings_ms.first_stage);
  });

  it('detects the query language when none is given and says how sure it is', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    const query = 'Das Telefon wurde von Alexander Graham Bell erfunden';
    // Act
    const body = (await (await postJson(app, '/v1/search', { query })).json()) as SearchJson;
    // Assess
    expect(body.meta.query.detected).toBe(true);
    expect(body.meta.query.lang_source).toBe('detected');
    expect(body.meta.query.lang).toBe(detector.detect(query)!.lang);
    expect(body.meta.query.detected_lang).toBe(body.meta.query.lang);
    expect(body.meta.query.confidence).toBeGreaterThan(0);
  });

  it('keeps to the requested document languages and returns text on request', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const body = (await (
      await postJson(app, '/v1/search', {
        query: 'Alexander Graham Bell 1876',
        query_lang: 'en',
        doc_langs: ['de', 'es'],
        return_documents: true,
      })
    ).json()) as SearchJson;
    // Assess
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => ['de', 'es'].includes(r.lang))).toBe(true);
    for (const r of body.results) expect(r.text).toBe(ENGLISH_DOCS.find((d) => d.id === r.doc_id)!.text);
  });

  it('reranks the first depth candidates and names the model per document language and why', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const response = await postJson(app, '/v1/search', {
      query: 'telephone invention',
      query_lang: 'en',
      top_k: 3,
      rerank: { depth: 6 },
    });
    const body = (await response.json()) as SearchJson;
    // Assess
    expect(response.status).toBe(200);
    expect(body.meta.reranked).toBe(true);
    expect(body.meta.rerank!.scored).toBe(body.meta.rerank!.depth);
    expect(body.meta.rerank!.tokens).toBeGreaterThan(0);
    expect(body.results).toHaveLength(3);
    const scores = body.results.map((r) => r.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const chosen = new Map(body.meta.rerank!.models.map((m) => [m.doc_lang, m.model]));
    for (const r of body.results) {
      expect(r.rerank_score).toEqual(expect.any(Number));
      expect(r.model).toBe(chosen.get(r.lang));
    }
    expect(body.meta.rerank!.models.every((m) => m.reason.length > 0)).toBe(true);
    expect(body.meta.timings_ms.rerank!.total).toBeGreaterThan(0);
  });

  it('forces one model when the request names it', async () => {
    // Prepare
    const app = testApp(fixture.indexDir);
    // Act
    const body = (await (
      await postJson(app, '/v1/search', {
        query: 'honey bees',
        query_lang: 'en',
        rerank: { depth: 4, model: 'tiny' },
      })
    ).json()) as SearchJson;
    // Assess
    expect(body.meta.rerank!.models.map((m) => [m.model, m.rule])).toEqual(
      body.meta.rerank!.models.map(() => ['tiny', 'explicit']),
    );
    expect(body.results.filter((r) => r.model !== undefined).every((r) => r.model === 'tiny')).toBe(true);
  });

  it('translates with PSQ when lexicons are configured and the documents are in another language', async () => {
    // Prepare
    const lexicons = join(fixture.dir, 'lexicons');
    await mkdir(lexicons, { recursive: true });
    await writeFile(join(lexicons, 'en-de.tsv'), 'telephone\tTelefon\t0.9\ninvented\terfunden\t0.5\n');
    const app = testApp(fixture.indexDir, { lexiconsDir: lexicons });
    const query = 'telephone';
    const direct = await new CrossLingualSearcher(
      fixture.searcher,
      await catalogFromDirectory(lexicons),
    ).search(query, { queryLang: 'en', docLangs: ['de'], topK: 10 });
    // Act
    const body = (await (
      await postJson(app, '/v1/search', { query, query_lang: 'en', doc_langs: ['de'] })
    ).json()) as SearchJson;
    const monolingual = (await (
      await postJson(app, '/v1/search', { query, query_lang: 'en', doc_langs: ['en'] })
    ).json()) as SearchJson;
    // Assess
    expect(body.meta.first_stage.method).toBe('psq');
    expect(body.meta.first_stage.languages.map((l) => l.lang)).toEqual(['de']);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.map((r) => r.doc_id)).toEqual(direct.hits.map((h) => h.docId));
    expect(monolingual.meta.first_stage.method).toBe('bm25');
  });

  it('keeps a given language: a dead end is a 400 naming the missing lexicon, not the server path', async () => {
    // Prepare: lexicons for en-de and en-es only, so Indonesian reaches nothing.
    const lexicons = await fixtureLexicons();
    const app = testApp(fixture.indexDir, { lexiconsDir: lexicons });
    // Act
    const response = await postJson(app, '/v1/search', { query: 'Telefon', query_lang: 'id' });
    const body = (await response.json()) as { error: { type: string; message: string } };
    // Assess
    expect(response.status).toBe(400);
    expect(body.error.message).toMatch(/^no lexicon for id→/);
    expect(body.error.message).not.toContain(lexicons);
  });

  it('answers a one-word query whatever language it is detected as (the playground’s "Telefon")', async () => {
    // Prepare
    const lexicons = await fixtureLexicons();
    const app = testApp(fixture.indexDir, { lexiconsDir: lexicons });
    // Act
    const response = await postJson(app, '/v1/search', { query: 'Telefon' });
    const body = (await response.json()) as SearchJson;
    // Assess
    expect(response.status).toBe(200);
    expect(body.meta.query.detected).toBe(true);
    expect(body.meta.query.detected_lang).toBe(detector.detect('Telefon')?.lang ?? null);
    const fellBack = body.meta.query.lang_source === 'fallback';
    expect(body.meta.query.lang_reason === null).toBe(!fellBack);
    expect(body.results.map((r) => r.doc_id)).toContain('d16');
  });

  it('merges the languages with the fusion the request names', async () => {
    // Prepare
    const lexicons = await fixtureLexicons();
    const app = testApp(fixture.indexDir, { lexiconsDir: lexicons });
    const request = { query: 'telephone invented', query_lang: 'en', doc_langs: ['en', 'de', 'es'] };
    // Act
    const chosen = (await (
      await postJson(app, '/v1/search', { ...request, fusion: 'attainable' })
    ).json()) as SearchJson;
    const plain = (await (await postJson(app, '/v1/search', request)).json()) as SearchJson;
    const unknown = await postJson(app, '/v1/search', { ...request, fusion: 'best' });
    // Assess
    expect(chosen.meta.first_stage.fusion).toBe('attainable');
    expect(chosen.results.every((r) => r.score! > 0 && r.score! <= 1)).toBe(true);
    expect(plain.meta.first_stage.fusion).toBe('head-calibrated');
    expect(unknown.status).toBe(422);
  });

  it('keeps bm25_score the BM25 of a fused hit in its own language, and first_stage_score the fused one', async () => {
    // Prepare
    const lexicons = await fixtureLexicons();
    const app = testApp(fixture.indexDir, { lexiconsDir: lexicons });
    const request = { query: 'telephone invented', query_lang: 'en', doc_langs: ['en', 'de'] };
    // Act
    const fused = (await (await postJson(app, '/v1/search', request)).json()) as SearchJson;
    const english = (await (
      await postJson(app, '/v1/search', { ...request, doc_langs: ['en'] })
    ).json()) as SearchJson;
    // Assess: an English hit has the same BM25 alone and in the fan-out, whatever fusion made of it
    for (const hit of fused.results) {
      expect(hit.first_stage_score).toBe(hit.score);
      expect(hit.score).toBeLessThanOrEqual(1);
      const alone = english.results.find((r) => r.doc_id === hit.doc_id);
      if (alone) expect(hit.bm25_score).toBeCloseTo(alone.bm25_score, 9);
    }
    expect(fused.results.some((r) => r.bm25_score > 1)).toBe(true);
    expect(fused.results.filter((r) => r.lang === 'en').length).toBeGreaterThan(0);
  });

  it('never shows a server path in an error, e.g. an unreadable lexicon folder', async () => {
    // Prepare
    const missing = join(fixture.dir, 'no-such-lexicons');
    const app = testApp(fixture.indexDir, { lexiconsDir: missing });
    // Act
    const response = await postJson(app, '/v1/search', { query: 'telephone', query_lang: 'en' });
    const body = (await response.json()) as { error: { type: string; message: string } };
    const mapped = toApiError(new MissingLexiconError('no lexicon for id→en in /srv/xlir/samples/lexicons'));
    // Assess
    expect(response.status).toBe(400);
    expect(body.error.message).not.toContain(fixture.dir);
    expect(body.error.message).not.toMatch(/(^|\s)\//);
    expect(body.error.message).toContain(SERVER_LOCATION);
    expect(mapped!.message).toBe('no lexicon for id→en');
  });
});

/** en-de and en-es lexicons for the fixture's telephone passages, in the fixture's folder. */
async function fixtureLexicons(): Promise<string> {
  const lexicons = join(fixture.dir, 'lexicons-de-es');
  await mkdir(lexicons, { recursive: true });
  await writeFile(join(lexicons, 'en-de.tsv'), 'telephone\tTelefon\t1\ninvented\terfunden\t1\n');
  await writeFile(join(lexicons, 'en-es.tsv'), 'telephone\tteléfono\t1\ninvented\tinventado\t1\n');
  return lexicons;
}
