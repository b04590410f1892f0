import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  MODEL_LAMBDA,
  rerankSystem,
  rerankSystemName,
  runXquadRExperiment,
} from '../../lib/experiment/index.js';
import { main } from '../../lib/cli/main.js';
import { Glosser } from '../../lib/codeswitch/index.js';
import { releaseModels, Reranker } from '../../lib/rerank/index.js';
import { LexiconCatalog } from '../../lib/search/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { fixtureModel, writeRouting } from '../rerank/helpers.js';
import { lexicon } from '../search/lexicon.js';

const XQUAD = fileURLToPath(new URL('../datasets/fixtures/xquad-r/', import.meta.url));
const ROUTING = fileURLToPath(new URL('../fixtures/models/routing.json', import.meta.url));

afterAll(releaseModels);

describe('the reranking stage as an experiment system', () => {
  it('names systems by model, strategy and lambda', () => {
    expect(rerankSystemName({ depth: 10, model: 'auto', lambda: 0.5 })).toBe('rerank:auto@0.5');
    expect(rerankSystemName({ depth: 10, model: 'ml', lambda: 1, strategy: 'per-language' })).toBe(
      'rerank:ml/per-language@1',
    );
    expect(rerankSystemName({ depth: 10, model: 'fs', lambda: 1, firstStageScores: false })).toBe(
      'rerank:fs/no-scores@1',
    );
  });

  it('names a glossed system apart and keeps its scores apart from the text system’s', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one reranker reads text, the other glosses every pair (--rerank-input gloss).
      const routing = await writeRouting(dir, {
        version: 1,
        models: { tiny: fixtureModel('tiny') },
        multilingual: 'tiny',
        zero_shot: 'tiny',
      });
      const glosser = new Glosser(
        LexiconCatalog.fromLexicons([lexicon('de', 'en', [['Telefon', 'telephone', 1]])]),
      );
      const text = await Reranker.open(routing, { threads: 1 });
      const glossing = await Reranker.open(routing, { threads: 1, glosser, glossEveryModel: true });
      const cache = new Map();
      const textSystem = rerankSystem(text, { depth: 1, model: 'tiny', lambda: 1 }, cache);
      const glossSystem = rerankSystem(glossing, { depth: 1, model: 'tiny', lambda: 1 }, cache);
      const query = { qid: 'q', text: 'Wer erfand das Telefon', lang: 'de' };
      const candidates = [{ docId: 'd', lang: 'de', score: 1, text: 'Das Telefon' }];
      const calls = vi.spyOn(glossing, 'rerank');
      // Act
      await textSystem.rank(query, candidates);
      await glossSystem.rank(query, candidates);
      // Assess: the glossing reranker is asked (the cache did not answer for it), with the texts.
      expect([textSystem.name, glossSystem.name]).toEqual(['rerank:tiny@1', 'rerank:tiny/gloss@1']);
      expect(calls).toHaveBeenCalledTimes(1);
      const request = calls.mock.calls[0]![0];
      expect([request.query, request.queryLang]).toEqual(['Wer erfand das Telefon', 'de']);
      expect(cache.size).toBe(2);
    });
  });

  it('withholds first-stage scores from the model only, as a /v1/rerank caller sends none', async () => {
    await withTempDir(async (dir) => {
      // Prepare: bert-first-stage's logit is 1·present + 2·value of its row (make_fixtures.py).
      const models = { fs: fixtureModel('bert-first-stage') };
      const routing = await writeRouting(dir, { version: 1, models, multilingual: 'fs', zero_shot: 'fs' });
      const reranker = await Reranker.open(routing, { threads: 1 });
      const calls = vi.spyOn(reranker, 'rerank');
      const cache = new Map();
      const withScores = rerankSystem(reranker, { depth: 2, model: 'fs', lambda: 1 }, cache);
      const without = rerankSystem(
        reranker,
        { depth: 2, model: 'fs', lambda: 1, firstStageScores: false },
        cache,
      );
      const fused = rerankSystem(
        reranker,
        { depth: 2, model: 'fs', lambda: 0, firstStageScores: false },
        cache,
      );
      const query = { qid: 'q', text: 'who invented the telephone', lang: 'en' };
      const candidates = [
        { docId: 'low', lang: 'en', score: 1, text: 'the telephone' },
        { docId: 'top', lang: 'en', score: 4, text: 'the telephone' },
      ];
      // Act
      const ranked = await withScores.rank(query, candidates);
      await without.rank(query, candidates);
      const kept = await fused.rank(query, candidates);
      // Assess: the model saw the scores once and zeros once (one pass per mode, shared by λ),
      // and fusion at λ 0 still orders by the first-stage scores it was not shown.
      expect(ranked.map((c) => c.docId)).toEqual(['top', 'low']);
      expect(calls).toHaveBeenCalledTimes(2);
      expect(calls.mock.calls[0]![0].candidates.map((c) => c.bm25Score)).toEqual([1, 4]);
      expect(calls.mock.calls[1]![0].candidates.map((c) => c.bm25Score)).toEqual([0, 0]);
      const scores = await Promise.all(
        calls.mock.results.map((r) => r.value as ReturnType<Reranker['rerank']>),
      );
      expect(scores[0]!.results.map((r) => r.rerankScore).sort()).toEqual(
        [1 + 2 * 0.25, 1 + 2 * 1].map((x) => expect.closeTo(x, 5)),
      );
      expect(scores[1]!.results.map((r) => r.rerankScore)).toEqual([
        expect.closeTo(0, 5),
        expect.closeTo(0, 5),
      ]);
      expect(kept.map((c) => c.docId)).toEqual(['top', 'low']);
    });
  });

  it('returns the reranker order, best first, with rank-derived scores', async () => {
    // Prepare
    const reranker = await Reranker.open(ROUTING, { threads: 1 });
    const system = rerankSystem(reranker, { depth: 3, model: 'tiny', lambda: 1 });
    const candidates = [
      { docId: 'far', lang: 'en', score: 9, text: 'Bread and cheese are sold at the market.' },
      { docId: 'hit', lang: 'en', score: 5, text: 'The river Elbe flows through the city of Dresden.' },
      { docId: 'mid', lang: 'en', score: 1, text: 'The farmers grow wheat and potatoes in the valley.' },
    ];
    // Act
    const ranked = await system.rank(
      { qid: 'q', text: 'Which river flows through the city?', lang: 'en' },
      candidates,
    );
    // Assess
    expect(ranked.map((c) => c.docId)[0]).toBe('hit');
    expect(ranked.map((c) => c.docId).sort()).toEqual(['far', 'hit', 'mid']);
    expect(ranked.map((c) => c.score)).toEqual([3, 2, 1]);
  });

  it('with λ "model", fuses at the weight each model declares, as serving does by default', async () => {
    await withTempDir(async (dir) => {
      // Prepare: two copies of tiny, one asking for λ 0 (first stage only), one for λ 1.
      const models: Record<string, string> = {};
      for (const lambda of [0, 1]) {
        const copy = join(dir, `tiny-${lambda}`);
        await cp(fixtureModel('tiny'), copy, { recursive: true });
        const manifest = JSON.parse(await readFile(join(copy, 'xlir-model.json'), 'utf8')) as object;
        await writeFile(join(copy, 'xlir-model.json'), JSON.stringify({ ...manifest, fusion: { lambda } }));
        models[`tiny-${lambda}`] = copy;
      }
      const routing = await writeRouting(dir, {
        version: 1,
        models,
        multilingual: 'tiny-1',
        zero_shot: 'tiny-1',
      });
      const reranker = await Reranker.open(routing, { threads: 1 });
      const candidates = [
        { docId: 'far', lang: 'en', score: 9, text: 'Bread and cheese are sold at the market.' },
        { docId: 'hit', lang: 'en', score: 5, text: 'The river Elbe flows through the city of Dresden.' },
        { docId: 'mid', lang: 'en', score: 1, text: 'The farmers grow wheat and potatoes in the valley.' },
      ];
      const query = { qid: 'q', text: 'Which river flows through the city?', lang: 'en' };
      const order = async (model: string, lambda: number | 'model') =>
        (await rerankSystem(reranker, { depth: 3, model, lambda }).rank(query, candidates)).map(
          (c) => c.docId,
        );
      // Act / Assess
      expect(rerankSystemName({ depth: 3, model: 'tiny-0', lambda: MODEL_LAMBDA })).toBe(
        'rerank:tiny-0@model',
      );
      expect(await order('tiny-0', MODEL_LAMBDA)).toEqual(['far', 'hit', 'mid']);
      expect(await order('tiny-1', MODEL_LAMBDA)).toEqual(await order('tiny-1', 1));
      expect(await order('tiny-1', MODEL_LAMBDA)).not.toEqual(['far', 'hit', 'mid']);
    });
  });

  it('runs inside an experiment as "<first stage>><system>" on the chosen pairs only', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const reranker = await Reranker.open(ROUTING, { threads: 1 });
      const system = rerankSystem(reranker, { depth: 5, model: 'tiny', lambda: 0.5 });
      // Act
      const results = await runXquadRExperiment({
        dataDir: XQUAD,
        outDir: join(dir, 'out'),
        langs: ['en', 'de'],
        settings: ['moir'],
        firstStages: ['bm25'],
        pairs: ['en-en'],
        rankers: [system],
      });
      // Assess
      const systems = results.results.map((r) => `${r.queryLang}-${r.docLang} ${r.system}`);
      expect(systems).toEqual(['en-en bm25', 'en-en bm25>rerank:tiny@0.5']);
    });
  });

  it('rejects reranking flags without --rerank, and unknown pairs, in one line', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const base = ['experiment', 'xquad-r', '--data', XQUAD, '--out', dir, '--first-stage', 'bm25'];
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
      // Act
      const withoutDepth = await main([...base, '--langs', 'en,de', '--lambda', '0.5']);
      const unknownPair = await main([...base, '--langs', 'en,de', '--settings', 'moir', '--pairs', 'en-ru']);
      spy.mockRestore();
      // Assess
      expect(withoutDepth).toBe(2);
      expect(unknownPair).not.toBe(0);
      expect(errors).toHaveLength(2);
      expect(errors[0]).toMatch(/--rerank-scores and --rerank-input need --rerank DEPTH/);
      expect(errors[1]).toMatch(/no language pair .* matches --pairs/);
    });
  });
});

describe('systems that differ only in lambda', () => {
  it('share one model pass through the score cache, and lambda 0 keeps the first-stage order', async () => {
    // Prepare
    const reranker = await Reranker.open(ROUTING, { threads: 1 });
    const calls = vi.spyOn(reranker, 'rerank');
    const cache = new Map();
    const pure = rerankSystem(reranker, { depth: 3, model: 'tiny', lambda: 1 }, cache);
    const firstStage = rerankSystem(reranker, { depth: 3, model: 'tiny', lambda: 0 }, cache);
    const query = { qid: 'q', text: 'Which river flows through the city?', lang: 'en' };
    const candidates = [
      { docId: 'a', lang: 'en', score: 9, text: 'Bread and cheese are sold at the market.' },
      { docId: 'b', lang: 'en', score: 5, text: 'The river Elbe flows through the city of Dresden.' },
      { docId: 'c', lang: 'en', score: 1, text: 'The farmers grow wheat and potatoes in the valley.' },
    ];
    // Act
    const reranked = await pure.rank(query, candidates);
    const kept = await firstStage.rank(query, candidates);
    // Assess
    expect(calls).toHaveBeenCalledTimes(1);
    expect(reranked[0]!.docId).toBe('b');
    expect(kept.map((c) => c.docId)).toEqual(['a', 'b', 'c']);
  });
});
