/**
 * Models that read English glosses (xlir-model.json `"input": "english-gloss"`): the reranker
 * glosses the query and the passages routed to them before tokenising, scores exactly what the same
 * weights give the glossed texts, and refuses, as the models' state, when it has nothing to gloss with.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Glosser } from '../../lib/codeswitch/index.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import {
  DEFAULT_LAMBDA,
  parseModelManifest,
  releaseModels,
  Reranker,
  RerankModelError,
  type RerankCandidate,
} from '../../lib/rerank/index.js';
import { glossMatchScores } from '../../lib/rerank/gloss-match.js';
import { FileStore } from '../../lib/storage/node.js';
import { lexicon } from '../search/lexicon.js';
import { copyFixtureModel, TEST_THREADS, withTempDir, writeRouting } from './helpers.js';

afterAll(releaseModels);

const GERMAN = ['Das Telefon erfand Bell.', 'Die Stadt und der Fluss.', 'Bell und das Telefon in Berlin.'];

function candidates(): RerankCandidate[] {
  return GERMAN.map((text, i) => ({ docId: `d${i}`, lang: 'de', text, bm25Score: 10 - i }));
}

/**
 * A routing.json over two copies of the tiny fixture: `text` reads text, `glosses` reads glosses
 * and serves en→de and, unless `multilingual` says otherwise, mixed lists.
 */
async function glossAndTextModels(dir: string, multilingual = 'glosses'): Promise<string> {
  const text = await copyFixtureModel('tiny', path.join(dir, 'text'));
  const glosses = await copyFixtureModel('tiny', path.join(dir, 'glosses'));
  const manifestPath = path.join(glosses, 'xlir-model.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  await writeFile(
    manifestPath,
    JSON.stringify({ ...manifest, languages: ['en', 'de'], input: 'english-gloss' }),
  );
  return writeRouting(dir, {
    version: 1,
    models: { text, glosses },
    routes: [{ query_lang: 'en', doc_lang: 'de', model: 'glosses' }],
    multilingual,
    zero_shot: 'text',
  });
}

async function germanGlosser(dir: string): Promise<Glosser> {
  const store = new FileStore(path.join(dir, 'pack'));
  const deEn = lexicon('de', 'en', [
    ['Telefon', 'telephone', 1],
    ['erfand', 'invented', 1],
    ['Stadt', 'city', 1],
    ['Fluss', 'river', 1],
  ]);
  await writeLexiconPack(store, [{ lexicon: deEn }]);
  return new Glosser(await openLexiconPack(store));
}

/** The German passages glossed with `query` pair by pair, and what the text model's weights give them. */
async function glossedPairScores(reranker: Reranker, glosser: Glosser, query: string) {
  const pairs = await glosser.glossPairs(
    { text: query, lang: 'de' },
    GERMAN.map((text) => ({ text, lang: 'de' })),
  );
  const direct = await reranker.scorePairs(
    'text',
    pairs.map((pair) => [pair.query, pair.passage] as [string, string]),
  );
  return { pairs, direct };
}

describe('models that read English glosses', () => {
  it('parses the manifest key, and refuses an unknown input', () => {
    // Act / Assess
    expect(parseModelManifest('{}', 'm').input).toBe('text');
    expect(parseModelManifest('{"input": "english-gloss"}', 'm').input).toBe('english-gloss');
    expect(() => parseModelManifest('{"input": "french"}', 'm')).toThrow(
      /^m: input must be "text" or "english-gloss", got "french"$/,
    );
  });

  it('scores the glossed query and passages, as the same weights score those texts', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const glosser = await germanGlosser(dir);
      const reranker = await Reranker.open(await glossAndTextModels(dir), { threads: TEST_THREADS, glosser });
      const query = 'Wer erfand das Telefon?';
      // Act
      const result = await reranker.rerank({ query, queryLang: 'de', candidates: candidates(), lambda: 1 });
      const { pairs, direct } = await glossedPairScores(reranker, glosser, query);
      // Assess
      expect(pairs[0]).toEqual({
        query: 'Wer invented das telephone?',
        passage: 'Das telephone invented Bell.',
      });
      expect(result.models.map((m) => m.model)).toEqual(['glosses']);
      const logits = Object.fromEntries(result.results.map((r) => [r.docId, r.logit]));
      GERMAN.forEach((_, i) => expect(logits[`d${i}`]).toBeCloseTo(direct.logits[i]!, 5));
      // ...and not what the same weights give the texts as written.
      const unglossed = await reranker.scorePairs(
        'text',
        GERMAN.map((t) => [query, t] as [string, string]),
      );
      expect(unglossed.logits).not.toEqual(direct.logits);
    });
  });

  it('fuses a glossed list against query and document translation together, a text list against the first stage', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the first stage puts the passage about a city and a river second, just above the
      // third; its glosses share nothing with the question, so document translation puts it last.
      const glosser = await germanGlosser(dir);
      const reranker = await Reranker.open(await glossAndTextModels(dir), { threads: TEST_THREADS, glosser });
      const firstStage = [10, 2, 1];
      const request = {
        query: 'Wer erfand das Telefon?',
        queryLang: 'de',
        candidates: candidates().map((c, i) => ({ ...c, bm25Score: firstStage[i]! })),
        lambda: 0,
      };
      // Act: λ 0 orders by the first-stage signal alone.
      const glossed = await reranker.rerank(request);
      const text = await reranker.rerank({ ...request, model: 'text' });
      // Assess
      const { pairs } = await glossedPairScores(reranker, glosser, request.query);
      const match = glossMatchScores({
        queries: new Map(pairs.map((p, i) => [i, p.query])),
        passages: new Map(pairs.map((p, i) => [i, p.passage])),
      });
      expect(match.get(1)).toBe(0);
      expect(text.results.map((r) => r.docId)).toEqual(['d0', 'd1', 'd2']);
      expect(glossed.results.map((r) => r.docId)).toEqual(['d0', 'd2', 'd1']);
      expect(glossed.results[0]!.score).toBe(1);
    });
  });

  it('leaves a text model’s text alone, unless the reranker is opened with glossEveryModel', async () => {
    await withTempDir(async (dir) => {
      // Prepare: the same routing, one reranker as served and one as the experiment measures.
      const glosser = await germanGlosser(dir);
      const routing = await glossAndTextModels(dir);
      const served = await Reranker.open(routing, { threads: TEST_THREADS, glosser });
      const everyModel = await Reranker.open(routing, {
        threads: TEST_THREADS,
        glosser,
        glossEveryModel: true,
      });
      const query = 'Wer erfand das Telefon?';
      const request = { query, queryLang: 'de', candidates: candidates(), lambda: 1, model: 'text' };
      // Act
      const [asText, asGlosses] = await Promise.all([served.rerank(request), everyModel.rerank(request)]);
      const text = await served.scorePairs(
        'text',
        GERMAN.map((t) => [query, t] as [string, string]),
      );
      const { direct: glossed } = await glossedPairScores(served, glosser, query);
      // Assess
      const logitsOf = (result: typeof asText) =>
        Object.fromEntries(result.results.map((r) => [r.docId, r.logit]));
      GERMAN.forEach((_, i) => {
        expect(logitsOf(asText)[`d${i}`]).toBeCloseTo(text.logits[i]!, 5);
        expect(logitsOf(asGlosses)[`d${i}`]).toBeCloseTo(glossed.logits[i]!, 5);
      });
      expect(asGlosses.models.map((m) => m.model)).toEqual(['text']);
    });
  });

  it('routes around a model that reads glosses when there are no lexicons, and says so', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const reranker = await Reranker.open(await glossAndTextModels(dir, 'text'), { threads: TEST_THREADS });
      const request = { query: 'telephone', queryLang: 'en', candidates: candidates() };
      // Act
      const routed = await reranker.rerank(request);
      const named = reranker.rerank({ ...request, model: 'glosses' });
      // Assess
      expect(routed.models).toEqual([
        {
          docLang: 'de',
          model: 'text',
          rule: 'multilingual',
          reason:
            'route en→de goes to glosses, which reads English glosses, and no lexicons were given: the multilingual variant instead',
          lambda: DEFAULT_LAMBDA,
        },
      ]);
      expect(routed.counts.scored).toBe(GERMAN.length);
      await expect(named).rejects.toThrow(RerankModelError);
    });
  });

  it('is a model error, naming the model, when the reranker has no lexicon pack and no text model to route to', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const reranker = await Reranker.open(await glossAndTextModels(dir), { threads: TEST_THREADS });
      // Act
      const attempt = reranker.rerank({ query: 'telephone', queryLang: 'en', candidates: candidates() });
      // Assess
      await expect(attempt).rejects.toThrow(RerankModelError);
      await expect(attempt).rejects.toThrow(/^model glosses reads English glosses .* no lexicon pack/);
    });
  });
});
