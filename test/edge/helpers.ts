/**
 * Fixtures of the edge tests: the demo index built into a temporary xlir home (as `xlir serve
 * --demo` builds it), the Worker on workerd over it (Miniflare, loopback), and the Node API app
 * with `xlir serve --demo`'s settings over the same folder, so a test can send one request to
 * both and compare.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createApp,
  DEFAULT_INDEX_NAME,
  MemoryUsageSink,
  type ApiApp,
  type AppDeps,
} from '../../lib/api/index.js';
import { demoIndexDir, demoLexiconsDir, openDemoIndex } from '../../lib/cli/commands/demo.js';
import { startLocalWorker, type LocalWorker, type LocalWorkerOptions } from '../../functions/edge/local.js';
import { EDGE_ENV } from '../../functions/edge/constants.js';
import { KEY_ENTRIES, KEYS, memoryLog, type ErrorJson } from '../api/helpers.js';

export { KEY_ENTRIES, KEYS };
export type { ErrorJson };

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
/** The committed demo lexicon pack: what the Worker reads from its bucket. */
export const DEMO_PACK_DIR = join(SAMPLES, 'lexicon-pack');

export interface DemoQuery {
  qid: string;
  lang: string;
  query: string;
}

/** The 14 demo topics with their languages (samples/demo-queries.tsv; demo-topics.tsv without the column). */
export async function demoQueries(): Promise<DemoQuery[]> {
  const text = await readFile(join(SAMPLES, 'demo-queries.tsv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [qid = '', lang = '', query = ''] = line.split('\t');
      return { qid, lang, query };
    });
}

/** A temporary xlir home with the demo index built in it. */
export async function demoHome(): Promise<{ home: string; indexDir: string; remove: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'xlir-edge-'));
  await openDemoIndex(home);
  return { home, indexDir: demoIndexDir(home), remove: () => rm(home, { recursive: true, force: true }) };
}

/** Variables of a Worker that admits KEY_ENTRIES' keys, as the Node app in nodeDemoApp does. */
export function keyedVars(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { [EDGE_ENV.auth]: 'on', [EDGE_ENV.apiKeys]: JSON.stringify(KEY_ENTRIES), ...extra };
}

/** The Worker over `indexDir`; what it writes (usage lines, its log) goes to `output`, not the console. */
export function startWorker(
  indexDir: string,
  options: Omit<LocalWorkerOptions, 'indexDir'> & { output?: string[] } = {},
): Promise<LocalWorker> {
  const { output = [], ...rest } = options;
  return startLocalWorker({
    indexDir,
    onOutput: (line) => void output.push(line),
    ...rest,
    vars: rest.vars ?? keyedVars(),
  });
}

/**
 * The Node API as `xlir serve --demo` configures it (the demo index as "demo", the demo lexicons
 * folder, eld's medium detector), with KEY_ENTRIES' keys and, unless overridden, no models.
 */
export function nodeDemoDeps(indexDir: string, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    indexes: { [DEFAULT_INDEX_NAME]: indexDir },
    defaultIndex: DEFAULT_INDEX_NAME,
    lexiconsDir: demoLexiconsDir(),
    models: { unavailable: 'no models in this test' },
    auth: { mode: 'keys', keys: KEY_ENTRIES },
    usage: new MemoryUsageSink(),
    log: memoryLog(),
    ...overrides,
  };
}

export function nodeDemoApp(indexDir: string, overrides: Partial<AppDeps> = {}): ApiApp {
  return createApp(nodeDemoDeps(indexDir, overrides));
}

export function searchInit(body: unknown, key: string | null = KEYS.good): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  };
}

/** A search's body from the Worker; fails the test on a non-200. */
export async function workerSearch(worker: LocalWorker, body: unknown): Promise<SearchBody> {
  const res = await worker.fetch('/v1/search', searchInit(body));
  const json = (await res.json()) as SearchBody;
  if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The same from the Node app. */
export async function nodeSearch(app: ApiApp, body: unknown): Promise<SearchBody> {
  const res = await app.request('/v1/search', searchInit(body));
  const json = (await res.json()) as SearchBody;
  if (res.status !== 200) throw new Error(`node answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The fields of a search response the tests read. */
export interface SearchBody {
  results: Array<{
    doc_id: string;
    lang: string;
    rank: number;
    score: number | null;
    first_stage_score: number;
    bm25_score: number;
    rerank_score?: number;
    model?: string;
  }>;
  meta: Record<string, unknown> & {
    query: { lang: string; lang_source: string; detected_lang: string | null; terms: string[] };
    partial: boolean;
    partial_reasons: string[];
    reranked: boolean;
    rerank: Record<string, unknown> | null;
    timings_ms: unknown;
  };
}

/** A response without what differs from run to run (timings). */
export function withoutTimings(body: SearchBody): unknown {
  const { timings_ms: _timings, ...meta } = body.meta;
  return { ...body, meta };
}

/** Asserts two ranked lists hold the same ids in the same order, with scores equal to `tolerance`. */
export function expectSameRanking(
  actual: SearchBody['results'],
  expected: SearchBody['results'],
  tolerance: number,
  what: string,
): void {
  const ids = (r: SearchBody['results']): string[] => r.map((h) => h.doc_id);
  if (JSON.stringify(ids(actual)) !== JSON.stringify(ids(expected))) {
    throw new Error(
      `${what}: ids differ\n  actual   ${ids(actual).join(' ')}\n  expected ${ids(expected).join(' ')}`,
    );
  }
  actual.forEach((hit, i) => {
    const other = expected[i]!;
    for (const field of ['score', 'first_stage_score', 'bm25_score', 'rerank_score'] as const) {
      const a = hit[field];
      const b = other[field];
      const same =
        a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tolerance);
      if (!same) throw new Error(`${what}: ${hit.doc_id}.${field} ${a} != ${b}`);
    }
  });
}

/**
 * Asserts two JSON values are equal, numbers to `tolerance`: Node 20's V8 and workerd's may
 * differ in a score's last digit.
 */
export function expectClose(actual: unknown, expected: unknown, tolerance: number, path = '$'): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (actual === expected || Math.abs(actual - expected) <= tolerance) return;
    throw new Error(`${path}: ${actual} != ${expected}`);
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length)
      throw new Error(`${path}: ${actual.length} items != ${expected.length}`);
    actual.forEach((item, i) => expectClose(item, expected[i], tolerance, `${path}[${i}]`));
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = (o: object): string => Object.keys(o).sort().join(',');
    if (keys(actual) !== keys(expected))
      throw new Error(`${path}: fields ${keys(actual)} != ${keys(expected)}`);
    for (const [key, value] of Object.entries(actual)) {
      expectClose(value, (expected as Record<string, unknown>)[key], tolerance, `${path}.${key}`);
    }
    return;
  }
  if (actual !== expected)
    throw new Error(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
}
