import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readXquadR } from '../../lib/datasets/index.js';
import {
  ExperimentError,
  partialRemovals,
  runXquadRExperiment,
  sampleQids,
  writeReports,
  type Candidate,
  type RankingQuery,
  type RankingSystem,
} from '../../lib/experiment/index.js';
import { DEFAULT_FUSION, FUSION_METHODS } from '../../lib/search/index.js';
import { openLexicons } from '../../lib/search/node.js';
import { fuseRecord, type RankingsRecord } from '../../lib/experiment/index.js';
import { withTempDir } from '../helpers/corpus.js';

const XQUAD = fileURLToPath(new URL('../datasets/fixtures/xquad-r/', import.meta.url));

async function lexicons(dir: string): Promise<string> {
  const folder = join(dir, 'lexicons');
  await mkdir(folder);
  await writeFile(
    join(folder, 'en-de.test.tsv'),
    [
      'invented\terfand\t1',
      'telephone\tTelefon\t1',
      'born\tgeboren\t1',
      'long\tlang\t1',
      'end\tmündet\t1',
      '',
    ].join('\n'),
  );
  return folder;
}

/** A second stage that records what it was given and returns nothing, so its runs score 0. */
class DiscardingRanker implements RankingSystem {
  readonly name = 'discard';
  readonly depth = 3;
  readonly needsText = true;
  readonly seen: Array<{ query: RankingQuery; candidates: readonly Candidate[] }> = [];

  async rank(query: RankingQuery, candidates: readonly Candidate[]): Promise<Candidate[]> {
    this.seen.push({ query, candidates });
    return [];
  }
}

/** The fixture collection in en and de, with lexicons, reporting under `dir`. */
async function enDeOptions(dir: string) {
  return {
    dataDir: XQUAD,
    lexicons: await openLexicons(await lexicons(dir)),
    outDir: join(dir, 'out'),
    langs: ['en', 'de'],
  };
}

describe('XQuAD-R experiment', () => {
  it('evaluates every setting, pair and system and writes the reports', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const options = await enDeOptions(dir);
      // Act
      const results = await runXquadRExperiment(options);
      const paths = await writeReports(options.outDir, results);
      // Assess
      const runs = results.results.map((r) => `${r.setting} ${r.queryLang}→${r.docLang} ${r.system}`);
      expect(runs).toEqual([
        'moir en→en bm25',
        'moir de→de bm25',
        'clir en→de bm25',
        'clir en→de psq',
        'clir de→en bm25',
        'clir de→en psq',
        ...['mlir', 'mlir-partial'].flatMap((setting) =>
          ['en', 'de'].flatMap((q) =>
            ['bm25', ...FUSION_METHODS.map((f) => `psq+${f}`)].map(
              (system) => `${setting} ${q}→all ${system}`,
            ),
          ),
        ),
      ]);
      const clir = (system: string) =>
        results.results.find((r) => r.queryLang === 'en' && r.docLang === 'de' && r.system === system)!;
      expect(clir('psq').mean['mrr@10']).toBeGreaterThan(clir('bm25').mean['mrr@10']!);
      expect(clir('psq').perQuery.size).toBe(4);
      // 2 CLIR pairs × 1 comparison + 4 MLIR(-partial) pairs × one per two of their systems, per metric.
      const systems = 1 + FUSION_METHODS.length;
      expect(results.comparisons.filter((c) => c.metric === 'map')).toHaveLength(
        2 + (4 * systems * (systems - 1)) / 2,
      );
      expect(results.pooled.filter((c) => c.metric === 'map' && c.setting === 'clir')).toEqual([
        expect.objectContaining({ a: 'bm25', b: 'psq', pairs: 2, queries: 8 }),
      ]);
      const markdown = await readFile(paths.markdown, 'utf8');
      expect(markdown).toContain('| en→de | psq |');
      expect(markdown).toContain('| clir | 2 | 8 | bm25 | psq |');
      expect(await readFile(paths.svg, 'utf8')).toMatch(/^<svg [^>]*>/);
      const json = JSON.parse(await readFile(paths.json, 'utf8')) as { results: Array<{ perQuery: object }> };
      expect(Object.keys(json.results[0]!.perQuery)).toEqual(['q1', 'q2', 'q3', 'q4']);
      expect(await readFile(join(options.outDir, 'data', 'qrels-de.txt'), 'utf8')).toContain(
        'q4 0 de-1-1-1 1',
      );
    });
  });

  it('gives byte-identical results when run again, reusing its cached indexes', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const options = { ...(await enDeOptions(dir)), queries: 3, seed: 7 };
      const first = await writeReports(options.outDir, await runXquadRExperiment(options));
      const firstJson = await readFile(first.json, 'utf8');
      const manifest = await readFile(join(options.outDir, 'indexes', 'de', 'manifest.json'), 'utf8');
      // Act
      const second = await writeReports(options.outDir, await runXquadRExperiment(options));
      // Assess
      expect(await readFile(second.json, 'utf8')).toBe(firstJson);
      expect(await readFile(join(options.outDir, 'indexes', 'de', 'manifest.json'), 'utf8')).toBe(manifest);
    });
  });

  it('runs a pluggable ranking system on each first stage’s top candidates, with their text', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const ranker = new DiscardingRanker();
      // Act
      const results = await runXquadRExperiment({
        dataDir: XQUAD,
        outDir: join(dir, 'out'),
        langs: ['en'],
        settings: ['moir'],
        firstStages: ['bm25'],
        rankers: [ranker],
      });
      // Assess
      expect(results.results.map((r) => r.system)).toEqual(['bm25', 'bm25>discard']);
      expect(ranker.seen).toHaveLength(4);
      expect(ranker.seen.every((s) => s.candidates.length <= 3 && s.candidates.every((c) => c.text))).toBe(
        true,
      );
      const scores = ranker.seen.map((s) => s.candidates.map((c) => c.score));
      expect(scores.every((list) => list.every((x, i) => i === 0 || list[i - 1]! >= x))).toBe(true);
      const [first, discarded] = results.results;
      expect(first!.mean['mrr@10']).toBeGreaterThan(0);
      expect(discarded!.mean['mrr@10']).toBe(0);
    });
  });

  it('writes the per-language lists fusion received, which fuse offline to the ranking the run used', async () => {
    await withTempDir(async (dir) => {
      // Prepare: only PSQ with the default fusion, so the ranker sees exactly that system's top 3.
      const ranker = new DiscardingRanker();
      const options = {
        ...(await enDeOptions(dir)),
        settings: ['mlir-partial' as const],
        firstStages: ['psq' as const],
        fusions: [DEFAULT_FUSION],
        rankers: [ranker],
        writeRankings: true,
      };
      // Act
      const results = await runXquadRExperiment(options);
      // Assess: one record per question per query language, both languages listed, the removed
      // sentence in none of them; fusing them again gives the candidates the ranker saw.
      expect(Object.keys(results.config.partial!.removed)).toHaveLength(4);
      const removedDocs = new Map(
        (await readFile(join(options.outDir, 'data', 'mlir-partial-removed.tsv'), 'utf8'))
          .trim()
          .split('\n')
          .map((line) => line.split('\t'))
          .map(([qid, lang, doc]) => [qid!, [lang!, doc!]] as const),
      );
      for (const queryLang of ['en', 'de']) {
        const file = join(options.outDir, 'rankings', `mlir-partial-${queryLang}-all.jsonl`);
        const records = (await readFile(file, 'utf8'))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as RankingsRecord);
        expect(records.map((r) => r.qid)).toEqual(['q1', 'q2', 'q3', 'q4']);
        for (const record of records) {
          expect(record.queryLang).toBe(queryLang);
          expect(record.lists.map((l) => l.lang).sort()).toEqual(['de', 'en']);
          expect(record.lists.find((l) => l.lang === queryLang)!.via).toBe('monolingual');
          const ids = record.lists.map((l) => l.docs.map(([id]) => id));
          const [removedLang, removedDoc] = removedDocs.get(record.qid)!;
          expect(ids[record.lists.findIndex((l) => l.lang === removedLang)]).not.toContain(removedDoc);
          expect(ids.flat().length).toBeGreaterThan(0);
          const fused = fuseRecord(record, DEFAULT_FUSION, 3);
          const seen = ranker.seen.find((s) => s.query.qid === record.qid && s.query.lang === queryLang)!;
          expect(fused).toEqual(seen.candidates.map((c) => c.docId));
        }
      }
    });
  });

  it('MLIR-partial removes each question’s answer from half the languages, before fusion, and records it', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a ranker that sees every first stage's candidates (with their ids).
      const ranker = new DiscardingRanker();
      const options = { ...(await enDeOptions(dir)), settings: ['mlir-partial' as const], rankers: [ranker] };
      const data = await readXquadR(XQUAD, ['en', 'de']);
      // Act
      const results = await runXquadRExperiment({ ...options, seed: 3 });
      const again = await runXquadRExperiment({ ...options, seed: 3 });
      // Assess: one of the two languages removed per question, seeded, recorded.
      const removed = results.config.partial!.removed;
      expect(again.config.partial!.removed).toEqual(removed);
      expect(results.config.partial!.removedLanguages).toBe(1);
      expect(Object.keys(removed)).toEqual(['q1', 'q2', 'q3', 'q4']);
      const removedDoc = (qid: string) => data.find((d) => d.lang === removed[qid]![0])!.relevant.get(qid)!;
      const recorded = await readFile(join(options.outDir, 'data', 'mlir-partial-removed.tsv'), 'utf8');
      expect(recorded).toContain(`q1\t${removed.q1![0]}\t${removedDoc('q1')}\n`);
      const qrels = await readFile(join(options.outDir, 'data', 'qrels-mlir-partial.txt'), 'utf8');
      for (const qid of ['q1', 'q2', 'q3', 'q4']) expect(qrels).not.toContain(removedDoc(qid));
      expect(qrels.trim().split('\n')).toHaveLength(4);
      // No system ever saw a removed sentence.
      expect(ranker.seen.length).toBeGreaterThan(0);
      for (const { query, candidates } of ranker.seen)
        expect(candidates.map((c) => c.docId)).not.toContain(removedDoc(query.qid));
      const bm25 = results.results.find((r) => r.system === 'bm25' && r.queryLang === 'en')!;
      expect(bm25.setting).toBe('mlir-partial');
      expect(bm25.mean.map).toBeGreaterThan(0);
    });
  });

  it('refuses to run PSQ without lexicons', async () => {
    await withTempDir(async (dir) => {
      // Act
      const attempt = runXquadRExperiment({ dataDir: XQUAD, outDir: join(dir, 'out'), langs: ['en', 'de'] });
      // Assess
      await expect(attempt).rejects.toThrow(ExperimentError);
    });
  });
});

describe('partialRemovals', () => {
  it('draws 3 of 6 languages per question from the seed and the qid alone', async () => {
    // Prepare
    const data = await readXquadR(XQUAD, ['en', 'de']);
    const six = ['ar', 'de', 'en', 'es', 'ru', 'zh'].map((lang) => ({ ...data[0]!, lang }));
    // Act
    const all = partialRemovals(six, ['q1', 'q2', 'q3', 'q4'], 9);
    const sample = partialRemovals(six, ['q3'], 9);
    const otherSeed = [1, 2, 3, 4, 5].map((seed) => partialRemovals(six, ['q1', 'q2', 'q3', 'q4'], seed));
    // Assess
    for (const r of all.values()) expect(r.langs).toHaveLength(3);
    expect(sample.get('q3')).toEqual(all.get('q3'));
    expect(otherSeed.some((o) => JSON.stringify([...o]) !== JSON.stringify([...all]))).toBe(true);
  });
});

describe('sampleQids', () => {
  it('draws the same seeded sample of questions shared by every language, in qid order', async () => {
    // Prepare
    const data = await readXquadR(XQUAD, ['en', 'de']);
    // Act
    const a = sampleQids(data, 2, 5);
    const b = sampleQids(data, 2, 5);
    const all = sampleQids(data, undefined, 5);
    // Assess
    expect(a).toEqual(b);
    expect(a).toHaveLength(2);
    expect([...a].sort()).toEqual(a);
    expect(all).toEqual(['q1', 'q2', 'q3', 'q4']);
  });
});
