import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rerankSystem, rerankSystemName, runXquadRExperiment } from '../../lib/experiment/index.js';
import { main } from '../../lib/cli/main.js';
import { releaseModels, Reranker } from '../../lib/rerank/index.js';
import { withTempDir } from '../helpers/corpus.js';

const XQUAD = fileURLToPath(new URL('../datasets/fixtures/xquad-r/', import.meta.url));
const ROUTING = fileURLToPath(new URL('../fixtures/models/routing.json', import.meta.url));

afterAll(releaseModels);

describe('the reranking stage as an experiment system', () => {
  it('names systems by model, strategy and lambda', () => {
    expect(rerankSystemName({ depth: 10, model: 'auto', lambda: 0.5 })).toBe('rerank:auto@0.5');
    expect(rerankSystemName({ depth: 10, model: 'ml', lambda: 1, strategy: 'per-language' })).toBe(
      'rerank:ml/per-language@1',
    );
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
      expect(errors[0]).toMatch(/need --rerank DEPTH/);
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
