/**
 * What GET /healthz reports: the state of each index, of the rerank models and of the lexicons,
 * as the last real access found it (a request opening an index, loading the routing table or a
 * model, opening the lexicon pack), never a probe of its own, so a health check costs nothing and
 * cannot disagree with what requests get. A server whose indexes cannot open and whose models
 * cannot load answers 503: an uptime check sees it down, as its clients do.
 *
 * Reasons are what a client of the failing request was told: names and ids, never a server path
 * or a bucket.
 */
import { ApiError, clientMessage } from './errors.js';
import type { IndexCatalog } from './indexes.js';

/**
 * unknown: not used since the server started (the first request will open it).
 * off: not configured (no models, no lexicons): not a fault.
 */
export type ComponentState = 'ok' | 'degraded' | 'unknown' | 'off';

export interface ComponentHealth {
  state: ComponentState;
  reason: string | null;
  /** When the last access that set the state happened (ISO 8601). */
  checked_at: string | null;
}

export type OverallStatus = 'ok' | 'degraded' | 'unavailable';

export interface HealthReport {
  status: OverallStatus;
  indexes: Array<ComponentHealth & { name: string }>;
  models: ComponentHealth;
  lexicons: ComponentHealth;
}

const UNKNOWN: ComponentHealth = { state: 'unknown', reason: null, checked_at: null };
const OFF: ComponentHealth = { state: 'off', reason: null, checked_at: null };

export class HealthBoard {
  private readonly indexes = new Map<string, ComponentHealth>();
  private models: ComponentHealth;
  private lexicons: ComponentHealth;

  constructor(
    private readonly now: () => number,
    configured: { models: boolean; lexicons: boolean },
  ) {
    this.models = configured.models ? UNKNOWN : OFF;
    this.lexicons = configured.lexicons ? UNKNOWN : OFF;
  }

  index(name: string, error?: unknown): void {
    this.indexes.set(name, this.verdict(error));
  }

  modelsAccessed(error?: unknown): void {
    this.models = this.verdict(error);
  }

  lexiconsAccessed(error?: unknown): void {
    this.lexicons = this.verdict(error);
  }

  /**
   * Overall: unavailable when nothing can serve (every index degraded, and no models to rerank
   * with), degraded when anything is, else ok. A component not used yet counts as able to serve.
   */
  report(indexNames: readonly string[]): HealthReport {
    const indexes = indexNames.map((name) => ({ name, ...(this.indexes.get(name) ?? UNKNOWN) }));
    const searchable = indexes.some((i) => i.state !== 'degraded');
    const rerankable = this.models.state === 'ok' || this.models.state === 'unknown';
    const degraded = [...indexes, this.models, this.lexicons].some((c) => c.state === 'degraded');
    const status: OverallStatus = !searchable && !rerankable ? 'unavailable' : degraded ? 'degraded' : 'ok';
    return { status, indexes, models: this.models, lexicons: this.lexicons };
  }

  private verdict(error: unknown): ComponentHealth {
    const checked_at = new Date(this.now()).toISOString();
    if (error === undefined) return { state: 'ok', reason: null, checked_at };
    const reason = clientMessage(error instanceof Error ? error.message : String(error));
    return { state: 'degraded', reason, checked_at };
  }
}

/**
 * Reports every index access of `catalog` to `board`: an open that succeeds (or a build in
 * memory) is ok, one that fails as unavailable (503) is degraded. A name the server does not
 * have (404) or a request that gave up before the open ended says nothing about the index.
 */
export function watchIndexes(catalog: IndexCatalog, board: HealthBoard): IndexCatalog {
  const get = catalog.get.bind(catalog);
  catalog.get = async (...args: Parameters<IndexCatalog['get']>) => {
    const name = args[0] ?? catalog.defaultName;
    try {
      const index = await get(...args);
      board.index(name);
      return index;
    } catch (error) {
      if (error instanceof ApiError && error.status === 503) board.index(name, error);
      throw error;
    }
  };
  return catalog;
}
