/**
 * The named indexes a server answers from. Each is opened once and kept warm; every
 * `refreshMs` the current manifest.json is read again, and when it names another build that
 * build is opened completely before it replaces the old reader. A request holds the reader it
 * started with, so it answers from one whole build, old or new, never a mix.
 */
import { IndexReader, readManifest } from '../index/index.js';
import { Searcher } from '../search/index.js';
import { openStore, type ObjectStore } from '../storage/index.js';
import type { ApiLog } from './deps.js';
import { ApiError, clientMessage } from './errors.js';

export interface OpenIndex {
  name: string;
  uri: string;
  reader: IndexReader;
  searcher: Searcher;
}

interface Entry {
  store: ObjectStore;
  current?: Promise<OpenIndex>;
  checkedAt: number;
  check?: Promise<void>;
}

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
    private readonly now: () => number = Date.now,
  ) {
    this.uris = new Map(Object.entries(uris));
  }

  names(): string[] {
    return [...this.uris.keys()];
  }

  uri(name: string): string | undefined {
    return this.uris.get(name);
  }

  /** The current build of an index (the default one when `name` is undefined). */
  async get(name: string | undefined): Promise<OpenIndex> {
    const indexName = name ?? this.defaultName;
    const uri = this.uris.get(indexName);
    if (uri === undefined) {
      throw new ApiError(404, 'not_found', `no index "${indexName}"; indexes: ${this.names().join(', ')}`);
    }
    let entry = this.entries.get(indexName);
    if (!entry) {
      entry = { store: openStore(uri), checkedAt: this.now() };
      this.entries.set(indexName, entry);
    }
    if (!entry.current) {
      const opening = this.open(indexName, uri, entry.store);
      entry.current = opening;
      entry.checkedAt = this.now();
      // A failed open is not kept: the next request tries again (the index may be built by then).
      opening.catch(() => {
        if (entry.current === opening) entry.current = undefined;
      });
      return opening;
    }
    if (this.now() - entry.checkedAt >= this.refreshMs) {
      entry.check ??= this.refresh(indexName, uri, entry).finally(() => {
        entry.check = undefined;
        entry.checkedAt = this.now();
      });
      await entry.check;
    }
    return entry.current!;
  }

  private async open(name: string, uri: string, store: ObjectStore, buildId?: string): Promise<OpenIndex> {
    let reader: IndexReader;
    try {
      reader = await IndexReader.open(store, buildId === undefined ? {} : { buildId });
    } catch (error) {
      // Whatever stops an index from opening (missing, unreachable, unreadable, corrupt) is the
      // server's state, not the request's: 503, with the cause logged for the operator and
      // told to the client without the index's location.
      const message = (error as Error).message;
      this.log.error(`index ${name} (${uri}) cannot be opened: ${message}`);
      throw new ApiError(503, 'unavailable', `index ${name} is unavailable: ${clientMessage(message)}`);
    }
    return { name, uri, reader, searcher: new Searcher(reader) };
  }

  private async refresh(name: string, uri: string, entry: Entry): Promise<void> {
    try {
      const current = await entry.current!;
      // Checked whole (checksum included): a damaged manifest.json is logged and the build in
      // hand, checked when it was opened, stays in service.
      const { buildId } = await readManifest(entry.store);
      if (buildId === current.reader.manifest.buildId) return;
      // Pinned to the build the manifest named: a publish racing this open cannot mix two.
      const next = await this.open(name, uri, entry.store, buildId);
      entry.current = Promise.resolve(next);
      this.log.info(`index ${name}: now serving build ${buildId}`, {
        previous: current.reader.manifest.buildId,
        docs: next.reader.manifest.docCount,
      });
    } catch (error) {
      // Keep serving the build in hand; the next check tries again.
      this.log.warn(`index ${name}: could not check for a new build: ${(error as Error).message}`);
    }
  }
}
