/**
 * The named indexes a server answers from. Each is opened once and kept warm; every
 * `refreshMs` a request starts a check of manifest.json in the background (it never waits on
 * it), and when the manifest names another build that build is opened completely before it
 * replaces the old reader. A request holds the reader it started with, so it answers from one
 * whole build, old or new, never a mix. Only a server that has no build of an index in memory
 * makes a request wait: for the first open, under that request's deadline. Runtime-neutral: the
 * host says how an index URI becomes a store (lib/storage's openStore in Node; an R2 or S3
 * store in the edge Worker), so the Worker serves its index through this same catalog.
 *
 * A shard whose head cannot be read does not fail the open (unless no head can be): the build
 * opens with that shard unavailable, and each request's on_shard_failure decides (partial: the
 * other shards answer; fail: 503 shard_unavailable). The next request retries the missing heads
 * and waits a moment for them (SHARD_HEAD_RETRY_WAIT_MS); once they read, the build is whole.
 */
import { IndexReader, readManifest, type OpenOptions, type UnavailableShard } from '../index/index.js';
import { Searcher } from '../search/index.js';
import { raceSignal, type ObjectStore } from '../storage/index.js';
import { INDEX_REFRESH_TIMEOUT_MS, SHARD_HEAD_RETRY_WAIT_MS } from './constants.js';
import type { ApiLog } from './deps.js';
import { ApiError, clientMessage } from './errors.js';
import { SharedTask } from './shared-task.js';

export interface OpenIndex {
  name: string;
  uri: string;
  reader: IndexReader;
  searcher: Searcher;
}

interface Entry {
  store: ObjectStore;
  /** The build in service, once one is open. */
  ready?: OpenIndex;
  /** The first open, which requests wait on (each under its own deadline). */
  opening?: SharedTask<OpenIndex>;
  checkedAt: number;
  /** The background check for a new build, while one runs. */
  check?: Promise<void>;
  /** The retry of the build's unavailable shard heads, while one runs. */
  retry?: Promise<void>;
}

/** How a catalog reaches an index's objects: lib/storage's openStore in Node (app.ts), R2 or S3 at the edge. */
export type OpenIndexStore = (uri: string) => ObjectStore;

export class IndexCatalog {
  private readonly entries = new Map<string, Entry>();
  /**
   * Names are looked up in a Map, never as properties of an object: a request for the index
   * "__proto__", "constructor" or "toString" must find nothing (404), not Object.prototype's
   * members (which opened as a store gave 5xx).
   */
  private readonly uris: ReadonlyMap<string, string>;

  constructor(
    uris: Readonly<Record<string, string>>,
    readonly defaultName: string,
    private readonly refreshMs: number,
    private readonly log: ApiLog,
    private readonly now: () => number,
    private readonly openIndexStore: OpenIndexStore,
    /** How builds are read (the edge Worker bounds its decoded-postings cache to its memory). */
    private readonly readerOptions: Pick<OpenOptions, 'decodedPostingsCacheBytes' | 'coalesceGapBytes'> = {},
  ) {
    this.uris = new Map(Object.entries(uris));
  }

  names(): string[] {
    return [...this.uris.keys()];
  }

  uri(name: string): string | undefined {
    return this.uris.get(name);
  }

  /**
   * The current build of an index (the default one when `name` is undefined). With a build in
   * memory this answers at once; a check for a newer one, when due, runs in the background.
   * Without one, it waits for the open until `signal` aborts (rejecting with its reason).
   */
  async get(name: string | undefined, signal?: AbortSignal): Promise<OpenIndex> {
    const indexName = name ?? this.defaultName;
    const uri = this.uris.get(indexName);
    if (uri === undefined) {
      throw new ApiError(404, 'not_found', `no index "${indexName}"; indexes: ${this.names().join(', ')}`);
    }
    let entry = this.entries.get(indexName);
    if (!entry) {
      entry = { store: this.openIndexStore(uri), checkedAt: this.now() };
      this.entries.set(indexName, entry);
    }
    if (entry.ready) {
      if (!entry.check && this.now() - entry.checkedAt >= this.refreshMs)
        this.startCheck(indexName, uri, entry);
      if (entry.ready.reader.unavailableShards.length > 0 && !entry.retry)
        await this.retryShards(indexName, entry, signal);
      return entry.ready;
    }
    if (!entry.opening) {
      const store = entry.store;
      const task = new SharedTask((opening) => this.open(indexName, uri, store, undefined, opening));
      entry.opening = task;
      entry.checkedAt = this.now();
      const current = entry;
      // A failed or abandoned open is not kept: the next request tries again (the index may be
      // built, or the store back, by then).
      task.promise.then(
        (index) => {
          if (current.opening !== task) return;
          current.ready = index;
          current.opening = undefined;
        },
        () => {
          if (current.opening === task) current.opening = undefined;
        },
      );
    }
    return entry.opening.join(signal);
  }

  /** Resolves once no background check is running (tests, and a host that wants a settled state). */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.values()].flatMap((entry) => [entry.check, entry.retry]));
  }

  /**
   * Reads the unavailable shard heads of the build in service again, and serves the build with
   * those that now read. Runs in the background, bounded by INDEX_REFRESH_TIMEOUT_MS; the
   * request that starts it waits at most SHARD_HEAD_RETRY_WAIT_MS (or until `signal` aborts).
   */
  private async retryShards(name: string, entry: Entry, signal: AbortSignal | undefined): Promise<void> {
    const current = entry.ready!;
    const retry = this.bounded(async (bound) => {
      const reader = await raceSignal(current.reader.retryUnavailableShards({ signal: bound }), bound);
      // A new build may have replaced this one meanwhile: it is not overwritten with an old one.
      if (entry.ready !== current) return;
      entry.ready = { ...current, reader, searcher: new Searcher(reader) };
      const still = reader.unavailableShards;
      const back = current.reader.unavailableShards.filter((s) => !still.some((u) => u.index === s.index));
      if (back.length > 0) this.log.info(`index ${name}: shards ${indexesOf(back)} can be read again`);
      if (still.length > 0) this.log.warn(unavailableMessage(name, reader));
    }, `index ${name}: could not retry its unavailable shards`).finally(() => {
      if (entry.retry === retry) entry.retry = undefined;
    });
    entry.retry = retry;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHARD_HEAD_RETRY_WAIT_MS);
    });
    try {
      const done = Promise.race([retry, waited]);
      await (signal ? raceSignal(done, signal) : done);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs background work under a signal that aborts after INDEX_REFRESH_TIMEOUT_MS, so a hung GET
   * cannot stop later work for long; logs what it throws (as a warning, after `failure`), never
   * rejects.
   */
  private async bounded(work: (signal: AbortSignal) => Promise<void>, failure: string): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${INDEX_REFRESH_TIMEOUT_MS} ms`)),
      INDEX_REFRESH_TIMEOUT_MS,
    );
    // Node only: background work must not keep a process alive (workerd's timers are numbers).
    (timer as { unref?: () => void }).unref?.();
    try {
      await work(controller.signal);
    } catch (error) {
      this.log.warn(`${failure}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private startCheck(name: string, uri: string, entry: Entry): void {
    const check = this.refresh(name, uri, entry).finally(() => {
      if (entry.check === check) entry.check = undefined;
      entry.checkedAt = this.now();
    });
    entry.check = check;
  }

  private async open(
    name: string,
    uri: string,
    store: ObjectStore,
    buildId: string | undefined,
    signal: AbortSignal,
  ): Promise<OpenIndex> {
    let reader: IndexReader;
    try {
      reader = await IndexReader.open(store, {
        ...this.readerOptions,
        signal,
        unreadableShards: 'mark',
        ...(buildId === undefined ? {} : { buildId }),
      });
    } catch (error) {
      // Given up on (every waiting request's deadline passed, or the check's time ran out): the
      // index is not at fault, and the waiters already have their answer.
      if (signal.aborted) throw signal.reason;
      // Whatever stops an index from opening (missing, unreachable, unreadable, corrupt) is the
      // server's state, not the request's: 503, with the cause logged for the operator and
      // told to the client without the index's location.
      const message = (error as Error).message;
      this.log.error(`index ${name} (${uri}) cannot be opened: ${message}`);
      throw new ApiError(503, 'unavailable', `index ${name} is unavailable: ${clientMessage(message)}`);
    }
    if (reader.unavailableShards.length > 0) this.log.warn(unavailableMessage(name, reader));
    return { name, uri, reader, searcher: new Searcher(reader) };
  }

  /**
   * Reads manifest.json and, when it names another build, opens that build pinned; bounded by
   * INDEX_REFRESH_TIMEOUT_MS so a hung GET cannot stop later checks for long. Never throws.
   */
  private async refresh(name: string, uri: string, entry: Entry): Promise<void> {
    const current = entry.ready!;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${INDEX_REFRESH_TIMEOUT_MS} ms`)),
      INDEX_REFRESH_TIMEOUT_MS,
    );
    // Node only: a check must not keep a process alive (workerd's timers are numbers).
    (timer as { unref?: () => void }).unref?.();
    const { signal } = controller;
    try {
      // Checked whole (checksum included): a damaged manifest.json is logged and the build in
      // hand, checked when it was opened, stays in service.
      const { buildId } = await raceSignal(readManifest(entry.store, undefined, { signal }), signal);
      if (buildId === current.reader.manifest.buildId) return;
      // Pinned to the build the manifest named: a publish racing this open cannot mix two.
      const next = await raceSignal(this.open(name, uri, entry.store, buildId, signal), signal);
      // No request waits on a refresh: the new build goes into service with its heads whole,
      // read under this check's time limit.
      await raceSignal(next.reader.ready(), signal);
      entry.ready = next;
      this.log.info(`index ${name}: now serving build ${buildId}`, {
        previous: current.reader.manifest.buildId,
        docs: next.reader.manifest.docCount,
      });
    } catch (error) {
      // Keep serving the build in hand; the next check tries again.
      this.log.warn(`index ${name}: could not check for a new build: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function indexesOf(shards: readonly UnavailableShard[]): string {
  return shards.map((s) => s.index).join(', ');
}

/** What the operator is told about a build served without some shards (the log may name keys). */
function unavailableMessage(name: string, reader: IndexReader): string {
  const missing = reader.unavailableShards;
  return `index ${name}: serving build ${reader.manifest.buildId} without shards ${indexesOf(missing)} of ${reader.shards.length}, whose heads cannot be read (${missing[0]!.fault.message}); the next request retries them`;
}
