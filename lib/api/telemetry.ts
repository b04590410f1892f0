/**
 * Where a request's time goes: the first stage, the rerank, and the storage GETs under them, as
 * trace segments and per-request figures (first_stage_ms, rerank_ms, storage_gets). The app only
 * marks stages; a host decides what becomes of them (the Lambda handler: X-Ray subsegments through
 * Powertools Tracer and EMF metrics, telemetry-aws.ts). Locally nothing is recorded.
 *
 * Stages are attributed to the request they run in through AsyncLocalStorage, so a storage GET
 * deep in lib/index counts for its request without any signature carrying it. Work outside a
 * request (the background check for a new build) is not counted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { type ObjectStore, type RequestOptions } from '../storage/index.js';
import { openStore } from '../storage/node.js';

/** A trace segment in progress. */
export interface TraceSpan {
  /** Closes it; an error marks it failed. */
  end(error?: unknown): void;
  /** A detail for whoever reads the trace (the object key of a GET). */
  note(key: string, value: string | number): void;
}

/** One request's figures, published once it has been answered. */
export interface StageFigures {
  /** /v1/search: from the request's start to the rerank's (or to its answer, without a rerank). */
  firstStageMs: number | undefined;
  /** Time in Reranker.rerank, every call of the request together; undefined when nothing was reranked. */
  rerankMs: number | undefined;
  /** Ranged and whole GETs of index objects (shard heads, postings, stored documents). */
  storageGets: number;
}

export interface Telemetry {
  span(name: string): TraceSpan;
  publish(route: string, figures: StageFigures): void;
}

const NO_SPAN: TraceSpan = { end: () => {}, note: () => {} };

/** Records nothing: the default, and every host that does not trace. */
export const NO_TELEMETRY: Telemetry = { span: () => NO_SPAN, publish: () => {} };

/**
 * Storage spans per request, at most. A search reads ~1 GET per query term per shard, so a
 * cross-lingual query on a large index makes hundreds; each X-Ray subsegment costs ~300 bytes
 * of a segment document limited to 64 kB. The count (storage_gets) is always exact.
 */
export const MAX_TRACED_GETS = 50;

/** The stage marks of one request. */
class RequestStages {
  readonly started = performance.now();
  firstStage: TraceSpan | undefined;
  firstStageMs: number | undefined;
  rerankMs: number | undefined;
  storageGets = 0;

  constructor(
    readonly telemetry: Telemetry,
    readonly searches: boolean,
  ) {
    if (searches) this.firstStage = telemetry.span('first_stage');
  }

  /** The first stage ends when the rerank starts, or when the request is answered. */
  endFirstStage(error?: unknown): void {
    if (!this.searches || this.firstStageMs !== undefined) return;
    this.firstStageMs = performance.now() - this.started;
    this.firstStage?.end(error);
  }
}

const current = new AsyncLocalStorage<RequestStages>();

/**
 * Middleware for the work routes: marks the stages of the request it wraps and publishes its
 * figures once answered. `searchPath` is the route whose work before the rerank is a first
 * stage (/v1/search).
 */
export function stageTelemetry(telemetry: Telemetry, searchPath: string): MiddlewareHandler {
  return async (c, next) => {
    const stages = new RequestStages(telemetry, c.req.path === searchPath);
    let failed: unknown;
    try {
      await current.run(stages, next);
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      stages.endFirstStage(failed ?? (c.res.status >= 500 ? new Error(`status ${c.res.status}`) : undefined));
      // Mounted on fixed paths only, so the route dimension stays a small, known set.
      telemetry.publish(c.req.path, {
        firstStageMs: stages.firstStageMs,
        rerankMs: stages.rerankMs,
        storageGets: stages.storageGets,
      });
    }
  };
}

/** Runs a rerank as the request's rerank stage: ends its first stage, traces and times it. */
export async function rerankStage<T>(work: () => Promise<T>): Promise<T> {
  const stages = current.getStore();
  if (!stages) return work();
  stages.endFirstStage();
  const span = stages.telemetry.span('rerank');
  const started = performance.now();
  try {
    const result = await work();
    span.end();
    return result;
  } catch (error) {
    span.end(error);
    throw error;
  } finally {
    stages.rerankMs = (stages.rerankMs ?? 0) + (performance.now() - started);
  }
}

/** Counts (and traces, up to MAX_TRACED_GETS a request) the GETs a request makes through `store`. */
export function observedStore(store: ObjectStore): ObjectStore {
  const observe = async <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const stages = current.getStore();
    if (!stages) return read();
    const span = ++stages.storageGets <= MAX_TRACED_GETS ? stages.telemetry.span('storage') : NO_SPAN;
    span.note('key', key);
    try {
      const result = await read();
      span.end();
      return result;
    } catch (error) {
      span.end(error);
      throw error;
    }
  };
  return {
    uri: store.uri,
    get: (key: string, options?: RequestOptions) => observe(key, () => store.get(key, options)),
    getRange: (key: string, start: number, end: number, options?: RequestOptions) =>
      observe(key, () => store.getRange(key, start, end, options)),
    put: (key, body, options) => store.put(key, body, options),
    list: (prefix, options) => store.list(prefix, options),
    delete: (key, options) => store.delete(key, options),
  };
}

/** Index stores as `open` makes them (lib/storage's openStore by default), each observed. */
export function observedStores(open: (uri: string) => ObjectStore = openStore): (uri: string) => ObjectStore {
  return (uri) => observedStore(open(uri));
}
