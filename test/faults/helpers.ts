/**
 * Fixtures of the fault tests: a store whose GETs hang, fail or answer 5xx on the keys a test
 * picks, an index whose every document matches every probe word (so a search reaches every
 * shard, and each request's word is one no earlier request has cached), and a recorder of what
 * each request answered and how long it took, printed when a file is done.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { MemoryUsageSink, type ApiApp, type AppDeps } from '../../lib/api/index.js';
import { buildIndex } from '../../lib/index/node.js';
import {
  MemoryCachedStore,
  RetryingStore,
  StorageError,
  type ObjectStore,
  type RequestOptions,
} from '../../lib/storage/index.js';
import { openBackend, openStore } from '../../lib/storage/node.js';
import { tempDir } from '../api/helpers.js';
import { asRecords } from '../helpers/corpus.js';
import { memoryLog, postJson, testApp } from '../api/helpers.js';

/**
 * hang: never answers, but lets go when its signal aborts (as S3Store does); deaf-hang: never
 * answers and ignores its signal (until release()); fail: 403, not retried; 5xx: 503 SlowDown,
 * retried until RetryingStore gives up; down: the connection is refused, retried likewise.
 */
export type Fault = 'hang' | 'deaf-hang' | 'fail' | '5xx' | 'down';

export class FaultyStore implements ObjectStore {
  /** Which GETs misbehave and how; by key. */
  fault: (key: string) => Fault | undefined = () => undefined;
  /** GETs issued (their keys, in order), and GETs not yet settled. */
  readonly keys: string[] = [];
  inFlight = 0;
  private parked = new Set<() => void>();

  constructor(readonly inner: ObjectStore) {}

  get uri(): string {
    return this.inner.uri;
  }

  get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.read(key, options, () => this.inner.get(key, options));
  }

  getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    return this.read(key, options, () => this.inner.getRange(key, start, end, options));
  }

  put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    return this.inner.put(key, body, options);
  }

  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.inner.list(prefix, options);
  }

  delete(key: string, options?: RequestOptions): Promise<void> {
    return this.inner.delete(key, options);
  }

  /** Lets every deaf hang go (each then fails as a timeout would). */
  release(): void {
    for (const go of this.parked) go();
    this.parked.clear();
  }

  private async read(
    key: string,
    options: RequestOptions | undefined,
    next: () => Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    this.keys.push(key);
    this.inFlight++;
    try {
      switch (this.fault(key)) {
        case 'hang':
          return await new Promise<never>((_, reject) => {
            const signal = options?.signal;
            if (signal?.aborted) reject(signal.reason as Error);
            signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
          });
        case 'deaf-hang':
          await new Promise<void>((resolve) => this.parked.add(resolve));
          throw new StorageError(`GET ${key} timed out`, { retryable: false });
        case 'fail':
          throw new StorageError(`S3 get ${key} in ${this.uri} failed (AccessDenied 403)`, {
            retryable: false,
            status: 403,
          });
        case '5xx':
          throw new StorageError(`S3 get ${key} in ${this.uri} failed (SlowDown 503)`, {
            retryable: true,
            status: 503,
          });
        case 'down':
          throw new StorageError(`S3 get ${key} in ${this.uri} failed (ECONNREFUSED)`, { retryable: true });
        default:
          return await next();
      }
    } finally {
      this.inFlight--;
    }
  }
}

/** Keys of shard `s`: its postings (.xsh) and stored documents (.xds). */
export function shardKeys(s: number, which: 'both' | 'postings' | 'docs' = 'both'): RegExp {
  const n = String(s).padStart(5, '0');
  const ext = which === 'both' ? '(xsh|xds)' : which === 'postings' ? 'xsh' : 'xds';
  return new RegExp(`-${n}\\.${ext}$`);
}

export const SHARDS = 4;
export const SHARD_DOCS = 6;
/** Probe words; every document holds all of them. */
const PROBES = 400;

/** Documents in shard order: doc-00 … doc-23, shard s holding doc-(6s) … doc-(6s+5). */
export const FAULT_DOCS = Array.from({ length: SHARDS * SHARD_DOCS }, (_, i) => ({
  id: `doc-${String(i).padStart(2, '0')}`,
  lang: 'en',
  text: `Lighthouse keepers log ${i}: ${Array.from({ length: PROBES }, (_, p) => `probe${p}`).join(' ')}.`,
}));

export function docsOfShard(s: number): string[] {
  return FAULT_DOCS.slice(s * SHARD_DOCS, (s + 1) * SHARD_DOCS).map((d) => d.id);
}

let probe = 0;
/** A word every document holds and no earlier request of this file asked for: its postings are read from the store. */
export function freshProbe(): string {
  if (probe >= PROBES) throw new Error('out of probe words');
  return `probe${probe++}`;
}

export async function buildFaultIndex(uri: string): Promise<void> {
  await buildIndex(asRecords(FAULT_DOCS), openStore(uri), { shardDocs: SHARD_DOCS });
}

/**
 * The store stack openStore builds (retries under a memory cache), with the faulty store at the
 * bottom where the network would be. Retries are quick so a 5xx shard gives up in milliseconds.
 */
export function faultyStack(uri: string): { faulty: FaultyStore; store: ObjectStore } {
  const faulty = new FaultyStore(openBackend(uri));
  const retrying = new RetryingStore(faulty, { baseDelayMs: 5, maxDelayMs: 20, attemptTimeoutMs: 5_000 });
  return { faulty, store: new MemoryCachedStore(retrying) };
}

/** An app over one index without models or auth, whose store is `store`. */
export function faultApp(indexDir: string, store: ObjectStore, overrides: Partial<AppDeps> = {}): ApiApp {
  return testApp(indexDir, {
    models: { unavailable: 'not needed here' },
    auth: { mode: 'off' },
    usage: new MemoryUsageSink(),
    log: memoryLog(),
    openIndexStore: () => store,
    ...overrides,
  });
}

export interface SearchBody {
  results?: Array<{ doc_id: string; text?: string }>;
  meta?: {
    partial: boolean;
    partial_reasons: string[];
    reranked: boolean;
    rerank: { scored: number; unscored: number } | null;
    shards: { searched: number; failed: number; policy: string };
    deadline_ms: number;
    index: { build_id: string };
  };
  error?: { type: string; message: string };
}

export interface Answer {
  status: number;
  ms: number;
  body: SearchBody;
}

/** What the requests of a test file answered, per scenario; printed after the file's tests. */
export class FaultRecorder {
  private readonly answers = new Map<string, Answer[]>();

  constructor(readonly title: string) {
    afterAll(() => console.log(this.summary()));
  }

  async search(app: ApiApp, scenario: string, body: Record<string, unknown>): Promise<Answer> {
    const started = performance.now();
    const response = await postJson(app, '/v1/search', body, null);
    const json = (await response.json()) as SearchBody;
    const answer = { status: response.status, ms: performance.now() - started, body: json };
    const list = this.answers.get(scenario) ?? [];
    list.push(answer);
    this.answers.set(scenario, list);
    return answer;
  }

  summary(): string {
    const rows = [...this.answers].map(([scenario, list]) => {
      const statuses = new Map<string, number>();
      for (const a of list) {
        const label = `${a.status}${a.body.meta?.partial ? ' partial' : ''}${a.body.error ? ` ${a.body.error.type}` : ''}`;
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      }
      const max = Math.max(...list.map((a) => a.ms));
      const status = [...statuses].map(([label, n]) => `${n}× ${label}`).join(', ');
      return `  ${scenario.padEnd(58)} ${String(list.length).padStart(3)} req  max ${max.toFixed(0).padStart(5)} ms  ${status}`;
    });
    const all = [...this.answers.values()].flat();
    const max = Math.max(0, ...all.map((a) => a.ms));
    return [`${this.title}: ${all.length} requests, max latency ${max.toFixed(0)} ms`, ...rows].join('\n');
  }
}

export function indexDirIn(dir: string): string {
  return join(dir, 'index');
}

/** A fault index built once per test file in a temporary folder (`root`), removed after it. */
export function useFaultIndex(): { readonly root: string; readonly indexDir: string } {
  let dir: { dir: string; remove: () => Promise<void> } | undefined;
  beforeAll(async () => {
    const made = await tempDir();
    dir = made;
    await buildFaultIndex(indexDirIn(made.dir));
  });
  afterAll(() => dir?.remove());
  return {
    get root() {
      return dir!.dir;
    },
    get indexDir() {
      return indexDirIn(dir!.dir);
    },
  };
}
