/**
 * Publishing an index while it is being queried: every response must come from one complete
 * build, old or new. The builder writes shards first and manifest.json last; the server opens
 * the build manifest.json names, pinned, in the background, before it switches; so no response
 * may mix builds, miss documents, or fail, and the last build is served soon after it is out.
 */
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUsageSink, type ApiApp } from '../../lib/api/index.js';
import { buildIndex, type CorpusRecord } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords } from '../helpers/corpus.js';
import { memoryLog, postJson, tempDir, testApp } from './helpers.js';

type Doc = Omit<CorpusRecord, 'line'>;

/** A corpus whose every document matches the probe query, with ids that name the corpus. */
function corpus(name: string, size: number): Doc[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `${name}-${String(i).padStart(3, '0')}`,
    lang: 'en',
    text: `Lighthouse keepers logbook entry ${i} of collection ${name}: storms, ships and lighthouse lamps.`,
  }));
}

/** Sizes differ so that a response's length alone tells which build answered. */
const CORPORA = { old: corpus('old', 37), new: corpus('new', 53) };
const PUBLISHES = 4;
const CONCURRENT_CLIENTS = 4;
/** Stops the clients should a refused request (no I/O, so no turn for the build) loop forever. */
const MAX_ANSWERS = 20_000;

let dir: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

interface Answer {
  status: number;
  buildId: string;
  docCount: number;
  ids: string[];
}

async function probe(app: ApiApp): Promise<Answer> {
  const response = await postJson(app, '/v1/search', { query: 'lighthouse', query_lang: 'en', top_k: 100 });
  const body = (await response.json()) as {
    results?: Array<{ doc_id: string }>;
    meta?: { index: { build_id: string; doc_count: number } };
  };
  return {
    status: response.status,
    buildId: body.meta?.index.build_id ?? '',
    docCount: body.meta?.index.doc_count ?? -1,
    ids: body.results?.map((r) => r.doc_id) ?? [],
  };
}

describe('publishing an index under load', () => {
  it('answers every request from one whole build, old or new', async () => {
    // Prepare
    const indexDir = join(dir.dir, 'index');
    const store = openStore(indexDir);
    const builds = new Map<string, Doc[]>();
    const publish = async (docs: Doc[]) => {
      const { manifest } = await buildIndex(asRecords(docs), store, { shardDocs: 5 });
      builds.set(manifest.buildId, docs);
    };
    await publish(CORPORA.old);
    const app = testApp(indexDir, {
      indexRefreshMs: 0,
      auth: { mode: 'off' },
      usage: new MemoryUsageSink(),
      log: memoryLog(),
    });
    const answers: Answer[] = [];
    let publishing = true;
    // Act
    // Each client waits a turn of the event loop between requests, as requests over sockets do:
    // a warm request does no I/O of its own, and the build must get its turns.
    const clients = Array.from({ length: CONCURRENT_CLIENTS }, async () => {
      do {
        answers.push(await probe(app));
        await nextTurn();
      } while (publishing && answers.length < MAX_ANSWERS);
    });
    for (let i = 0; i < PUBLISHES; i++) await publish(i % 2 === 0 ? CORPORA.new : CORPORA.old);
    publishing = false;
    await Promise.all(clients);
    // Assess
    expect(answers.every((a) => a.status === 200)).toBe(true);
    for (const answer of answers) {
      const docs = builds.get(answer.buildId);
      expect(docs, `unknown build ${answer.buildId}`).toBeDefined();
      expect(answer.docCount).toBe(docs!.length);
      expect([...answer.ids].sort()).toEqual(docs!.map((d) => d.id).sort());
    }
    const seen = new Set(answers.map((a) => a.buildId));
    expect(seen.size).toBeGreaterThan(1);
    // A request never waits for the check it starts; the ones after it get the new build.
    const last = [...builds.keys()].at(-1);
    await expect.poll(async () => (await probe(app)).buildId, { timeout: 5_000, interval: 20 }).toBe(last);
  });
});
