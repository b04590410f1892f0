import { execFile, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  buildComparisonMarkdown,
  pairedBuildRatio,
  summariseBuilds,
  type BuildComparison,
  type BuildRun,
} from '../../bench/bm25/build-peers.js';
import { BENCH_DIR, runJsonCommand } from '../../bench/bm25/children.js';
import { withTempDir } from '../helpers/corpus.js';

const run = (docs: number, cpuSeconds: number, extra: Partial<BuildRun> = {}): BuildRun => ({
  docs,
  cpuSeconds,
  wallSeconds: cpuSeconds + 1,
  userSeconds: cpuSeconds - 0.5,
  systemSeconds: 0.5,
  peakRssMb: 100,
  ...extra,
});

function comparison(engines: BuildComparison['engines']): BuildComparison {
  return { docs: 100_000, rounds: 3, seconds: 42, load: { before: [2, 2, 2], after: [3, 3, 3] }, engines };
}

describe('bench:bm25 build comparison', () => {
  it('summarises builds by their medians', () => {
    const s = summariseBuilds([run(100_000, 4), run(100_000, 5, { bytes: 10 }), run(100_000, 2.5)]);
    expect(s.builds).toBe(3);
    expect(s.cpuSeconds).toBe(4);
    expect(s.wallSeconds).toBe(5);
    expect(s.bytes).toBe(10);
    expect(s.docsPerCpuSecond).toEqual({ median: 25_000, min: 20_000, max: 40_000 });
  });

  it('pairs the ratio round by round, not the medians', () => {
    // Round 1 the machine was quiet for both, round 2 busy for both, round 3 for xlir only.
    const xlir = [run(100_000, 2), run(100_000, 4), run(100_000, 8)];
    const peer = [run(100_000, 2.5), run(100_000, 5), run(100_000, 2)];
    const r = pairedBuildRatio(xlir, peer);
    expect(r.rounds).toBe(3);
    expect(r.median).toBeCloseTo(1.25);
    expect(r.min).toBeCloseTo(0.25);
    expect(r.max).toBeCloseTo(1.25);
    // The ratio of the medians (4 s against 2.5 s) would have read 0.625.
    expect(summariseBuilds(peer).cpuSeconds / summariseBuilds(xlir).cpuSeconds).toBeCloseTo(0.625);
    // Only rounds both engines finished are paired.
    expect(pairedBuildRatio(xlir, peer.slice(0, 2)).rounds).toBe(2);
  });

  it('reports the same-run ratio and the target’s status', () => {
    const md = buildComparisonMarkdown(
      comparison([
        {
          engine: 'xlir',
          label: 'xlir (one worker)',
          runs: [run(100_000, 4), run(100_000, 4), run(100_000, 4)],
        },
        {
          engine: 'fts5',
          label: 'FTS5, detail=full',
          runs: [run(100_000, 3.6), run(100_000, 3.2), run(100_000, 4)],
        },
        { engine: 'fts5-none', label: 'FTS5, detail=none', runs: [], failed: 'no such module: fts5' },
      ]),
    );
    expect(md).toContain('### Build CPU against SQLite FTS5 at 100,000 documents (3 alternating rounds');
    expect(md).toMatch(
      /\| xlir \(one worker\) \| 3 \| 4\.00 \(3\.50 \+ 0\.50\) \| 5\.00 \| 25,000 \(25,000–25,000\) \|/,
    );
    expect(md).toContain('| FTS5, detail=none | failed: no such module: fts5 |');
    // 25,000 against 27,778, 31,250 and 25,000.
    expect(md).toContain('| FTS5, detail=full | 0.90× (0.80×–1.00×) | no |');
    expect(md).toContain(
      "xlir ≥ 25,000 documents per CPU-second (xlir's median here 25,000): met; FTS5's figure in this run (detail=full, 27,778): not met.",
    );
  });

  it('marks the target met when xlir builds faster than FTS5 in the same rounds', () => {
    const md = buildComparisonMarkdown(
      comparison([
        { engine: 'xlir', label: 'xlir', runs: [run(100_000, 3)] },
        { engine: 'fts5', label: 'FTS5', runs: [run(100_000, 4)] },
      ]),
    );
    expect(md).toContain('| FTS5 | 1.33× (1.33×–1.33×) | yes |');
    expect(md).toMatch(/: met; FTS5's figure in this run \(detail=full, 25,000\): met\.$/);
  });

  it('has no ratio when xlir failed', () => {
    const md = buildComparisonMarkdown(
      comparison([
        { engine: 'xlir', label: 'xlir', runs: [], failed: 'dist is missing' },
        { engine: 'fts5', label: 'FTS5', runs: [run(100_000, 4)] },
      ]),
    );
    expect(md).toContain('| xlir | failed: dist is missing |');
    expect(md).not.toContain('÷');
    expect(md).not.toContain('target');
  });
});

const PYTHON = '/usr/bin/python3';
const hasFts5 =
  spawnSync(PYTHON, [
    '-c',
    "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(x)')",
  ]).status === 0;

describe.skipIf(!hasFts5)('fts5_peer.py', () => {
  const script = join(BENCH_DIR, 'fts5_peer.py');
  const corpus = [
    { id: 'b0', lang: 'en', text: 'The runner was running across the bridges' },
    { id: 'b1', lang: 'en', text: 'Une église près du pont' },
    { id: 'b2', lang: 'en', text: 'Bridge tolls rose in 1999' },
  ];

  it('builds every document of the corpus and reports its CPU', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'corpus.jsonl');
      await writeFile(path, `${corpus.map((d) => JSON.stringify(d)).join('\n')}\n\n`);
      const db = join(dir, 'fts5.sqlite');
      for (const variant of ['full', 'none']) {
        const r = await runJsonCommand(PYTHON, [script, 'build', path, db, variant]);
        expect(r).toMatchObject({ engine: 'fts5', variant, docs: 3 });
        const cpu = r.cpuSeconds as number;
        expect(cpu).toBeGreaterThan(0);
        expect(cpu).toBeCloseTo((r.userSeconds as number) + (r.systemSeconds as number), 9);
        expect(r.docsPerCpuSecond).toBeCloseTo(3 / cpu, 6);
        expect(r.bytes).toBeGreaterThan(0);
        expect(r.peakRssMb).toBeGreaterThan(1);
      }
      // FTS5's own analysis of the raw text: Porter stems, folded case and diacritics; the ids kept.
      const { stdout } = await promisify(execFile)(PYTHON, [
        '-c',
        `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ('runs', 'bridge', 'EGLISE'):
    print(q, *[r[0] for r in c.execute('select id from docs where docs match ? order by id', (q,))])`,
        db,
      ]);
      expect(stdout.trim().split('\n')).toEqual(['runs b0', 'bridge b0 b2', 'EGLISE b1']);
    });
  });

  it('refuses a variant it does not know', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'corpus.jsonl');
      await writeFile(path, `${JSON.stringify(corpus[0])}\n`);
      await expect(
        runJsonCommand(PYTHON, [script, 'build', path, join(dir, 'x.sqlite'), 'column']),
      ).rejects.toThrow(/unknown variant 'column'/);
    });
  });
});
