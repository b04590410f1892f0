/**
 * Cold-start work done before a container's first request instead of during
 * it: requests that open every index (manifest + shard heads) and read the
 * models' routing table. lib/api keeps both warm afterwards. Model sessions
 * themselves load on the first rerank that needs them (lib/rerank caches them).
 */
import type { ApiApp, ApiLog, UsageSink } from '../../lib/api/index.js';

/** GETs whose handlers open what later requests need; failures only delay that to the first request. */
export const WARM_UP_PATHS = ['/v1/indexes', '/v1/models'] as const;

/** A usage sink that drops what the warm-up requests would record: nobody asked for them. */
export class WarmUpUsageFilter implements UsageSink {
  private warming = false;
  readonly history: UsageSink['history'];
  readonly close: UsageSink['close'];

  constructor(private readonly inner: UsageSink) {
    this.history = inner.history ? () => inner.history!() : undefined;
    this.close = inner.close ? () => inner.close!() : undefined;
  }

  record(entry: Parameters<UsageSink['record']>[0]): void | Promise<void> {
    if (!this.warming) return this.inner.record(entry);
  }

  /** Runs `work` with recording off. Only valid before the container serves requests. */
  async muted<T>(work: () => Promise<T>): Promise<T> {
    this.warming = true;
    try {
      return await work();
    } finally {
      this.warming = false;
    }
  }
}

/**
 * `bindings`: the c.env the requests carry, shaped like a real invocation's where admission
 * needs it (gateway auth reads the key id from the event).
 */
export async function warmUp(
  app: ApiApp,
  usage: WarmUpUsageFilter,
  log: ApiLog,
  bindings?: object,
): Promise<void> {
  await usage.muted(async () => {
    for (const path of WARM_UP_PATHS) {
      const response = await app.request(path, undefined, bindings);
      if (!response.ok)
        log.warn(`warm-up ${path} answered ${response.status}`, { body: await response.text() });
    }
  });
}
